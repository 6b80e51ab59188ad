"""Print how long the dashboards take with 50 wards and 100,000 responses.

Builds a fresh database (SQLite, or a new PostgreSQL database next to DATABASE_URL) with
one trust of 50 wards and 100,000 ward weather responses over 26 weeks, signs in a
facilitator, and times, warm, through real HTTP in the Flask test client: the measures
overview of every ward, one ward's page of charts, the overview's downloads (CSV, XLSX) and
one ward's (XLSX), and beside them the health check, a trivial page of the same app,
measured in the same run. Target: under 300 ms each.

Run: .venv/bin/python benchmarks/dashboard.py [--wards 50] [--responses 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._setup import prepared_database, report  # noqa: E402


def _fill(app, wards: int, total: int) -> tuple[int, str, str]:
    """Add wards and responses; return a ward id and a facilitator's e-mail and password."""
    from sqlalchemy import insert, select, text

    from coprod.extensions import db
    from coprod.models import Answer, Response, Role, Site, SurveyVersion, Ward, WardType
    from coprod.models.base import local_today, random_id
    from coprod.services import accounts, responses

    with app.app_context():
        site = db.session.scalar(select(Site))
        made = [
            Ward(site=site, code=f"BENCH-X{i}", name=f"Ward {i}", ward_type=WardType.ACUTE_ADULT)
            for i in range(wards - 1)
        ]
        db.session.add_all(made)
        db.session.flush()
        ward_ids = [w.id for w in db.session.scalars(select(Ward))]
        version = db.session.scalar(
            select(SurveyVersion).where(
                SurveyVersion.survey_id == "ward-weather", SurveyVersion.variant == "standard"
            )
        )
        monday = responses.week_of(local_today())
        weeks = [monday - timedelta(weeks=i) for i in range(26)]
        choices = ["calm", "fairly_calm", "mixed", "tense", "stormy"]
        rng = random.Random(7)
        batch_r, batch_a = [], []
        for n in range(total):
            rid = random_id()
            batch_r.append(
                {
                    "id": rid,
                    "submission_key": f"bench-{n}",
                    "ward_id": rng.choice(ward_ids),
                    "survey_version_id": version.id,
                    "audience": "patient",
                    "variant": "standard",
                    "language": "en",
                    "mode": "kiosk",
                    "week": rng.choice(weeks),
                }
            )
            batch_a.append(
                {"id": random_id(), "response_id": rid, "question_id": "weather",
                 "choice": rng.choice(choices)}
            )  # fmt: skip
            if len(batch_r) == 5000:
                db.session.execute(insert(Response), batch_r)
                db.session.execute(insert(Answer), batch_a)
                batch_r, batch_a = [], []
        if batch_r:
            db.session.execute(insert(Response), batch_r)
            db.session.execute(insert(Answer), batch_a)
        trust = site.trust
        password = secrets.token_urlsafe(16)
        user = accounts.create_user(
            email="bench@example.nhs.uk",
            password=password,
            role=Role.FACILITATOR,
            trusts=[trust],
            actor=None,
        )
        db.session.commit()
        # As autovacuum would soon after a load this size: the planner needs the statistics.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
        return ward_ids[0], user.email, password


def _time(client, path: str, repeat: int) -> float:
    """Return the median milliseconds of a warm GET (after one unmeasured call)."""
    assert client.get(path).status_code == 200, path
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        reply = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        assert reply.status_code == 200, path
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wards", type=int, default=50)
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from coprod import create_app
    from coprod.config import TestConfig

    url = prepared_database()
    app = create_app(TestConfig(url))
    started = time.perf_counter()
    ward_id, email, password = _fill(app, args.wards, args.responses)
    report("built %d wards and %d responses in %.0f s", args.wards, args.responses,
           time.perf_counter() - started)  # fmt: skip
    client = app.test_client()
    with app.app_context():
        login = client.get("/login").get_data(as_text=True)
    import re

    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', login).group(1)
    client.post("/login", data={"csrf_token": token, "email": email, "password": password})
    kind = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    bare = _time(client, "/healthz", args.repeat)
    figures = {
        "overview of every ward": _time(client, "/dashboards?survey=ward-weather", args.repeat),
        "one ward's charts": _time(
            client, f"/dashboards/wards/{ward_id}?survey=ward-weather", args.repeat
        ),
        # The downloads build their tables from the same counts as the pages, and write one
        # audit record each.
        "overview as CSV": _time(client, "/dashboards/export.csv?survey=ward-weather", args.repeat),
        "overview as XLSX": _time(
            client, "/dashboards/export.xlsx?survey=ward-weather", args.repeat
        ),
        "one ward as XLSX": _time(
            client, f"/dashboards/wards/{ward_id}/export.xlsx?survey=ward-weather", args.repeat
        ),
    }
    report("%s, %d wards, %d responses, median of %d warm requests", kind, args.wards,
           args.responses, args.repeat)  # fmt: skip
    report("health check (baseline): %7.1f ms", bare)
    for name, ms in figures.items():
        report("%-23s %7.1f ms  (%.0f x the baseline; target < 300 ms)", name + ":", ms, ms / bare)


if __name__ == "__main__":
    main()
