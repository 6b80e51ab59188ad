"""Enter or import who was on a ward in a period: counts by the about-you categories, every
category adding up to the same number of people, checked whole before anything is stored."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select

from coprod.extensions import db
from coprod.models import PopulationCount, User, Ward, WardPopulation
from coprod.services import audit
from coprod.services.dashboards.participation import NOT_KNOWN, Category

CSV_COLUMNS = ("category", "value", "count")
MAX_COUNT = 100_000
MAX_ROWS = 500

Counts = dict[tuple[str, str], int]


def category_problems(
    categories: Sequence[Category], counts: Mapping[tuple[str, str], int], total: int
) -> dict[str, str]:
    """Return {category id: problem} for each category whose counts do not add up to total."""
    problems = {}
    for category in categories:
        added = sum(counts.get((category.id, v), 0) for v, _ in category.population_options)
        if added != total:
            problems[category.id] = (
                f"{category.name} adds up to {added}, not {total}: "
                f"count everyone once, with anyone whose {category.name.lower()} is not "
                f"recorded as {_quoted('Not known or not recorded')}"
            )
    return problems


def _quoted(text: str) -> str:
    return f"\u2018{text}\u2019"


def parse_csv(data: bytes, categories: Sequence[Category]) -> tuple[Counts, int, list[str]]:
    """Return (counts, total, problems) from a CSV file of category,value,count rows; a
    category the file leaves out counts everyone as not known. Problems name their row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, 0, ["The file must be a CSV file saved as UTF-8 text"]
    try:
        return _parse_rows(csv.reader(io.StringIO(text)), categories)
    except csv.Error as exc:
        return {}, 0, [f"The file cannot be read as CSV: {exc}"]


def _parse_rows(reader, categories: Sequence[Category]) -> tuple[Counts, int, list[str]]:
    """Return (counts, total, problems) from the rows of a file; see parse_csv."""
    problems: list[str] = []
    header = [cell.strip().lower() for cell in next(reader, [])]
    if tuple(header) != CSV_COLUMNS:
        return {}, 0, ["Row 1: the first row must be the column names category,value,count"]
    by_id = {c.id: c for c in categories}
    counts: Counts = {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if number > MAX_ROWS + 1:
            problems.append(f"The file has more than {MAX_ROWS} rows")
            break
        problem = _row_problem(row, by_id, counts)
        if problem:
            problems.append(f"Row {number}: {problem}")
            continue
        counts[(row[0].strip(), row[1].strip())] = int(row[2].strip())
    if not counts and not problems:
        problems.append("The file has no counts in it")
    if problems:
        return {}, 0, problems
    sums = {
        cid: sum(n for (c, _v), n in counts.items() if c == cid) for cid in {c for c, _ in counts}
    }
    total = max(sums.values())
    for cid in sorted(set(by_id) - set(sums)):
        counts[(cid, NOT_KNOWN)] = total
    problems = list(category_problems(categories, counts, total).values())
    return (counts, total, []) if not problems else ({}, 0, problems)


def _row_problem(row: list[str], categories: Mapping[str, Category], seen: Counts) -> str:
    if len(row) != len(CSV_COLUMNS):
        return "a row needs three values: category, value and count"
    category_id, value, count = (cell.strip() for cell in row)
    category = categories.get(category_id)
    if category is None:
        return f"{_quoted(category_id)} is not a category; use one of {', '.join(categories)}"
    values = [v for v, _ in category.population_options]
    if value not in values:
        return f"{_quoted(value)} is not a value of {category_id}; use one of {', '.join(values)}"
    if (category_id, value) in seen:
        return f"{category_id},{value} is counted twice"
    # isdigit alone passes digits such as "²" that int() refuses; only 0-9 are counts.
    if not (count.isascii() and count.isdigit()) or int(count) > MAX_COUNT:
        return f"the count must be a whole number from 0 to {MAX_COUNT}, not {_quoted(count)}"
    return ""


def save_population(
    ward: Ward,
    starts_on: date,
    ends_on: date,
    counts: Mapping[tuple[str, str], int],
    total: int,
    *,
    actor: User | None,
    imported: bool = False,
) -> WardPopulation:
    """Store who was on the ward in the period, replacing counts entered for the same
    period, and audit it; the caller commits."""
    population = db.session.scalar(
        select(WardPopulation).where(
            WardPopulation.ward_id == ward.id,
            WardPopulation.starts_on == starts_on,
            WardPopulation.ends_on == ends_on,
        )
    )
    replaced = population is not None
    if population is None:
        population = WardPopulation(ward=ward, starts_on=starts_on, ends_on=ends_on)
        db.session.add(population)
    else:
        # Old counts go first: the new ones take the same (category, value) places.
        population.counts.clear()
        db.session.flush()
    population.total = total
    population.entered_by_id = actor.id if actor is not None else None
    population.counts = [
        PopulationCount(category=category, value=value, count=count)
        for (category, value), count in sorted(counts.items())
        if count
    ]
    db.session.flush()
    # No counts in the log: small numbers of patients could identify someone.
    audit.record(
        actor,
        "population.import" if imported else "population.enter",
        population,
        trust_id=ward.site.trust_id,
        ward_name=ward.name,
        starts_on=starts_on.isoformat(),
        ends_on=ends_on.isoformat(),
        replaced=replaced,
    )
    return population
