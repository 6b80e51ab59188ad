"""Shared set-up for the survey benchmarks: a migrated database with an open survey."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from flask_migrate import upgrade

from coprod import create_app
from coprod.config import TestConfig
from coprod.extensions import db
from coprod.services import devices, org, survey_files


def prepared_database(fresh_postgres: bool = True) -> str:
    """Return a new database URL with the surveys recorded and a ward with them open.

    With DATABASE_URL set to PostgreSQL, a database named after it plus `_bench` is
    dropped and made again; otherwise a SQLite file in a temporary folder is used.
    """
    url = os.environ.get("DATABASE_URL")
    if url and fresh_postgres:
        url = _fresh_postgres(url)
    elif not url:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='coprod-bench-')) / 'bench.db'}"
    app = create_app(TestConfig(url))
    with app.app_context():
        upgrade()
        survey_files.register_versions(survey_files.load_directory(app.config["COPROD_SURVEY_DIR"]))
        trust = org.create_trust(code="BENCH", name="Benchmark Trust", actor=None)
        site = org.create_site(trust, name="Bench Hospital", actor=None)
        from coprod.models import WardType

        ward = org.create_ward(
            site, code="BENCH-W1", name="Bench Ward", ward_type=WardType.ACUTE_ADULT, actor=None
        )
        for survey_id in ("ward-weather", "patient-sexual-safety"):
            devices.open_survey(ward, survey_id, actor=None)
        db.session.commit()
        db.engine.dispose()
    return url


def _fresh_postgres(url: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{parsed.database}_bench"
    admin = parsed.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parsed.set(database=name).render_as_string(hide_password=False)


def report(message: str, *args: object) -> None:
    """Write one line of figures to standard output (logging set-up by Alembic may hide logs)."""
    sys.stdout.write((message % args if args else message) + "\n")
    sys.stdout.flush()
