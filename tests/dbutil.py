"""Make fresh, migrated test databases on SQLite or on the PostgreSQL in DATABASE_URL."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from coprod import create_app
from coprod.config import TestConfig


def base_url() -> str | None:
    """Return the PostgreSQL URL the suite should use, or None for SQLite."""
    url = os.environ.get("DATABASE_URL")
    return url or None


def _admin_conninfo(url: str) -> tuple[str, str]:
    parsed = make_url(url.replace("postgresql+psycopg://", "postgresql://"))
    admin = parsed.set(drivername="postgresql", database="postgres")
    return admin.render_as_string(hide_password=False), parsed.database


def fresh_database(tmp_dir: Path, suffix: str) -> str:
    """Return the URL of a new empty database named for the suffix."""
    url = base_url()
    if url is None:
        path = tmp_dir / f"{suffix}.db"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin, name = _admin_conninfo(url)
    db_name = f"{name}_{suffix}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db_name}"')
    return str(
        make_url(url.replace("postgresql://", "postgresql+psycopg://"))
        .set(database=db_name)
        .render_as_string(hide_password=False)
    )


def drop_database(url: str) -> None:
    """Remove a database made by fresh_database."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    admin, name = _admin_conninfo(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate(url: str) -> None:
    """Upgrade the database at url to the newest schema."""
    from flask_migrate import upgrade

    app = create_app(TestConfig(url))
    with app.app_context():
        upgrade()
        from coprod.extensions import db

        db.engine.dispose()


def copy_sqlite(template_url: str, target: Path) -> str:
    """Copy a migrated SQLite template file and return the copy's URL."""
    shutil.copyfile(template_url.removeprefix("sqlite:///"), target)
    return f"sqlite:///{target}"
