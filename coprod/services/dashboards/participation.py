"""Who took part on a ward: responses by format, by whether someone helped, and by each
about-you answer, against who was on the ward; every count suppressed by the audience's
minimum, with secondary suppression (suppression.py) so that none can be worked out.

Shares are always of the whole: answers to a category as a share of every response (with
"prefer not to say" and not answered as rows of their own), the ward's counts as a share of
everyone on the ward. A share of anything smaller would need a denominator made by taking a
hidden count away, and the share would then give that count back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import distinct, func, select

from coprod.extensions import db
from coprod.models import Answer, Response, SurveyVersion, WardPopulation
from coprod.services import responses
from coprod.services.dashboards.suppression import Suppressed, across, suppress, suppress_column
from coprod.services.survey_schema import HELPED_QUESTION_ID, PREFER_NOT_TO_SAY

FORMATS = (("standard", "Standard"), ("easy_read", "Easy Read"))
HELPED = ((True, "Someone helped"), (False, "Nobody helped"), (None, "Did not say or not asked"))
AUDIENCES = (("patient", "Patients"), ("staff", "Staff"))
# The about-you questions as a category's name, where the survey files ask a question.
CATEGORY_NAMES = {
    "age_band": "Age",
    "gender": "Gender",
    "ethnic_group": "Ethnic group",
    "first_language": "First language",
}
NOT_ANSWERED = "not_answered"
NOT_KNOWN = "not_known"
# One answer each: a category's counts add up to its total only for these.
SINGLE_ANSWER_TYPES = ("single_choice", "picture_scale", "yes_no")


@dataclass(frozen=True)
class Category:
    """An about-you question as a category: its answers, in the survey file's order."""

    id: str
    name: str
    options: tuple[tuple[str, str], ...]

    @property
    def population_options(self) -> tuple[tuple[str, str], ...]:
        """Return the values a ward counts: the answers but "prefer not to say", and
        "not known" for people whose records do not say."""
        kept = tuple((v, label) for v, label in self.options if v != PREFER_NOT_TO_SAY)
        return (*kept, (NOT_KNOWN, "Not known or not recorded"))

    def label(self, value: str) -> str:
        """Return the words for one of the category's values."""
        return dict(self.population_options).get(value) or dict(self.options).get(value, value)


@dataclass(frozen=True)
class Line:
    """One row of a category's table; None where a count is hidden or does not apply."""

    kind: str  # "answer", "prefer_not", "not_answered" or "not_known"
    label: str
    answered: int | None
    answered_percent: float | None
    on_ward: int | None = None
    on_ward_percent: float | None = None
    gap: float | None = None

    @property
    def asked(self) -> bool:
        """Return whether the row counts responses (not only people on the ward)."""
        return self.kind != NOT_KNOWN

    @property
    def counted_on_ward(self) -> bool:
        """Return whether the row counts people on the ward (not only responses)."""
        return self.kind in ("answer", NOT_KNOWN)


@dataclass(frozen=True)
class CategoryTable:
    """A category's answers, and who was on the ward by it, with the totals shown."""

    category: Category
    lines: tuple[Line, ...]
    total: int | None
    population_total: int | None


@dataclass(frozen=True)
class AudienceParticipation:
    """Who of one audience took part: by format and help, and by each category."""

    audience: str
    name: str
    minimum: int
    formats: Suppressed
    categories: tuple[CategoryTable, ...]
    population: WardPopulation | None = None
    population_minimum: int | None = None

    @property
    def responses(self) -> int | None:
        """Return how many responses there were, or None if that is hidden."""
        return self.formats.value(self.formats.total_row, self.formats.total_column)

    @property
    def too_few(self) -> bool:
        """Return whether fewer responded than the minimum (so nothing is shown)."""
        return self.formats.grid[-1][-1] < self.minimum


def monday(day: date) -> date:
    """Return the Monday of day's week (responses are stored by week)."""
    return day - timedelta(days=day.weekday())


def recorded_surveys() -> list[tuple[str, str, str]]:
    """Return (survey id, title, audience) of every recorded survey, by title."""
    found: dict[str, tuple[str, str]] = {}
    rows = db.session.execute(
        select(SurveyVersion.survey_id, SurveyVersion.title, SurveyVersion.audience).order_by(
            SurveyVersion.id
        )
    )
    for survey_id, title, audience in rows:
        found[survey_id] = (title, audience)
    return sorted(((s, t, a) for s, (t, a) in found.items()), key=lambda row: row[1])


def about_you_categories(audience: str, survey_id: str | None = None) -> list[Category]:
    """Return the about-you questions of the audience's surveys (or one survey) as
    categories, worded as the standard variant words them."""
    query = select(SurveyVersion).where(SurveyVersion.audience == audience)
    if survey_id is not None:
        query = query.where(SurveyVersion.survey_id == survey_id)
    versions = sorted(db.session.scalars(query), key=lambda v: (v.variant != "standard", -v.id))
    found: dict[str, dict[str, str]] = {}
    for version in versions:
        for question in responses.definition_of(version).about_you_questions():
            if question.id == HELPED_QUESTION_ID or question.type not in SINGLE_ANSWER_TYPES:
                continue
            options = found.setdefault(question.id, {})
            for option in question.options:
                options.setdefault(option.value, option.label)
    return [
        Category(
            qid, CATEGORY_NAMES.get(qid, qid.replace("_", " ").capitalize()), tuple(options.items())
        )
        for qid, options in found.items()
    ]


def _scope(ward_ids: list[int], start: date, end: date, audience: str, survey_id: str | None):
    conditions = [
        Response.ward_id.in_(ward_ids),
        Response.week >= monday(start),
        Response.week <= end,
        Response.audience == audience,
    ]
    if survey_id is not None:
        versions = select(SurveyVersion.id).where(SurveyVersion.survey_id == survey_id)
        conditions.append(Response.survey_version_id.in_(versions))
    return conditions


def format_counts(
    ward_ids: list[int], start: date, end: date, audience: str, survey_id: str | None = None
) -> list[list[int]]:
    """Return responses as rows of FORMATS by columns of HELPED, in one query."""
    counts = {(variant, helped): 0 for variant, _ in FORMATS for helped, _ in HELPED}
    rows = db.session.execute(
        select(Response.variant, Response.helped, func.count(Response.id))
        .where(*_scope(ward_ids, start, end, audience, survey_id))
        .group_by(Response.variant, Response.helped)
    )
    for variant, helped, count in rows:
        if (variant, helped) in counts:
            counts[(variant, helped)] += count
    return [[counts[(variant, helped)] for helped, _ in HELPED] for variant, _ in FORMATS]


def answer_counts(
    ward_ids: list[int],
    start: date,
    end: date,
    audience: str,
    question_ids: list[str],
    survey_id: str | None = None,
) -> dict[str, dict[str, int]]:
    """Return {question: {answer: responses}} for these questions, in one query."""
    found: dict[str, dict[str, int]] = {q: {} for q in question_ids}
    if not question_ids:
        return found
    rows = db.session.execute(
        select(Answer.question_id, Answer.choice, func.count(distinct(Answer.response_id)))
        .join(Response, Response.id == Answer.response_id)
        .where(
            *_scope(ward_ids, start, end, audience, survey_id),
            Answer.question_id.in_(question_ids),
            Answer.choice.is_not(None),
        )
        .group_by(Answer.question_id, Answer.choice)
    )
    for question_id, choice, count in rows:
        found[question_id][choice] = count
    return found


def population_for(ward_id: int, start: date, end: date) -> WardPopulation | None:
    """Return the ward's population whose period overlaps this one most, the latest
    entered first between equals; None if none overlaps."""
    rows = db.session.scalars(
        select(WardPopulation).where(
            WardPopulation.ward_id == ward_id,
            WardPopulation.starts_on <= end,
            WardPopulation.ends_on >= start,
        )
    )

    def overlap(row: WardPopulation) -> tuple[int, int]:
        days = (min(row.ends_on, end) - max(row.starts_on, start)).days
        return days, row.id

    return max(rows, key=overlap, default=None)


def _answers(
    category: Category, counts: dict[str, int], responses_total: int
) -> tuple[list[tuple[str, str]], list[str], list[int]]:
    """Return a category's (value, label) options, the kind of each, and its counts with
    "not answered" last."""
    options = list(category.options)
    options += [(value, value) for value in counts if value not in dict(options)]
    kinds = ["prefer_not" if v == PREFER_NOT_TO_SAY else "answer" for v, _ in options]
    answered = [counts.get(v, 0) for v, _ in options]
    answered.append(max(responses_total - sum(answered), 0))  # not answered
    return options, kinds, answered


def _category_table(
    category: Category,
    answers: tuple[list, list, list[int]],
    cells: Sequence[int | None],
    total: int | None,
    population: WardPopulation | None,
    population_minimum: int,
) -> CategoryTable:
    """Line up one category's suppressed answers with the ward's counts by it, suppressed."""
    options, kinds, _counts = answers

    def share(count: int | None, whole: int | None) -> float | None:
        return 100 * count / whole if count is not None and whole else None

    on_ward: dict[str, int | None] = {}
    on_ward_total = None
    if population is not None:
        values = [v for v, _ in category.population_options]
        ward_counts = [population.count(category.id, v) for v in values]
        shown, on_ward_total = suppress_column(ward_counts, population_minimum)
        on_ward = dict(zip(values, shown, strict=True))
    lines = []
    for (value, label), kind, count in zip(options, kinds, cells, strict=False):
        percent = share(count, total)
        ward_count = on_ward.get(value) if kind == "answer" else None
        ward_percent = share(ward_count, on_ward_total)
        gap = percent - ward_percent if percent is not None and ward_percent is not None else None
        lines.append(Line(kind, label, count, percent, ward_count, ward_percent, gap))
    lines.append(Line(NOT_ANSWERED, "Not answered", cells[-1], share(cells[-1], total)))
    if population is not None:
        unknown = on_ward.get(NOT_KNOWN)
        lines.append(
            Line(
                NOT_KNOWN,
                "Not known on the ward",
                None,
                None,
                unknown,
                share(unknown, on_ward_total),
            )
        )
    return CategoryTable(category, tuple(lines), total, on_ward_total)


def participation(
    ward_ids: list[int],
    start: date,
    end: date,
    *,
    audience: str,
    minimum: int,
    survey_id: str | None = None,
    population: WardPopulation | None = None,
    population_minimum: int | None = None,
) -> AudienceParticipation:
    """Return who of the audience took part on these wards in the period, suppressed by
    minimum; with the ward's population (patients), compared category by category, its
    counts suppressed by population_minimum."""
    rows = format_counts(ward_ids, start, end, audience, survey_id)
    responses_total = sum(map(sum, rows))
    categories = about_you_categories(audience, survey_id)
    counts = answer_counts(ward_ids, start, end, audience, [c.id for c in categories], survey_id)
    answers = [_answers(c, counts[c.id], responses_total) for c in categories]
    # Each category splits the responses again: suppressed with the formats as one set of
    # sums, so that the number of responses hidden in one table is hidden in all.
    fits = [sum(answered) == responses_total for _options, _kinds, answered in answers]
    splits = [a[2] for a, fit in zip(answers, fits, strict=True) if fit]
    formats = suppress(rows, minimum, splits=splits)
    everyone = formats.value(formats.total_row, formats.total_column)
    split_cells = iter(formats.splits)
    tables = []
    for category, answer, fit in zip(categories, answers, fits, strict=True):
        if fit:
            cells, total = next(split_cells), everyone
        else:  # more answers than responses (a question asked two ways): a table apart
            cells, total = suppress_column(answer[2], minimum, hide_total=everyone is None)
        tables.append(
            _category_table(
                category, answer, cells, total, population, population_minimum or minimum
            )
        )
    return AudienceParticipation(
        audience,
        dict(AUDIENCES)[audience],
        minimum,
        formats,
        tuple(tables),
        population,
        population_minimum,
    )


@dataclass(frozen=True)
class TrustParticipation:
    """Who of one audience took part across a trust's wards: each ward as its own page
    shows it, and totals across the wards only where no ward hides a count."""

    audience: str
    name: str
    minimum: int
    wards: tuple[tuple[str, AudienceParticipation], ...]
    formats: tuple[int | None, ...]  # standard, Easy Read, all
    categories: tuple[tuple[str, tuple[tuple[str, int | None, float | None], ...]], ...]


def trust_participation(
    wards: list[tuple[int, str]],
    start: date,
    end: date,
    *,
    audience: str,
    minimum: int,
    survey_id: str | None = None,
) -> TrustParticipation:
    """Return who of the audience took part on each of these (id, name) wards and across
    them; a total across the wards shows only where every ward shows its count, since the
    total less the counts shown would give back the one a ward hides."""
    each = [
        (
            name,
            participation(
                [ward_id], start, end, audience=audience, minimum=minimum, survey_id=survey_id
            ),
        )
        for ward_id, name in wards
    ]
    format_columns = [
        [p.formats.value(i, p.formats.total_column) for i in range(len(FORMATS) + 1)]
        for _name, p in each
    ]
    formats = tuple(across(format_columns)) if each else (0,) * (len(FORMATS) + 1)
    everyone = formats[-1]
    categories = []
    for k, category in enumerate(about_you_categories(audience, survey_id)):
        labels: dict[str, None] = {}
        columns = []
        for _name, p in each:
            lines = {line.label: line.answered for line in p.categories[k].lines if line.asked}
            labels.update(dict.fromkeys(lines))
            columns.append(lines)
        rows = across([[column.get(label, 0) for label in labels] for column in columns])
        categories.append(
            (
                category.name,
                tuple(
                    (
                        label,
                        count,
                        100 * count / everyone if count is not None and everyone else None,
                    )
                    for label, count in zip(labels, rows, strict=True)
                ),
            )
        )
    return TrustParticipation(
        audience, dict(AUDIENCES)[audience], minimum, tuple(each), formats, tuple(categories)
    )
