"""Print the bytes a phone downloads for a survey's first question page, all assets included.

Target: under 60 KB compressed (gzip, as a reverse proxy serves it).
Run: .venv/bin/python benchmarks/survey_page_weight.py
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._setup import prepared_database, report
from coprod import create_app
from coprod.config import TestConfig
from coprod.extensions import db
from coprod.models import WardSurvey

ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
IMPORT = re.compile(r"""import\s+(?:[^'"]+from\s+)?['"]([^'"]+)['"]""")


def main() -> int:
    """Fetch the page and everything it loads; print raw and gzip sizes."""
    app = create_app(TestConfig(prepared_database()))
    client = app.test_client()
    with app.app_context():
        code = db.session.scalar(
            db.select(WardSurvey.link_code).where(WardSurvey.survey_id == "ward-weather")
        )
    page = client.get(f"/s/{code}").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    start = client.post(f"/s/{code}", data={"csrf_token": csrf, "variant": "easy_read"})
    token = start.headers["Location"].rsplit("/", 1)[-1]
    html = client.get(f"/r/{token}").get_data(as_text=True)
    first = re.search(r'href="(/r/[^"]+/q/[^"]+)"', html).group(1)
    files = {first: client.get(first).get_data()}
    queue = ASSET.findall(files[first].decode())
    while queue:
        path = queue.pop()
        if path in files:
            continue
        body = client.get(path).get_data()
        files[path] = body
        if path.endswith((".mjs", ".js")):
            base = path.rsplit("/", 1)[0]
            for imported in IMPORT.findall(body.decode()):
                queue.append(
                    str(Path(base, imported).resolve()) if imported.startswith(".") else imported
                )
    total_raw = total_gzip = 0
    for path, body in sorted(files.items()):
        packed = len(gzip.compress(body, compresslevel=6))
        total_raw += len(body)
        total_gzip += packed
        report("%8d bytes  %7d gzip  %s", len(body), packed, path)
    report(
        "first question page: %d files, %.1f KB raw, %.1f KB gzip (target < 60 KB)",
        len(files),
        total_raw / 1024,
        total_gzip / 1024,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
