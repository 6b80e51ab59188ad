"""The overview of every ward: its responses and each measure's latest week, with a total
row for every site and trust, filtered and sorted, with small numbers suppressed.

Totals are always of every ward of the site or trust, whatever the filters, so that
choosing which wards to list can never be used to subtract one ward out of a total. What
is hidden is decided by suppression.py, from the sums that tie the counts together.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date

from coprod.models import Trust, Ward, WardType
from coprod.services.dashboards import measures
from coprod.services.dashboards.suppression import HIDDEN, Sum, suppress_sums
from coprod.services.survey_schema import Measure
from coprod.services.themes import min_group_size

AUDIENCES = {"patient": "Patients", "staff": "Staff", "both": "Patients and staff side by side"}
VARIANTS = {"standard": "Standard", "easy_read": "Easy Read"}
ORDERS = ("asc", "desc")
MAX_SEARCH = 100


@dataclass(frozen=True)
class Filters:
    """What the overview shows: survey(s), period, which responses and which wards, and order."""

    surveys: tuple[str, ...]  # one survey, or a patients' and a staff survey side by side
    start: date
    end: date
    audience: str = ""  # "" for the survey's own
    variant: str | None = None  # None for every variant
    site_id: int | None = None
    ward_type: WardType | None = None
    search: str = ""
    sort: str = "site"
    order: str = "asc"


@dataclass(frozen=True)
class Column:
    """A column of figures: a survey's responses, or one of its measures' latest week."""

    key: str
    survey_id: str
    audience: str
    label: str
    minimum: int
    measure: Measure | None = None


@dataclass(frozen=True)
class Cell:
    """One figure as shown: value is None when it is not shown, and note says why."""

    value: float | int | None = None
    note: str = ""
    week: date | None = None
    point_type: str | None = None
    answered: int | None = None  # how many the share is of (a measure's latest week)


@dataclass(frozen=True)
class Row:
    """A ward, or the total of every ward of a site or a trust."""

    kind: str  # ward, site or trust
    name: str
    site: str
    cells: tuple[Cell, ...]
    ward: Ward | None = None
    place_id: int | None = None  # the ward's, site's or trust's id, for its charts


@dataclass
class Table:
    """One trust's listed wards, in order, and its totals (each site's, then the trust's)."""

    trust: Trust
    rows: list[Row] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)


def counterpart(survey_id: str, audiences: Mapping[str, str]) -> str | None:
    """Return the other audience's survey on the same topic (patient-X and staff-X), if any."""
    for mine, other in (("patient-", "staff-"), ("staff-", "patient-")):
        if survey_id.startswith(mine):
            found = other + survey_id.removeprefix(mine)
            paired = found in audiences and audiences[found] != audiences[survey_id]
            return found if paired else None
    return None


NOT_ENOUGH = "Not enough answers"


def columns(chosen: list[tuple[str, list[tuple[Measure, str]]]], *, both: bool) -> list[Column]:
    """Return the figure columns of these surveys: responses, then each measure, per survey."""
    found = []
    for survey_id, pairs in chosen:
        audience = pairs[0][1] if pairs else "patient"
        minimum = min_group_size(audience)
        prefix = f"{AUDIENCES[audience]}: " if both else ""
        found.append(
            Column(f"responses.{survey_id}", survey_id, audience, f"{prefix}Responses", minimum)
        )
        for measure, _audience in pairs:
            found.append(
                Column(
                    f"{survey_id}.{measure.id}",
                    survey_id,
                    audience,
                    f"{prefix}{measure.label}",
                    minimum,
                    measure,
                )
            )
    return found


def hide_first(key: Hashable) -> tuple[bool, int]:
    """Rank which count to hide when one more must go: a single version's before every
    version's (the default view), and a trust's total, then a site's, before a ward's."""
    kind, _id, variant = key
    return variant is None, ("trust", "site", "ward").index(kind)


def trust_sums(
    trust: Trust, by_variant: dict[str, dict[int, int]]
) -> tuple[dict[tuple, int], list[Sum]]:
    """Return a trust's counts of responses {(ward|site|trust, id, variant or None): count}
    and the sums that tie them: ward to site to trust, and versions to every version."""
    values: dict[tuple, int] = {}
    sums: list[Sum] = []
    every = [*VARIANTS, None]
    for site in trust.sites:
        for ward in site.wards:
            for variant in VARIANTS:
                values[("ward", ward.id, variant)] = by_variant[variant].get(ward.id, 0)
            values[("ward", ward.id, None)] = sum(values[("ward", ward.id, v)] for v in VARIANTS)
        for variant in every:
            parts = tuple(("ward", w.id, variant) for w in site.wards)
            values[("site", site.id, variant)] = sum(values[p] for p in parts)
            sums.append(Sum(("site", site.id, variant), parts))
    for variant in every:
        parts = tuple(("site", s.id, variant) for s in trust.sites)
        values[("trust", trust.id, variant)] = sum(values[p] for p in parts)
        sums.append(Sum(("trust", trust.id, variant), parts))
        # Implied by the two above, but read straight off the page: the line rule sees it.
        wards = tuple(("ward", w.id, variant) for s in trust.sites for w in s.wards)
        sums.append(Sum(("trust", trust.id, variant), wards))
    for kind, key_id, variant in list(values):
        if variant is None:
            sums.append(Sum((kind, key_id, None), tuple((kind, key_id, v) for v in VARIANTS)))
    return values, sums


def _response_cells(
    trusts: list[Trust], column: Column, filters: Filters
) -> dict[tuple[str, int], Cell]:
    """Return {(ward|site|trust, id): cell} of a survey's responses, suppressed with every
    variant together, so that no two views together reveal a small group either."""
    ward_ids = [w.id for t in trusts for s in t.sites for w in s.wards]
    by_variant = {
        variant: measures.response_counts(
            ward_ids, column.survey_id, filters.start, filters.end, variant=variant
        )
        for variant in VARIANTS
    }
    cells = {}
    for trust in trusts:
        # Trusts share no count, so each is suppressed on its own: smaller sums to solve.
        values, sums = trust_sums(trust, by_variant)
        hidden = suppress_sums(values, sums, column.minimum, first=hide_first)
        for key, value in values.items():
            kind, key_id, variant = key
            if variant == filters.variant:
                cells[(kind, key_id)] = Cell(note=HIDDEN) if key in hidden else Cell(value)
    return cells


def _latest(result: measures.MeasureChart) -> Cell:
    if result.chart is None:
        return Cell(note=NOT_ENOUGH)
    point = result.chart.points[-1]
    answered = next(w.answered for w in result.weeks if w.start == point.date)
    return Cell(
        round(point.value, 1), week=point.date, point_type=point.point_type, answered=answered
    )


def _measure_cells(
    trusts: list[Trust], column: Column, filters: Filters
) -> dict[tuple[str, int], Cell]:
    """Return {(ward|site|trust, id): the latest week's cell} of a measure, in one query per
    survey version for every ward; a site's or trust's weeks add up its wards' answers."""
    wards = [w for t in trusts for s in t.sites for w in s.wards]
    by_ward = measures.counts_by_ward(
        [w.id for w in wards],
        column.survey_id,
        column.measure.id,
        filters.start,
        filters.end,
        variant=filters.variant,
    )
    if filters.variant is not None:
        # One version's week beside every version's (on the ward's own charts) gives the
        # other versions' answers away if there are fewer than the minimum of them: such
        # a week of the one version is not shown.
        everyone = measures.counts_by_ward(
            [w.id for w in wards],
            column.survey_id,
            column.measure.id,
            filters.start,
            filters.end,
        )
        by_ward = {
            ward: {
                week: pair
                if not _gives_away(pair, everyone[ward][week], column.minimum)
                else (0, 0)
                for week, pair in found.items()
            }
            for ward, found in by_ward.items()
        }
    groups: dict[tuple[str, int], list[Ward]] = {("ward", w.id): [w] for w in wards}
    # A site's or trust's week is hidden as on its own chart: suppressed together with
    # every ward, site and the trust that week, so no total less another gives one away.
    hidden: dict[tuple[str, int], tuple[tuple, dict]] = {}
    for trust in trusts:
        groups[("trust", trust.id)] = [w for s in trust.sites for w in s.wards]
        layout = {s.id: [w.id for w in s.wards] for s in trust.sites}
        weekly = {
            (w.id, week): pair
            for s in trust.sites
            for w in s.wards
            for week, pair in by_ward.get(w.id, {}).items()
        }
        at = measures.hidden_totals(weekly, layout, column.minimum, "week")
        hidden[("trust", trust.id)] = (("trust",), at)
        for site in trust.sites:
            groups[("site", site.id)] = list(site.wards)
            hidden[("site", site.id)] = (("site", site.id), at)
    cells = {}
    for key, members in groups.items():
        counts: dict[date, tuple[int, int]] = {}
        for ward in members:
            for week, (positive, answered) in by_ward.get(ward.id, {}).items():
                before = counts.get(week, (0, 0))
                counts[week] = (before[0] + positive, before[1] + answered)
        result = measures.measure_chart(
            [w.id for w in members],
            column.survey_id,
            column.measure,
            column.audience,
            start=filters.start,
            end=filters.end,
            counts=counts,
            place=hidden[key][0] if key in hidden else None,
            hidden_at=hidden[key][1] if key in hidden else None,
        )
        cells[key] = _latest(result)
    return cells


def _gives_away(pair: tuple[int, int], every: tuple[int, int], minimum: int) -> bool:
    """Say whether a version's week less every version's would leave a small group."""
    return 0 < every[1] - pair[1] < minimum


def _listed(ward: Ward, filters: Filters) -> bool:
    """Say whether the filters list this ward."""
    if filters.site_id is not None and ward.site_id != filters.site_id:
        return False
    if filters.ward_type is not None and ward.ward_type != filters.ward_type:
        return False
    needle = filters.search.casefold()
    return not needle or needle in ward.name.casefold() or needle in ward.code.casefold()


def sort_keys(cols: list[Column]) -> list[str]:
    """Return every key the overview may be sorted by."""
    return ["ward", "site", "responses", *(c.key for c in cols)]


def _sorted(rows: list[Row], cols: list[Column], sort: str, order: str) -> list[Row]:
    """Return the rows in the order asked for; the name breaks ties, always A to Z."""
    rows = sorted(rows, key=lambda r: (r.site.casefold(), r.name.casefold()))
    if sort == "ward":
        rows.sort(key=lambda r: r.name.casefold())
    if sort in ("ward", "site"):
        return rows[::-1] if order == "desc" else rows
    keys = [c.key for c in cols]
    index = 0 if sort == "responses" else keys.index(sort)
    shown = [r for r in rows if r.cells[index].value is not None]
    missing = [r for r in rows if r.cells[index].value is None]
    shown.sort(key=lambda r: r.cells[index].value, reverse=order == "desc")
    return shown + missing


def tables(trusts: list[Trust], cols: list[Column], filters: Filters) -> list[Table]:
    """Return each trust's table of listed wards and totals, suppressed, filtered and sorted."""
    cells: list[dict[tuple[str, int], Cell]] = []
    for column in cols:
        if column.measure is None:
            cells.append(_response_cells(trusts, column, filters))
        else:
            cells.append(_measure_cells(trusts, column, filters))

    def row(kind: str, key_id: int, name: str, site: str, ward: Ward | None = None) -> Row:
        return Row(kind, name, site, tuple(c[(kind, key_id)] for c in cells), ward, key_id)

    found = []
    for trust in trusts:
        table = Table(trust)
        for site in trust.sites:
            listed = [w for w in site.wards if _listed(w, filters)]
            table.rows += [row("ward", w.id, w.name, site.name, w) for w in listed]
            if listed:
                table.totals.append(row("site", site.id, f"All wards at {site.name}", site.name))
        if table.rows:
            table.rows = _sorted(table.rows, cols, filters.sort, filters.order)
            table.totals.append(row("trust", trust.id, f"All wards of {trust.name}", ""))
        found.append(table)
    return found


def choose(
    args: Mapping[str, str],
    *,
    survey_id: str,
    audiences: Mapping[str, str],
    site_ids: set[int],
) -> tuple[dict, list[tuple[str, str]]]:
    """Return the overview's filters from a query string (all but the period) and the problems
    found, each in plain words with the field it is about; a bad value falls back to its
    default. A site the account cannot see comes back as "missing" (the caller answers 404)."""
    problems: list[tuple[str, str]] = []
    chosen: dict = {"audience": args.get("audience", "")}
    audience = chosen["audience"]
    own = audiences.get(survey_id, "patient")
    other = counterpart(survey_id, audiences)
    surveys = (survey_id,)
    if audience not in ("", *AUDIENCES):
        problems.append(("Choose patients, staff, or both side by side", "audience"))
        chosen["audience"] = ""
    elif audience == "both":
        if other is None:
            problems.append(
                ("This survey has no survey of the other group to show beside it", "audience")
            )
            chosen["audience"] = ""
        else:
            surveys = (survey_id, other) if own == "patient" else (other, survey_id)
    elif audience and audience != own:
        if other is None:
            problems.append((f"This survey asks {AUDIENCES[own].lower()} only", "audience"))
            chosen["audience"] = ""
        else:
            surveys = (other,)
    chosen["surveys"] = surveys
    variant = args.get("variant", "")
    if variant and variant not in VARIANTS:
        problems.append(("Choose all versions, standard or Easy Read", "variant"))
        variant = ""
    chosen["variant"] = variant or None
    site = args.get("site", "")
    chosen["site_id"] = None
    if site:
        if not (site.isascii() and site.isdigit()) or len(site) > 9:
            problems.append(("Choose a site from the list", "site"))
        elif int(site) not in site_ids:
            chosen["site_id"] = "missing"
        else:
            chosen["site_id"] = int(site)
    kind = args.get("type", "")
    chosen["ward_type"] = None
    if kind:
        try:
            chosen["ward_type"] = WardType(kind)
        except ValueError:
            problems.append(("Choose a ward type from the list", "type"))
    search = " ".join(args.get("q", "").split())
    if len(search) > MAX_SEARCH:
        problems.append((f"Search for at most {MAX_SEARCH} characters", "q"))
        search = ""
    chosen["search"] = search
    chosen["sort"] = args.get("sort", "") or "site"
    chosen["order"] = args.get("order", "") or "asc"
    if chosen["order"] not in ORDERS:
        problems.append(("Sort from low to high or from high to low", "sort"))
        chosen["order"] = "asc"
    return chosen, problems
