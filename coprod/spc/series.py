"""A series as CSV: `date,value` rows in, one row per charted point out.

Reading checks every row and reports each problem with its line number; nothing is returned
unless the whole file is good. Dates are ISO (2026-03-02); values are plain numbers.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from datetime import date
from typing import IO

from coprod.spc.engine import Chart

COLUMNS = ("date", "value")
OUT_COLUMNS = (
    "date",
    "value",
    "mean",
    "lower_limit",
    "upper_limit",
    "near_lower",
    "near_upper",
    "point_type",
    "rules",
)
MAX_ROWS = 10_000


class SeriesError(ValueError):
    """A series file was refused; problems holds one located message per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if len(problems) == 1 else f"{len(problems)} problems")
        self.problems = problems


def read_series(lines: Iterable[str], *, extra: tuple[str, ...] = ()) -> list[dict]:
    """Return the rows of a `date,value` CSV (plus any optional extra columns) as dicts with
    a date and a float value, in file order, or raise SeriesError listing every problem."""
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        raise SeriesError(["line 1: the file is empty; it needs a header row: date,value"])
    names = [h.strip().lower() for h in header]
    problems = []
    missing = [c for c in COLUMNS if c not in names]
    unknown = [n for n in names if n not in COLUMNS + extra]
    if missing:
        problems.append(f"line 1: the header needs the columns {', '.join(missing)}")
    if unknown:
        problems.append(f"line 1: unknown column {unknown[0]!r}; expected date,value")
    if problems:
        raise SeriesError(problems)
    rows: list[dict] = []
    seen: dict[date, int] = {}
    for number, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(rows) >= MAX_ROWS:
            problems.append(f"line {number}: more than {MAX_ROWS} rows")
            break
        if len(raw) != len(names):
            problems.append(f"line {number}: {len(raw)} cells where the header has {len(names)}")
            continue
        cells = {name: cell.strip() for name, cell in zip(names, raw, strict=True)}
        row, problem = _row(cells, number)
        if problem:
            problems.append(problem)
            continue
        key = (row["date"], *(row.get(e) for e in extra))
        if key in seen:
            problems.append(
                f"line {number}: {row['date'].isoformat()} is already on line {seen[key]}"
            )
            continue
        seen[key] = number
        rows.append(row)
    if not rows and not problems:
        problems.append("the file has a header but no rows")
    if problems:
        raise SeriesError(problems)
    return rows


def _row(cells: dict[str, str], number: int) -> tuple[dict, str | None]:
    try:
        day = date.fromisoformat(cells["date"])
    except ValueError:
        return {}, f"line {number}: date {cells['date']!r} is not a date like 2026-03-02"
    try:
        value = float(cells["value"])
    except ValueError:
        return {}, f"line {number}: value {cells['value']!r} is not a number"
    if not math.isfinite(value):
        return {}, f"line {number}: value {cells['value']!r} is not a finite number"
    return {**cells, "date": day, "value": value}, None


def _number(x: float) -> str:
    return f"{x:.6g}"


def write_chart(chart: Chart, out: IO[str]) -> None:
    """Write one row per point: its value, its group's limits, its type and its rules."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUT_COLUMNS)
    for p in chart.points:
        writer.writerow(
            [
                p.date.isoformat(),
                _number(p.value),
                _number(p.mean),
                _number(p.lower_limit),
                _number(p.upper_limit),
                _number(p.near_lower),
                _number(p.near_upper),
                p.point_type,
                ";".join(p.rules),
            ]
        )
