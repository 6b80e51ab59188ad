"""Fixtures: a real database per test (SQLite, or PostgreSQL from DATABASE_URL) and the app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from coprod import create_app
from coprod.config import TestConfig
from coprod.extensions import db
from coprod.services import passwords
from tests import dbutil

passwords.use_fast_hashing()


class FreshContextClient(FlaskClient):
    """A test client whose every request gets its own app context, as in production.

    Without this, requests share the test's context: its database session and the
    signed-in user cached on `g`, which hides bugs such as sessions outliving a
    password change.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> Iterator[str]:
    """Create and migrate the suite's database once."""
    url = dbutil.fresh_database(tmp_path_factory.mktemp("db"), "tests")
    dbutil.migrate(url)
    yield url
    dbutil.drop_database(url)


def _empty_tables(url: str) -> None:
    """Empty every table on PostgreSQL, as the database owner may: with triggers set aside
    for this session, since the audit log refuses TRUNCATE too."""
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture
def database_url(template_database, tmp_path) -> str:
    """Return the URL of an empty, migrated database for this test."""
    if template_database.startswith("sqlite:///"):
        return dbutil.copy_sqlite(template_database, tmp_path / "test.db")
    _empty_tables(template_database)
    return template_database


@pytest.fixture
def app(database_url) -> Iterator[Flask]:
    """Return the app on an empty database, with an application context pushed."""
    application = create_app(TestConfig(database_url))
    application.test_client_class = FreshContextClient
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """Return a test client that sends real HTTP requests through Flask."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Return a runner for the app's flask commands."""
    return app.test_cli_runner()
