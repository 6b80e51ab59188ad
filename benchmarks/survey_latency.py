"""Print page and submit latency with 50 respondents answering at once.

Starts gunicorn on a loopback port against a fresh database (SQLite, or a new
PostgreSQL database next to DATABASE_URL), then 50 client threads each complete
the one-tap ward weather several times through its personal link (the start page, the
question, and the tap that sends it). Target: p95 under
50 ms for pages and for submits. Figures include the client's own overhead.

Run: .venv/bin/python benchmarks/survey_latency.py [--respondents 50] [--rounds 4]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._setup import prepared_database, report  # noqa: E402

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Respondent:
    """One person's browser: cookies, and timings of what they waited for."""

    def __init__(self, base: str, pages: list[float], submits: list[float], think: float) -> None:
        self.base = base
        self.think = think
        self.rng = random.Random()
        self.pages = pages
        self.submits = submits
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def _call(self, path: str, data: dict | None, into: list[float]) -> tuple[str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        if self.think:
            # People read and tap between pages; nobody submits 50 forms a second.
            time.sleep(self.think * self.rng.uniform(0.5, 1.5))
        started = time.perf_counter()
        with self.opener.open(self.base + path, data=body, timeout=30) as reply:
            text = reply.read().decode()
            url = reply.geturl()
        into.append(time.perf_counter() - started)
        return text, url

    def answer_survey(self, code: str) -> None:
        """Answer the ward weather once: its first page is the question, and one tap sends."""
        page, _ = self._call(f"/s/{code}", None, self.pages)
        tap_page, url = self._call(
            f"/s/{code}",
            {"csrf_token": CSRF.search(page).group(1), "variant": "standard"},
            self.pages,
        )
        token = urllib.parse.urlsplit(url).path.split("/")[2]
        csrf = CSRF.search(tap_page).group(1)
        self._call(f"/r/{token}/tap", {"csrf_token": csrf, "answer": "calm"}, self.submits)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000 if len(values) > 1 else 0.0


def main() -> int:
    """Run the load and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean seconds a respondent spends on a page; 0 for a stress test",
    )
    args = parser.parse_args()

    url = prepared_database(fresh_postgres=True)
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "COPROD_LOGIN_RATE_LIMIT": "10000 per minute"}
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--workers",
            str(args.workers),
            "--threads",
            "8",
            "--worker-class",
            "gthread",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        from coprod import create_app
        from coprod.config import TestConfig
        from coprod.extensions import db
        from coprod.models import Response, WardSurvey

        app = create_app(TestConfig(url))
        with app.app_context():
            code = db.session.scalar(
                db.select(WardSurvey.link_code).where(WardSurvey.survey_id == "ward-weather")
            )
        pages: list[float] = []
        submits: list[float] = []
        errors: list[BaseException] = []

        def run() -> None:
            person = Respondent(base, pages, submits, args.think)
            for _ in range(args.rounds):
                try:
                    person.answer_survey(code)
                except Exception as exc:  # a failed respondent is counted, not hidden
                    errors.append(exc)

        threads = [threading.Thread(target=run) for _ in range(args.respondents)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        with app.app_context():
            stored = db.session.scalar(db.select(db.func.count()).select_from(Response))
            db.engine.dispose()
    finally:
        server.terminate()
        server.wait(timeout=30)
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    report(
        "%s, %d concurrent respondents x %d surveys, %.1f s mean think time, "
        "gunicorn %d workers x 8 threads",
        backend,
        args.respondents,
        args.rounds,
        args.think,
        args.workers,
    )
    report(
        "pages:   %5d requests  p50 %6.1f ms  p95 %6.1f ms  (target p95 < 50 ms)",
        len(pages),
        _p(pages, 50),
        _p(pages, 95),
    )
    report(
        "submits: %5d requests  p50 %6.1f ms  p95 %6.1f ms  (target p95 < 50 ms)",
        len(submits),
        _p(submits, 50),
        _p(submits, 95),
    )
    report(
        "%d responses stored for %d completed surveys, %d errors, %.1f s in all",
        stored,
        len(submits),
        len(errors),
        elapsed,
    )
    return 1 if errors or stored != len(submits) else 0


if __name__ == "__main__":
    sys.exit(main())
