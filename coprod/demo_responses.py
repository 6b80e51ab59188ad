"""Half a year of made-up survey responses for the demo wards, so every chart has data."""

# Made-up data from a seeded generator: repeatable, and nothing to do with security.
# ruff: noqa: S311

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, insert, select

from coprod.extensions import db
from coprod.models import Answer, Response, SurveyVersion, Ward, WardSurvey
from coprod.models.base import local_today
from coprod.services import responses
from coprod.services.responses import HELPED_QUESTION
from coprod.services.survey_schema import SurveyDefinition

WEEKS = 26
COMMENTS = [
    "Staff are kind but always busy, there is not enough of them on nights.",
    "I would feel safer if the bathroom doors locked properly.",
    "The activities coordinator is brilliant, more groups at weekends please.",
    "Too many rules that nobody explains, like no hot drinks after nine.",
    "My leave keeps getting cancelled because there are not enough staff.",
    "The food is cold by the time it reaches the ward.",
    "Some patients make sexual comments and staff do not always step in.",
    "I like that my named nurse sits down with me every day.",
    "It is very loud at night and hard to sleep.",
    "Nobody told my family when I was moved wards.",
    "The garden is lovely when it is open.",
    "I was restrained and nobody talked to me about it afterwards.",
]


def seed_responses(wards: list[Ward], *, seed: int = 7) -> int:
    """Add weekly responses to each ward's open surveys, unless the ward has some already."""
    added = 0
    today = local_today()
    for ward in wards:
        if db.session.scalar(select(func.count()).where(Response.ward_id == ward.id)):
            continue
        survey_ids = db.session.scalars(
            select(WardSurvey.survey_id).where(WardSurvey.ward_id == ward.id)
        ).all()
        for survey_id in survey_ids:
            variant = "easy_read" if ward.ward_type.value == "ld_autism" else "standard"
            version = responses.current_version(survey_id, variant) or responses.current_version(
                survey_id, "standard"
            )
            if version is None:
                continue
            added += _seed_survey(
                ward, version, today, random.Random(f"{seed}-{ward.code}-{survey_id}")
            )
        _seed_queue(ward, today)
    return added


def _seed_queue(ward: Ward, today) -> None:
    """Put the ward's last eight weeks into the safeguarding queue as submission would;
    items older than a fortnight are shown as already closed by the demo lead."""
    from coprod.services.safeguarding import intake

    since = responses.week_of(today - timedelta(weeks=8))
    recent = responses.week_of(today - timedelta(weeks=2))
    trust = ward.site.trust
    for response in db.session.scalars(
        select(Response).where(Response.ward_id == ward.id, Response.week >= since)
    ):
        definition = responses.definition_of(response.survey_version)
        answers: dict[str, object] = {}
        for answer in response.answers:
            if answer.text is not None:
                answers[answer.question_id] = answer.text
            elif answer.question_id in answers:
                answers[answer.question_id] = [*list(answers[answer.question_id]), answer.choice]
            else:
                answers[answer.question_id] = answer.choice
        shown = responses.visible_questions(definition, answers)
        assessment = intake.assess(shown, answers)
        if response.week < recent and not assessment.flagged:
            continue
        item, _ = intake.queue(
            response, assessment, trust=trust, definition=definition, alert=False
        )
        if item is not None and response.week < recent:
            item.state, item.outcome, item.raised_hour = "closed", "ward_manager", None


@dataclass(frozen=True)
class Profile:
    """How a demo ward answers: how many a week, and how often positively (before and after
    its change idea, if it has one)."""

    patients: tuple[int, int]  # fewest and most responses a week to a patient survey
    staff: tuple[int, int]
    lean: float  # how often a patient picks a positive answer
    lean_after_change: float | None = None
    staff_lean: float = 0.0  # added for staff: staff and patients see the ward differently


# Willow Ward tests a change idea CHANGE_WEEKS_AGO and its measures shift up after it;
# Bracken Ward is too small to show; elsewhere staff answer more positively than patients.
CHANGE_WARD = "DEMO-W1"
CHANGE_WEEKS_AGO = 11
CHANGE_IDEA = (
    "Protected time with a named nurse every day",
    "Each patient has fifteen minutes a day with their named nurse, at a time they choose, "
    "to talk about how safe they feel on the ward.",
)
PROFILES = {
    "DEMO-W1": Profile((10, 14), (14, 18), lean=0.05, lean_after_change=0.85, staff_lean=0.1),
    "DEMO-W2": Profile((6, 10), (13, 17), lean=0.45, staff_lean=0.3),
    "DEMO-W3": Profile((6, 9), (13, 17), lean=0.35, staff_lean=0.25),
    "DEMO-W4": Profile((6, 9), (13, 16), lean=0.5, staff_lean=0.1),
    "DEMO-W5": Profile((1, 3), (2, 6), lean=0.5),
    "DEMO-W6": Profile((6, 9), (13, 16), lean=0.4, staff_lean=0.2),
}
DEFAULT_PROFILE = Profile((6, 9), (13, 17), lean=0.45, staff_lean=0.2)


def _lean(profile: Profile, audience: str, weeks_ago: int) -> float:
    lean = profile.lean
    if profile.lean_after_change is not None and weeks_ago <= CHANGE_WEEKS_AGO:
        lean = profile.lean_after_change
    if audience == "staff":
        lean += profile.staff_lean
    return min(lean, 0.95)


def _seed_survey(ward: Ward, version: SurveyVersion, today, rng: random.Random) -> int:
    definition = responses.definition_of(version)
    profile = PROFILES.get(ward.code, DEFAULT_PROFILE)
    fewest, most = profile.staff if definition.audience == "staff" else profile.patients
    count = 0
    for weeks_ago in range(WEEKS, 0, -1):
        week = responses.week_of(today - timedelta(weeks=weeks_ago))
        lean = _lean(profile, definition.audience, weeks_ago)
        for _ in range(rng.randint(fewest, most)):
            rows = _answers(definition, rng, lean)
            helped = next((r["choice"] for r in rows if r["question_id"] == HELPED_QUESTION), None)
            response_id = db.session.execute(
                insert(Response)
                .values(
                    submission_key=f"demo-{rng.getrandbits(128):032x}",
                    ward_id=ward.id,
                    survey_version_id=version.id,
                    audience=definition.audience,
                    variant=definition.variant,
                    language=definition.language,
                    mode=rng.choice(["kiosk", "kiosk", "link"]),
                    helped={"yes": True, "no": False}.get(helped),
                    week=week,
                )
                .returning(Response.id)
            ).scalar_one()
            if rows:
                db.session.execute(
                    insert(Answer), [{"response_id": response_id, **r} for r in rows]
                )
            count += 1
    return count


def _answers(definition: SurveyDefinition, rng: random.Random, lean: float) -> list[dict]:
    given: dict[str, object] = {}
    rows: list[dict] = []
    for question in definition.questions:
        if not responses.is_visible(question, given) or rng.random() < 0.08:
            continue
        if question.type == "free_text":
            if rng.random() < 0.3:
                rows.append(
                    {"question_id": question.id, "text": rng.choice(COMMENTS), "choice": None}
                )
            continue
        values = question.answer_values() or question.values()
        if question.report is not None:
            # A report of harm is rare: about one answer in twenty.
            others = [v for v in values if v not in question.report.values]
            value = rng.choice(question.report.values) if rng.random() < 0.05 else others[0]
            given[question.id] = value
            rows.append({"question_id": question.id, "choice": value, "text": None})
            continue
        if question.type == "multiple_choice":
            chosen = [v for v in values if rng.random() < 0.3] or [values[0]]
            given[question.id] = chosen
            rows.extend({"question_id": question.id, "choice": v, "text": None} for v in chosen)
            continue
        positive = question.measure.positive if question.measure else values[:1]
        value = rng.choice(positive) if rng.random() < lean else rng.choice(values)
        given[question.id] = value
        rows.append({"question_id": question.id, "choice": value, "text": None})
    return rows
