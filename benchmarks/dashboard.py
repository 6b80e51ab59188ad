"""Print how long the dashboards take with 50 wards and 100,000 responses.

Builds a fresh database (SQLite, or a new PostgreSQL database next to DATABASE_URL) with
one trust of 50 wards and 100,000 responses over 26 weeks (four in five to the ward
weather, one in five to the staff ward climate survey, whose five measures make a ward page
of five charts), signs in a facilitator, and times, warm, through real HTTP in the Flask
test client: the measures overview of every ward, one ward's page of charts, the
overview's downloads (CSV, XLSX) and one ward's (XLSX), and beside them the health check, a
trivial page of the same app, measured in the same run. Target: under 300 ms each.

Then it prints the database's plan for each query that counts a measure, so that the
indexes they use can be checked (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on
PostgreSQL).

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
        version, staff = (
            db.session.scalar(
                select(SurveyVersion).where(
                    SurveyVersion.survey_id == survey_id, SurveyVersion.variant == "standard"
                )
            )
            for survey_id in ("ward-weather", "staff-ward-climate")
        )
        staff_questions = [
            (m.question, responses.definition_of(staff).question(m.question).answer_values())
            for m in responses.definition_of(staff).measures()
        ]
        monday = responses.week_of(local_today())
        weeks = [monday - timedelta(weeks=i) for i in range(26)]
        choices = ["calm", "fairly_calm", "mixed", "tense", "stormy"]
        rng = random.Random(7)
        batch_r, batch_a = [], []
        for n in range(total):
            rid = random_id()
            of_staff = n % 5 == 4
            batch_r.append(
                {
                    "id": rid,
                    "submission_key": f"bench-{n}",
                    "ward_id": rng.choice(ward_ids),
                    "survey_version_id": (staff if of_staff else version).id,
                    "audience": "staff" if of_staff else "patient",
                    "variant": "standard",
                    "language": "en",
                    "mode": "kiosk",
                    "week": rng.choice(weeks),
                }
            )
            if of_staff:
                batch_a.extend(
                    {"id": random_id(), "response_id": rid, "question_id": question,
                     "choice": rng.choice(values)}
                    for question, values in staff_questions
                )  # fmt: skip
            else:
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
        "one ward's 5 charts": _time(
            client, f"/dashboards/wards/{ward_id}?survey=staff-ward-climate", args.repeat
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
    _plans(app, client, url)


def _plans(app, client, url: str) -> None:
    """Print the plan of the busiest query that counts a measure on the overview page."""
    from sqlalchemy import event

    from coprod.extensions import db

    with app.app_context():
        engine = db.engine
    seen: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        if "JOIN answers" in statement and "GROUP BY" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    client.get("/dashboards?survey=staff-ward-climate")
    event.remove(engine, "before_cursor_execute", keep)
    postgres = url.startswith("postgresql")
    with engine.connect() as conn:
        raw = conn.connection.driver_connection.cursor()

        def rows_of(query) -> int:
            raw.execute(*query)
            return len(raw.fetchall())

        # The survey version with the most answers (one query per version is run).
        busiest = max(seen, key=rows_of, default=None)
        if busiest is None:
            return
        statement, parameters = busiest
        explain = "EXPLAIN ANALYZE " if postgres else "EXPLAIN QUERY PLAN "
        raw.execute(explain + statement, parameters)
        rows = raw.fetchall()
    if rows:
        report("plan of the query counting a measure for every ward (one per survey version):")
        for row in rows:
            report("  %s", row[0] if postgres else row[-1])


if __name__ == "__main__":
    main()
