"""Reading an incident file: a CSV of date,value rows (with an optional ward column),
checked row by row with every problem located, and added up into weeks from Monday.

Pure: no database. The trust's ward codes come in as a mapping.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta

MAX_BYTES = 1_000_000
MAX_ROWS = 20_000
COLUMNS = ("date", "value")
OPTIONAL = ("ward",)


class IncidentImportError(ValueError):
    """An import was refused; problems holds (field, message) pairs, the file's by row."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems[0][1] if len(problems) == 1 else f"{len(problems)} problems")
        self.problems = problems


def _day(text: str) -> date | None:
    """Read an ISO date (2026-03-02) or a UK one (02/03/2026), as spreadsheets save them."""
    for shape in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, shape).date()
        except ValueError:
            pass
    return None


def _value(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def read_file(
    data: bytes, ward_codes: dict[str, int], ward_id: int | None, today: date
) -> tuple[dict[tuple[int, date], float], int]:
    """Return ({(ward id, Monday): the week's total}, rows read) from a CSV file, or raise
    IncidentImportError listing every problem. ward_codes maps the trust's ward codes (in
    capitals) to ids; ward_id is the ward of a file without a ward column."""
    if len(data) > MAX_BYTES:
        raise _file_error(f"The file is larger than {MAX_BYTES // 1_000_000} MB: split it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(
            "The file is not UTF-8 text: save it from your spreadsheet as CSV UTF-8"
        ) from None
    if not text.strip():
        raise _file_error("The file is empty: it needs a header row date,value")
    problems: list[tuple[str, str]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        totals, rows = _rows(reader, ward_codes, ward_id, today, problems)
    except csv.Error as exc:
        raise _file_error(f"The file cannot be read as CSV: {exc}") from None
    if problems:
        raise IncidentImportError(problems)
    return totals, rows


def _file_error(message: str) -> IncidentImportError:
    return IncidentImportError([("file", message)])


def _rows(
    reader: Iterable[list[str]],
    ward_codes: dict[str, int],
    ward_id: int | None,
    today: date,
    problems: list[tuple[str, str]],
) -> tuple[dict[tuple[int, date], float], int]:
    """Check every row, adding its problems; return the weeks' totals and the rows read."""
    rows_in = iter(reader)
    names = [h.strip().lower() for h in next(rows_in)]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        problems.append(("file", f"row 1: the header needs the column {' and '.join(missing)}"))
    for name in sorted({n for n in names if n not in COLUMNS + OPTIONAL}):
        label = f"{name!r}" if name else "with no name"
        problems.append(
            ("file", f"row 1: unknown column {label}; the columns are date, value and ward")
        )
    for name in sorted({n for n in names if names.count(n) > 1 and n}):
        problems.append(("file", f"row 1: the column {name} appears more than once"))
    if problems:
        return {}, 0
    has_ward = "ward" in names
    if not has_ward and ward_id is None:
        problems.append(
            ("ward", "The file has no ward column: choose the ward its figures are for")
        )
    totals: dict[tuple[int, date], float] = {}
    seen: dict[tuple[int | None, date], int] = {}
    count = 0
    for number, raw in enumerate(rows_in, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        count += 1
        if count > MAX_ROWS:
            # First, since splitting the file comes before mending its rows.
            problems.insert(0, ("file", f"The file has more than {MAX_ROWS:,} rows: split it"))
            break
        if len(raw) != len(names):
            problems.append(
                ("file", f"row {number}: {len(raw)} cells where the header has {len(names)}")
            )
            continue
        cells = {name: cell.strip() for name, cell in zip(names, raw, strict=True)}
        found = []
        day = _day(cells["date"])
        if day is None:
            found.append(f"the date {cells['date'][:30]!r} is not a date like 2026-03-02")
        elif day > today:
            found.append(f"the date {day.isoformat()} is in the future")
        value = _value(cells["value"])
        if value is None:
            found.append("the value must be a number of 0 or more")
        ward = ward_id
        if has_ward and cells["ward"]:
            ward = ward_codes.get(cells["ward"].upper())
            if ward is None:
                found.append(f"no ward {cells['ward'][:30]} in this trust")
        elif has_ward and ward_id is None:
            found.append("the ward is missing")
        if found:
            problems.extend(("file", f"row {number}: {problem}") for problem in found)
            continue
        if (ward, day) in seen:
            problems.append(
                ("file", f"row {number}: the same ward and date as row {seen[(ward, day)]}")
            )
            continue
        seen[(ward, day)] = number
        if ward is None:
            continue  # no ward column and none chosen: said once above
        monday = day - timedelta(days=day.weekday())
        totals[(ward, monday)] = totals.get((ward, monday), 0.0) + value
    if count == 0 and not problems:
        problems.append(("file", "The file has a header but no rows"))
    return totals, count
