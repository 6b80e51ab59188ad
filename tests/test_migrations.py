"""Migrations run unchanged on SQLite and PostgreSQL: empty to head, and back to empty."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from coprod import create_app
from coprod.config import TestConfig
from coprod.extensions import db
from tests import dbutil

EXPECTED = {
    "trusts",
    "sites",
    "wards",
    "users",
    "user_trusts",
    "audit_events",
    "survey_versions",
    "devices",
    "ward_surveys",
    "drafts",
    "responses",
    "answers",
    "safeguarding_items",
    "safeguarding_actions",
    "alerts",
    "end_pages",
    "sent_drafts",
    "text_codings",
    "theme_codes",
    "theme_corrections",
    "change_ideas",
    "pdsa_notes",
    "aims",
    "incident_series",
    "incident_values",
    "ward_populations",
    "population_counts",
}


def _tables(url: str) -> set[str]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_to_head_and_back_down(tmp_path):
    url = dbutil.fresh_database(tmp_path, "migrations")
    try:
        app = create_app(TestConfig(url))
        with app.app_context():
            upgrade()
            assert _tables(url) == EXPECTED
            downgrade(revision="base")
            assert _tables(url) == set()
            upgrade()
            assert _tables(url) == EXPECTED
            db.engine.dispose()
    finally:
        dbutil.drop_database(url)


def test_models_match_the_migrations(tmp_path):
    """A model change without a migration fails here, before it reaches a real database."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    url = dbutil.fresh_database(tmp_path, "drift")
    try:
        app = create_app(TestConfig(url))
        with app.app_context():
            upgrade()
            with db.engine.connect() as conn:
                context = MigrationContext.configure(conn, opts={"compare_type": True})
                diff = compare_metadata(context, db.metadata)
            db.engine.dispose()
        assert not diff, diff
    finally:
        dbutil.drop_database(url)


def test_flags_from_before_the_queue_become_new_items_and_back(tmp_path):
    url = dbutil.fresh_database(tmp_path, "flags")
    statements = [
        "INSERT INTO trusts (id, code, name, created_at, read_free_text)"
        " VALUES (1, 'RX1', 'Trust', '2026-11-01 00:00:00', 'sexual_safety')",
        "INSERT INTO sites (id, trust_id, name, created_at) VALUES (1, 1, 'Site', '2026-11-01')",
        "INSERT INTO wards (id, site_id, code, name, ward_type, is_active, created_at)"
        " VALUES (1, 1, 'W1', 'Ward', 'picu', TRUE, '2026-11-01')",
        "INSERT INTO survey_versions (id, survey_id, content_hash, title, audience, variant,"
        " language, definition, source_file, first_loaded_at)"
        " VALUES (1, 's', 'h', 'S', 'patient', 'standard', 'en', '{}', '', '2026-11-01')",
        "INSERT INTO responses (id, submission_key, ward_id, survey_version_id, audience,"
        " variant, language, mode, week) VALUES (1, 'k', 1, 1, 'patient', 'standard', 'en',"
        " 'kiosk', '2026-11-16')",
        "INSERT INTO safeguarding_flags (response_id, trust_id, concerns, status, week)"
        " VALUES (1, 1, '[\"suicidal\"]', 'open', '2026-11-16')",
    ]
    try:
        app = create_app(TestConfig(url))
        with app.app_context():
            upgrade(revision="bbf949ec7a32")
            with db.engine.begin() as conn:
                # The trusts column arrives with the queue; add the row without it.
                for sql in statements:
                    conn.exec_driver_sql(
                        sql.replace(", read_free_text)", ")").replace(", 'sexual_safety')", ")")
                    )
            upgrade()
            with db.engine.connect() as conn:
                rows = conn.exec_driver_sql(
                    "SELECT response_id, ward_id, flagged, concerns, state, raised_hour"
                    " FROM safeguarding_items"
                ).all()
                (new_id,) = conn.exec_driver_sql("SELECT id FROM responses").one()
            assert len(rows) == 1
            response_id, ward_id, flagged, concerns, state, raised = rows[0]
            # The response was given a random id, and its item followed it.
            assert new_id >= 2**32
            assert (response_id, ward_id, bool(flagged), state) == (new_id, 1, True, "new")
            assert "suicidal" in str(concerns) and raised is not None
            downgrade(revision="bbf949ec7a32")
            with db.engine.connect() as conn:
                flags = conn.exec_driver_sql(
                    "SELECT response_id, status FROM safeguarding_flags"
                ).all()
            assert flags == [(1, "open")]
            db.engine.dispose()
    finally:
        dbutil.drop_database(url)
