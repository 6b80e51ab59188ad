"""A survey's headline measures on a ward or on several together, week by week or month by
month, charted by the Making Data Count
rules, with every week from fewer respondents than the minimum left out as a gap.

A measure is the share of people who gave one of its positive answers among those who
answered its question with a real answer ("don't know" and "prefer not to say" count in
neither). Each variant of a survey (standard, Easy Read) may word and score the question
its own way, so each stored version is counted by its own definition.

Responses keep only the Monday of their week, so a month is the weeks whose Monday falls in
it. Counts of several wards, or of a month's weeks, are added up before the percentage and
before the small-number rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import distinct, func, select

from coprod.extensions import db
from coprod.models import Answer, Response, SurveyVersion
from coprod.services import responses
from coprod.services.survey_schema import Measure
from coprod.services.themes import min_group_size
from coprod.spc import Chart, xmr

POINTS = ("week", "month")


@dataclass(frozen=True)
class Week:
    """One point of a measure (a week, or a month with points="month"): how many answered it
    and how many of them positively; start is its Monday, or the first day of its month.

    shown is False when fewer than the minimum answered: the point is then drawn as a gap,
    and neither of its counts is shown anywhere.
    """

    start: date
    positive: int
    answered: int
    shown: bool

    @property
    def percent(self) -> float | None:
        return 100 * self.positive / self.answered if self.shown else None


@dataclass(frozen=True)
class MeasureChart:
    """A measure's weeks, and its SPC chart of the weeks shown (None if fewer than two)."""

    measure: Measure
    audience: str
    weeks: tuple[Week, ...]
    chart: Chart | None
    minimum: int

    @property
    def answered_shown(self) -> int:
        """How many answered in the weeks shown (never counting a suppressed week)."""
        return sum(w.answered for w in self.weeks if w.shown)


def _all_measures() -> dict[str, dict[str, tuple[Measure, str]]]:
    """Return {survey id: {measure id: (measure, audience)}} from every recorded version,
    the newest version's wording first, reading the versions once."""
    found: dict[str, dict[str, tuple[Measure, str]]] = {}
    for version in db.session.scalars(select(SurveyVersion).order_by(SurveyVersion.id.desc())):
        definition = responses.definition_of(version)
        for measure in definition.measures():
            found.setdefault(version.survey_id, {}).setdefault(
                measure.id, (measure, definition.audience)
            )
    return found


def survey_measures(survey_id: str) -> list[tuple[Measure, str]]:
    """Return the survey's measures (by the newest version that defines each), with its audience."""
    return sorted(_all_measures().get(survey_id, {}).values(), key=lambda pair: pair[0].label)


def surveys_with_measures() -> list[tuple[str, str]]:
    """Return (survey id, title) of every recorded survey that defines a measure, by title."""
    with_measures = _all_measures()
    titles = {
        survey_id: title
        for survey_id, title in db.session.execute(
            select(SurveyVersion.survey_id, SurveyVersion.title).order_by(SurveyVersion.id)
        )
        if survey_id in with_measures
    }
    return sorted(titles.items(), key=lambda pair: pair[1])


def weeks_between(start: date, end: date) -> list[date]:
    """Return the Mondays of every week from start's week to end's week, oldest first."""
    first = start - timedelta(days=start.weekday())
    last = end - timedelta(days=end.weekday())
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def month_of(day: date) -> date:
    """Return the first day of the day's calendar month."""
    return day.replace(day=1)


def months_between(start: date, end: date) -> list[date]:
    """Return the first day of every calendar month from start's to end's, oldest first."""
    months, month = [], month_of(start)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def month_end(month: date) -> date:
    """Return the last day of a month given by its first day."""
    return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def periods_between(start: date, end: date, points: str = "week") -> tuple[list[date], date, date]:
    """Return the points of a period (Mondays, or firsts of months) and the first and last
    day whose week's Monday may count in them: with months, the whole of each month."""
    if points == "month":
        months = months_between(start, end)
        return months, months[0], month_end(months[-1])
    return weeks_between(start, end), start, end


def period_of(monday: date, points: str = "week") -> date:
    """Return the point a week counts in: itself, or the month its Monday falls in."""
    return month_of(monday) if points == "month" else monday


def counts_by_ward(
    ward_ids: list[int],
    survey_id: str,
    measure_id: str,
    start: date,
    end: date,
    *,
    variant: str | None = None,
) -> dict[int, dict[date, tuple[int, int]]]:
    """Return {ward: {week: (positive, answered)}} for the measure, in one query per stored
    version of the survey that defines it (not one per ward); only the versions of one
    variant (standard, easy_read) if given."""
    counts: dict[int, dict[date, list[int]]] = {}
    chosen = select(SurveyVersion).where(SurveyVersion.survey_id == survey_id)
    if variant is not None:
        chosen = chosen.where(SurveyVersion.variant == variant)
    versions = db.session.scalars(chosen)
    for version in versions:
        definition = responses.definition_of(version)
        measure = next((m for m in definition.measures() if m.id == measure_id), None)
        if measure is None:
            continue
        question = definition.question(measure.question)
        positive = func.count(distinct(Response.id)).filter(Answer.choice.in_(measure.positive))
        rows = db.session.execute(
            select(Response.ward_id, Response.week, positive, func.count(distinct(Response.id)))
            .join(Answer, Answer.response_id == Response.id)
            .where(
                Response.survey_version_id == version.id,
                Response.ward_id.in_(ward_ids),
                Response.week >= start - timedelta(days=start.weekday()),
                Response.week <= end,
                Answer.question_id == measure.question,
                Answer.choice.in_(question.answer_values()),
            )
            .group_by(Response.ward_id, Response.week)
        )
        for ward_id, week, pos, answered in rows:
            total = counts.setdefault(ward_id, {}).setdefault(week, [0, 0])
            total[0] += pos
            total[1] += answered
    return {
        ward: {week: (pos, answered) for week, (pos, answered) in weeks.items()}
        for ward, weeks in counts.items()
    }


def weekly_counts(
    ward_ids: list[int],
    survey_id: str,
    measure_id: str,
    start: date,
    end: date,
    *,
    variant: str | None = None,
) -> dict[date, tuple[int, int]]:
    """Return {week: (positive, answered)} for the measure on these wards together."""
    total: dict[date, tuple[int, int]] = {}
    by_ward = counts_by_ward(ward_ids, survey_id, measure_id, start, end, variant=variant)
    for weeks in by_ward.values():
        for week, (pos, answered) in weeks.items():
            before = total.get(week, (0, 0))
            total[week] = (before[0] + pos, before[1] + answered)
    return total


def measure_chart(
    ward_ids: list[int],
    survey_id: str,
    measure: Measure,
    audience: str,
    *,
    start: date,
    end: date,
    minimum: int | None = None,
    counts: dict[date, tuple[int, int]] | None = None,
    rebase: tuple[date, ...] = (),
    variant: str | None = None,
    points: str = "week",
    within: dict[int, list[int]] | None = None,
    place: tuple | None = None,
    hidden_at: dict[date, frozenset] | None = None,
) -> MeasureChart:
    """Chart a measure on these wards together week by week (or month by month with
    points="month", each month whole); points from fewer than minimum respondents are gaps,
    and so is a point whose ward-weeks hidden on their own add up to fewer than minimum.
    counts, if given, are the wards' weekly counts already fetched (weekly_counts); each
    rebase date (a change was made) starts new limits from the first point on or after it.
    The minimum is the audience's smallest group that may be shown unless given; variant,
    if given, counts only the versions of that variant.

    A site's or trust's chart passes within, the trust's sites with their ward ids, and
    place, ("site", id) or ("trust",): each point is then shown only if the small-number
    rule, applied to every ward, site and the trust at that point together, leaves it
    shown, so that no page's total less another's gives a ward's hidden count away;
    hidden_at, if given, is that rule's answer already worked out (hidden_totals)."""
    if minimum is None:
        minimum = min_group_size(audience)
    periods, first, last = periods_between(start, end, points)
    if counts is not None:
        cells = {(None, monday): pair for monday, pair in counts.items()}
    else:
        fetch = [w for wards in within.values() for w in wards] if within else ward_ids
        by_ward = counts_by_ward(fetch, survey_id, measure.id, first, last, variant=variant)
        cells = {(w, day): pair for w, found in by_ward.items() for day, pair in found.items()}
    if hidden_at is None:
        hidden_at = hidden_totals(cells, within, minimum, points) if within and place else {}
    ours = set(ward_ids)
    cells = {key: pair for key, pair in cells.items() if key[0] is None or key[0] in ours}
    # Added up per point before the percentage and before the small-number rule; small adds
    # up the ward-weeks that each ward's own weekly chart hides.
    totals: dict[date, tuple[int, int, int]] = {}
    for (_ward, monday), (pos, answered) in cells.items():
        point = period_of(monday, points)
        before = totals.get(point, (0, 0, 0))
        hidden = answered if 0 < answered < minimum else 0
        totals[point] = (before[0] + pos, before[1] + answered, before[2] + hidden)
    weeks = []
    for monday in periods:
        positive, answered, small = totals.get(monday, (0, 0, 0))
        # Shown beside those weekly charts, a total whose hidden weeks add up to fewer than
        # the minimum would give them away by subtraction: it is hidden too.
        shown = answered >= minimum and not 0 < small < minimum
        shown = shown and place not in hidden_at.get(monday, ())
        weeks.append(Week(monday, positive, answered, shown=shown))
    shown = [w for w in weeks if w.shown]
    chart = None
    if len(shown) >= 2:
        chart = xmr(
            [w.start for w in shown],
            [w.percent for w in shown],
            improvement="increase",
            rebase=rebase,
        )
    return MeasureChart(measure, audience, tuple(weeks), chart, minimum)


def hidden_totals(cells, within: dict[int, list[int]], minimum: int, points: str) -> dict:
    """Return {point: keys hidden} when each ward's answers, its site's and the trust's at
    each point are suppressed together, totals before wards (a ward's own count is hidden
    only when it is too small itself). cells are {(ward id, Monday): (positive, answered)}."""
    from coprod.services.dashboards.suppression import Sum, suppress_sums

    answered: dict[date, dict[tuple, int]] = {}
    for (ward, monday), (_pos, count) in cells.items():
        point = answered.setdefault(period_of(monday, points), {})
        point[("ward", ward)] = point.get(("ward", ward), 0) + count
    within = {site: wards for site, wards in within.items() if wards}
    if not within:
        return {}
    sums = [Sum(("site", s), tuple(("ward", w) for w in wards)) for s, wards in within.items()]
    sums.append(Sum(("trust",), tuple(("site", s) for s in within)))
    order = {"trust": 0, "site": 1, "ward": 2}
    hidden = {}
    for point, values in answered.items():
        for site, wards in within.items():
            values[("site", site)] = sum(values.get(("ward", w), 0) for w in wards)
            for w in wards:
                values.setdefault(("ward", w), 0)
        values[("trust",)] = sum(values[("site", s)] for s in within)
        hidden[point] = suppress_sums(values, sums, minimum, first=lambda key: order[key[0]])
    return hidden


def response_counts(
    ward_ids: list[int], survey_id: str, start: date, end: date, *, variant: str | None = None
) -> dict[int, int]:
    """Return {ward id: responses to the survey in the period}, in one query; only those
    to versions of one variant if given."""
    query = (
        select(Response.ward_id, func.count(Response.id))
        .join(SurveyVersion, SurveyVersion.id == Response.survey_version_id)
        .where(
            SurveyVersion.survey_id == survey_id,
            Response.ward_id.in_(ward_ids),
            Response.week >= start - timedelta(days=start.weekday()),
            Response.week <= end,
        )
        .group_by(Response.ward_id)
    )
    if variant is not None:
        query = query.where(SurveyVersion.variant == variant)
    return dict(db.session.execute(query).all())


def measure_named(survey_id: str, measure_id: str) -> tuple[Measure, str] | None:
    """Return (measure, audience) of a survey's measure by its ids, or None."""
    return _all_measures().get(survey_id, {}).get(measure_id)


def survey_audiences() -> dict[str, str]:
    """Return {survey id: audience} of every recorded survey that defines a measure."""
    return {
        survey_id: next(iter(found.values()))[1] for survey_id, found in _all_measures().items()
    }
