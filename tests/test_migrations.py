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
    "text_codings",
    "theme_codes",
    "theme_corrections",
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
