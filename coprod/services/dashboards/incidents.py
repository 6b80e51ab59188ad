"""Measures from other systems: incident series (restraints, seclusions, ...) imported from a
CSV file per ward and week, and charted by the Making Data Count rules like survey measures.

An import is all or nothing: the whole file and the form are checked first, and nothing is
written unless every row is good. Days of one week are added up into that week (Monday to
Sunday); a week with no row is a gap, not a zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, insert, select, update

from coprod.extensions import db
from coprod.models import Trust, User, Ward
from coprod.models.base import utcnow
from coprod.models.incidents import DIRECTIONS, KINDS, IncidentSeries, IncidentValue
from coprod.services import audit
from coprod.services.dashboards.incident_files import (  # noqa: F401 (part of this API)
    MAX_BYTES,
    IncidentImportError,
    read_file,
)
from coprod.services.dashboards.measures import period_of, periods_between
from coprod.spc import Chart, xmr

MAX_NAME = 100
MAX_NOTE = 300
UNIT = "incidents a week"


@dataclass(frozen=True)
class NewSeries:
    """What the form says of a series to create with the import."""

    trust: Trust
    name: str
    kind: str
    improvement: str
    note: str = ""


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the series, and how many rows and weeks it brought."""

    series: IncidentSeries
    created: bool
    rows: int
    added: int
    replaced: int


@dataclass(frozen=True)
class SeriesChart:
    """An incident series on a ward (or wards added up): every point of the period (weeks,
    or months), and its SPC chart.

    weeks holds (Monday or first of the month, value) for every point, value None where no
    file had a row for it: a gap.
    chart is None with fewer than two weeks that have a value.
    """

    key: str
    label: str
    improvement: str
    unit: str
    weeks: tuple[tuple[date, float | None], ...]
    chart: Chart | None


def _check_new(new: NewSeries) -> tuple[NewSeries, list[tuple[str, str]]]:
    """Return the new series with its name and note tidied, and any problems with them."""
    name = " ".join(new.name.split())
    note = " ".join(new.note.split())
    problems = []
    if not name:
        problems.append(("name", "Enter a name for the new series, such as Restraints"))
    elif len(name) > MAX_NAME:
        problems.append(("name", f"The name must be {MAX_NAME} characters or fewer"))
    else:
        taken = db.session.scalar(
            select(IncidentSeries.id).where(
                IncidentSeries.trust_id == new.trust.id,
                func.lower(IncidentSeries.name) == name.lower(),
            )
        )
        if taken is not None:
            problems.append(
                ("name", f"{new.trust.name} already has a series called {name}: choose it above")
            )
    if new.kind not in KINDS:
        problems.append(("kind", "Choose what the new series counts"))
    if new.improvement not in DIRECTIONS:
        problems.append(("improvement", "Choose which way is better for the new series"))
    if len(note) > MAX_NOTE:
        problems.append(("note", f"The note must be {MAX_NOTE} characters or fewer"))
    tidy = NewSeries(new.trust, name, new.kind, new.improvement, note)
    return tidy, problems


def import_file(
    data: bytes | None,
    *,
    series: IncidentSeries | None,
    new: NewSeries | None,
    ward: Ward | None,
    actor: User,
    today: date,
) -> ImportResult:
    """Check the form and the file (None if none was chosen), then store the file's weeks in a
    series, new or not, replacing those it holds already; the caller commits."""
    problems: list[tuple[str, str]] = []
    if series is None and new is not None:
        new, problems = _check_new(new)
    trust = series.trust if series is not None else new.trust
    wrong_ward = ward is not None and ward.site.trust_id != trust.id
    if wrong_ward:
        problems.append(("ward", f"The series is of {trust.name}: choose one of its wards"))
        ward = None
    codes = {w.code.upper(): w.id for s in trust.sites for w in s.wards}
    if data is None:
        problems.append(("file", "Choose a CSV file to upload"))
    else:
        try:
            totals, rows = read_file(data, codes, ward.id if ward else None, today)
        except IncidentImportError as exc:
            # A ward of the wrong trust is said once, above.
            problems.extend(p for p in exc.problems if not (wrong_ward and p[0] == "ward"))
    if problems:
        raise IncidentImportError(problems)
    created = series is None
    if series is None:
        series = IncidentSeries(
            trust=trust,
            name=new.name,
            kind=new.kind,
            improvement=new.improvement,
            note=new.note,
            created_by=actor,
        )
        db.session.add(series)
        db.session.flush()
    existing = _existing(series.id, totals)
    replace = [
        {"id": existing[key], "value": value} for key, value in totals.items() if key in existing
    ]
    add = [
        {"series_id": series.id, "ward_id": w, "week": week, "value": value}
        for (w, week), value in totals.items()
        if (w, week) not in existing
    ]
    if replace:
        db.session.execute(update(IncidentValue), replace)
    if add:
        db.session.execute(insert(IncidentValue), add)
    series.last_imported_at = utcnow()
    ward_ids = {w for w, _week in totals}
    ward_codes = sorted(code for code, ward_id in codes.items() if ward_id in ward_ids)
    audit.record(
        actor,
        "incident_series.import",
        series,
        trust_id=trust.id,
        name=series.name,
        created=created,
        rows=rows,
        wards=ward_codes,
        added=len(add),
        replaced=len(replace),
    )
    return ImportResult(series, created, rows, len(add), len(replace))


def _existing(series_id: int, totals: dict[tuple[int, date], float]) -> dict:
    """Return {(ward id, week): value id} of the series' stored values among these weeks."""
    weeks = [week for _w, week in totals]
    rows = db.session.execute(
        select(IncidentValue.ward_id, IncidentValue.week, IncidentValue.id).where(
            IncidentValue.series_id == series_id,
            IncidentValue.ward_id.in_({w for w, _week in totals}),
            IncidentValue.week.between(min(weeks), max(weeks)),
        )
    )
    return {(w, week): value_id for w, week, value_id in rows if (w, week) in totals}


def delete_series(series: IncidentSeries, *, actor: User) -> int:
    """Delete a series and all its values; return how many went. The caller commits."""
    values, wards = db.session.execute(
        select(
            func.count(IncidentValue.id), func.count(func.distinct(IncidentValue.ward_id))
        ).where(IncidentValue.series_id == series.id)
    ).one()
    audit.record(
        actor,
        "incident_series.delete",
        series,
        trust_id=series.trust_id,
        name=series.name,
        values=values,
        wards=wards,
    )
    db.session.delete(series)
    return values


@dataclass(frozen=True)
class Coverage:
    """Which wards and weeks a series (or one ward of it) has values for."""

    wards: int
    weeks: int
    first: date | None
    last: date | None


def series_of(trust_ids: Iterable[int]) -> list[tuple[IncidentSeries, Coverage]]:
    """Return the series of these trusts by trust and name, each with what it covers."""
    ids = list(trust_ids)
    found = db.session.scalars(
        select(IncidentSeries)
        .where(IncidentSeries.trust_id.in_(ids))
        .order_by(IncidentSeries.trust_id, func.lower(IncidentSeries.name))
    ).all()
    rows = db.session.execute(
        select(
            IncidentValue.series_id,
            func.count(func.distinct(IncidentValue.ward_id)),
            func.count(func.distinct(IncidentValue.week)),
            func.min(IncidentValue.week),
            func.max(IncidentValue.week),
        )
        .where(IncidentValue.series_id.in_([s.id for s in found]))
        .group_by(IncidentValue.series_id)
    )
    cover = {sid: Coverage(*rest) for sid, *rest in rows}
    return [(s, cover.get(s.id, Coverage(0, 0, None, None))) for s in found]


@dataclass(frozen=True)
class WardValues:
    """One ward of a series: what it covers and its latest weeks, newest first."""

    ward: Ward
    coverage: Coverage
    latest: tuple[tuple[date, float], ...]


def ward_values(series: IncidentSeries, latest: int = 4) -> list[WardValues]:
    """Return each ward the series has values for, by name, with its latest weeks."""
    by_ward: dict[int, list[tuple[date, float]]] = {}
    for ward_id, week, value in db.session.execute(
        select(IncidentValue.ward_id, IncidentValue.week, IncidentValue.value)
        .where(IncidentValue.series_id == series.id)
        .order_by(IncidentValue.week.desc())
    ):
        by_ward.setdefault(ward_id, []).append((week, value))
    wards = db.session.scalars(select(Ward).where(Ward.id.in_(by_ward))).all()
    return [
        WardValues(
            ward,
            Coverage(1, len(by_ward[ward.id]), by_ward[ward.id][-1][0], by_ward[ward.id][0][0]),
            tuple(by_ward[ward.id][:latest]),
        )
        for ward in sorted(wards, key=lambda w: w.name)
    ]


def incident_charts(
    ward_ids: int | Iterable[int],
    start: date,
    end: date,
    rebase: tuple[date, ...] = (),
    *,
    points: str = "week",
) -> list[SeriesChart]:
    """Chart every incident series with values for the ward (or wards, added up), by name,
    over the period's weeks, or its months with points="month" (each month whole, a week
    counted in the month its Monday falls in); each rebase date starts new limits from the
    first point on or after it. A point with no figure on any of the wards is a gap."""
    # Incident counts come from the trust's own records, not from respondents' answers: the
    # small-number rule that hides weeks with few respondents does not apply to them.
    wards = [ward_ids] if isinstance(ward_ids, int) else list(ward_ids)
    periods, first, last = periods_between(start, end, points)
    if not periods or not wards:
        return []
    series_ids = select(IncidentValue.series_id).where(IncidentValue.ward_id.in_(wards))
    found = db.session.scalars(
        select(IncidentSeries)
        .where(IncidentSeries.id.in_(series_ids))
        .order_by(func.lower(IncidentSeries.name))
    ).all()
    values: dict[int, dict[date, float]] = {}
    for series_id, week, value in db.session.execute(
        select(IncidentValue.series_id, IncidentValue.week, IncidentValue.value).where(
            IncidentValue.ward_id.in_(wards),
            IncidentValue.week >= first - timedelta(days=first.weekday()),
            IncidentValue.week <= last,
        )
    ):
        point = period_of(week, points)
        totals = values.setdefault(series_id, {})
        totals[point] = totals.get(point, 0.0) + value
    unit = UNIT if points == "week" else "incidents a month"
    charts = []
    for series in found:
        summed = values.get(series.id, {})
        weeks = tuple((period, summed.get(period)) for period in periods)
        shown = [(period, value) for period, value in weeks if value is not None]
        chart = None
        if len(shown) >= 2:
            chart = xmr(
                [period for period, _v in shown],
                [value for _p, value in shown],
                improvement=series.improvement,
                rebase=rebase,
            )
        charts.append(
            SeriesChart(f"series:{series.id}", series.name, series.improvement, unit, weeks, chart)
        )
    return charts
