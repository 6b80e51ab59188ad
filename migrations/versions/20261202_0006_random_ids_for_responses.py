"""Random ids for responses and everything made from them (answers, their theme codings,
safeguarding items, alerts), so that the order of ids no longer keeps the order in which
people answered. Rows already stored are given random ids in the same step.

Audit entries are append-only, so those written before this step still name
safeguarding items by their former ids.

Revision ID: e2ee1a34c39f
Revises: f453d4f682df
Create Date: 2026-12-02 19:20:00.000000

"""
import random
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e2ee1a34c39f'
down_revision = 'f453d4f682df'
branch_labels = None
depends_on = None

FLOOR = 2**32

# Each table given random ids, with the columns elsewhere that hold them.
RENUMBERED = [
    ("responses", [("answers", "response_id", None), ("safeguarding_items", "response_id", None)]),
    ("answers", [
        ("text_codings", "source_id", "source = 'answer'"),
        ("theme_corrections", "source_id", "source = 'answer'"),
    ]),
    ("safeguarding_items", [("safeguarding_actions", "item_id", None), ("alerts", "item_id", None)]),
    ("alerts", []),
    ("text_codings", [("theme_codes", "coding_id", None)]),
    ("theme_codes", []),
]

# Foreign keys dropped while ids change (PostgreSQL checks them at once): name, table,
# column, referred table, on delete.
FOREIGN_KEYS = [
    ("fk_answers_response_id_responses", "answers", "response_id", "responses", "CASCADE"),
    ("fk_safeguarding_items_response_id_responses", "safeguarding_items", "response_id",
     "responses", None),
    ("fk_safeguarding_actions_item_id_safeguarding_items", "safeguarding_actions", "item_id",
     "safeguarding_items", "CASCADE"),
    ("fk_alerts_item_id_safeguarding_items", "alerts", "item_id", "safeguarding_items",
     "SET NULL"),
    ("fk_theme_codes_coding_id_text_codings", "theme_codes", "coding_id", "text_codings",
     "CASCADE"),
]

# Columns that become 64-bit on PostgreSQL (SQLite's INTEGER is 64-bit already).
WIDENED = [
    ("responses", "id"), ("answers", "id"), ("answers", "response_id"),
    ("safeguarding_items", "id"), ("safeguarding_items", "response_id"),
    ("safeguarding_actions", "item_id"), ("alerts", "id"), ("alerts", "item_id"),
    ("text_codings", "id"), ("text_codings", "source_id"), ("theme_codes", "id"),
    ("theme_codes", "coding_id"), ("theme_corrections", "source_id"),
]


def _random_ids(count):
    chosen = set()
    while len(chosen) < count:
        chosen.add(FLOOR + secrets.randbelow(2**63 - FLOOR))
    return list(chosen)


def _sequential_ids(count):
    # Downgrading gives small ids again, in a random order, so they keep no order either.
    ids = list(range(1, count + 1))
    random.SystemRandom().shuffle(ids)
    return ids


def _renumber(bind, new_ids):
    for table, holders in RENUMBERED:
        old = [row[0] for row in bind.execute(sa.text(f"SELECT id FROM {table}"))]
        if not old:
            continue
        bind.execute(sa.text(
            "CREATE TEMPORARY TABLE id_map (old_id BIGINT PRIMARY KEY, new_id BIGINT NOT NULL)"
        ))
        bind.execute(
            sa.text("INSERT INTO id_map (old_id, new_id) VALUES (:old, :new)"),
            [{"old": o, "new": n} for o, n in zip(old, new_ids(len(old)))],
        )
        for holder, column, where in holders:
            also = f" AND {where}" if where else ""
            bind.execute(sa.text(
                f"UPDATE {holder} SET {column} = (SELECT new_id FROM id_map"
                f" WHERE old_id = {holder}.{column})"
                f" WHERE {column} IN (SELECT old_id FROM id_map){also}"
            ))
        bind.execute(sa.text(
            f"UPDATE {table} SET id = (SELECT new_id FROM id_map WHERE old_id = {table}.id)"
        ))
        bind.execute(sa.text("DROP TABLE id_map"))


def _change(new_ids, column_type):
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    if postgres:
        for name, table, *_ in FOREIGN_KEYS:
            op.drop_constraint(name, table, type_="foreignkey")
        if column_type is sa.BigInteger:
            for table, column in WIDENED:
                op.alter_column(table, column, type_=sa.BigInteger(), existing_type=sa.Integer())
    else:
        # SQLite checks foreign keys at commit instead, once every id has moved.
        bind.execute(sa.text("PRAGMA defer_foreign_keys = ON"))
    _renumber(bind, new_ids)
    if postgres:
        if column_type is sa.Integer:
            for table, column in WIDENED:
                op.alter_column(table, column, type_=sa.Integer(), existing_type=sa.BigInteger())
            for table, _ in RENUMBERED:
                bind.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))
        for name, table, column, referred, ondelete in FOREIGN_KEYS:
            op.create_foreign_key(name, table, referred, [column], ["id"], ondelete=ondelete)


def upgrade():
    _change(_random_ids, sa.BigInteger)


def downgrade():
    _change(_sequential_ids, sa.Integer)
