"""Shared set-up for the survey benchmarks: a migrated database with an open survey."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flask_migrate import upgrade

from coprod import create_app
from coprod.config import TestConfig
from coprod.extensions import db
from coprod.services import devices, org, survey_files


def prepared_database() -> str:
    """Return a database URL with the surveys recorded and a ward with them open."""
    url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{Path(tempfile.mkdtemp(prefix='coprod-bench-')) / 'bench.db'}"
    )
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
