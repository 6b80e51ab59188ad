"""Take a respondent through a survey: drafts, answers, skip logic and exactly-once submission."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.exc import IntegrityError

from coprod.extensions import db
from coprod.models import (
    Answer,
    Draft,
    Response,
    SafeguardingItem,
    SurveyVersion,
    Ward,
    WardSurvey,
)
from coprod.models.base import local_today, utcnow
from coprod.screening import Concern
from coprod.services.safeguarding import intake
from coprod.services.survey_schema import Question, SurveyDefinition, definition_from_data

MODES = ("kiosk", "link")
HELPED_QUESTION = "helped"


class AnswerError(ValueError):
    """An answer was refused; the message is safe to show to the respondent."""


def week_of(day: date) -> date:
    """Return the Monday of the week a day falls in: the only date a response keeps."""
    return day - timedelta(days=day.weekday())


def definition_of(version: SurveyVersion) -> SurveyDefinition:
    """Return the survey definition stored on a version row.

    Versions never change once recorded, so each is built once per process.
    """
    cached = _definitions.get(version.content_hash)
    if cached is None:
        cached = definition_from_data(version.definition, Path(version.source_file))
        _definitions[version.content_hash] = cached
    return cached


_definitions: dict[str, SurveyDefinition] = {}


def definition_for(draft: Draft) -> SurveyDefinition:
    """Return the survey as this draft asks it: after a one-tap answer, "tell us more"
    asks only the questions after the one already sent."""
    definition = definition_of(draft.survey_version)
    return definition.after_tap() if draft.adds_to_response_id is not None else definition


def current_version(survey_id: str, variant: str, language: str = "en") -> SurveyVersion | None:
    """Return the newest recorded version of a survey in a variant and language."""
    return db.session.scalar(
        select(SurveyVersion)
        .where(
            SurveyVersion.survey_id == survey_id,
            SurveyVersion.variant == variant,
            SurveyVersion.language == language,
        )
        .order_by(SurveyVersion.id.desc())
        .limit(1)
    )


def start_draft(
    ward: Ward,
    version: SurveyVersion,
    *,
    mode: str,
    device_id: int | None = None,
    owner_key: str | None = None,
    answers: dict[str, Any] | None = None,
    adds_to: Response | None = None,
) -> Draft:
    """Begin a response in progress under a new unguessable token; the caller commits.

    With adds_to, the draft is "tell us more" after a one-tap answer: its answers are
    added to that response when sent, and answers holds the one already sent.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    draft = Draft(
        token=secrets.token_urlsafe(32),
        ward_id=ward.id,
        survey_version_id=version.id,
        device_id=device_id,
        owner_key=owner_key,
        mode=mode,
        answers=dict(answers or {}),
        adds_to_response_id=adds_to.id if adds_to is not None else None,
    )
    db.session.add(draft)
    return draft


def is_token_shaped(token: str | None) -> bool:
    """Say whether a value could be a draft token: URL-safe letters, digits, - and _ only.
    Anything else (a NUL character, say) matches no draft and is never sent to the database."""
    return bool(token) and len(token) <= 64 and _TOKEN.fullmatch(token) is not None


_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def find_draft(token: str) -> Draft | None:
    """Return the draft with this token, if it still exists."""
    if not is_token_shaped(token):
        return None
    return db.session.scalar(select(Draft).where(Draft.token == token))


def still_open(draft: Draft) -> bool:
    """Say whether the draft's survey is still open on a ward that still takes part."""
    if not draft.ward.is_active:
        return False
    return bool(
        db.session.scalar(
            select(WardSurvey.is_open).where(
                WardSurvey.ward_id == draft.ward_id,
                WardSurvey.survey_id == draft.survey_version.survey_id,
            )
        )
    )


def is_visible(question: Question, answers: dict[str, Any]) -> bool:
    """Return whether skip logic shows this question, given the answers so far."""
    return question.show_if is None or question.show_if.matches(
        answers.get(question.show_if.question)
    )


def visible_questions(definition: SurveyDefinition, answers: dict[str, Any]) -> list[Question]:
    """Return the questions this respondent sees, in order."""
    return [q for q in definition.questions if is_visible(q, answers)]


def neighbours(
    definition: SurveyDefinition, answers: dict[str, Any], question_id: str
) -> tuple[Question | None, Question | None]:
    """Return the visible questions before and after this one."""
    shown = visible_questions(definition, answers)
    ids = [q.id for q in shown]
    if question_id not in ids:
        return None, None
    index = ids.index(question_id)
    before = shown[index - 1] if index > 0 else None
    after = shown[index + 1] if index + 1 < len(shown) else None
    return before, after


def progress(
    definition: SurveyDefinition, answers: dict[str, Any], question_id: str
) -> tuple[int, int]:
    """Return (this question's number, how many there may be): questions an earlier answer
    has already hidden are not counted, and those still to be decided are, so the count
    goes up by one a page and the total only ever falls."""
    possible: list[str] = []
    for q in definition.questions:
        parent = q.show_if.question if q.show_if else None
        if parent is None or (
            parent in possible and (parent not in answers or is_visible(q, answers))
        ):
            possible.append(q.id)
    return possible.index(question_id) + 1, len(possible)


def not_yet_asked(definition: SurveyDefinition, answers: dict[str, Any]) -> list[Question]:
    """Return the questions now shown that were never put to the person (a skipped
    question counts as asked): follow-ups that a changed answer has just opened."""
    return [q for q in visible_questions(definition, answers) if q.id not in answers]


def parse_answer(question: Question, values: list[str]) -> Any:
    """Return the answer to store from submitted form values, or refuse it.

    None means the question was skipped.
    """
    values = [v for v in values if v is not None]
    if question.type == "free_text":
        text = (values[0] if values else "").replace("\r\n", "\n").strip()
        if "\x00" in text:
            raise AnswerError("Your answer contains characters that cannot be saved")
        if question.max_length is not None and len(text) > question.max_length:
            raise AnswerError(
                f"Your answer must be {question.max_length} characters or fewer. "
                f"It is {len(text)} characters."
            )
        if not text and question.required:
            raise AnswerError("Enter an answer")
        return text or None
    allowed = set(question.values())
    chosen = [v for v in values if v != ""]
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise AnswerError("That answer is not one of the choices. Choose from the list.")
    if question.type == "multiple_choice":
        if not chosen and question.required:
            raise AnswerError("Choose at least one answer")
        alone = [o for o in question.options if o.exclusive and o.value in chosen]
        if alone and len(set(chosen)) > 1:
            raise AnswerError(
                f"“{alone[0].label}” cannot go with other answers. "
                "Choose it on its own, or choose the other answers without it."
            )
        # Keep the file's order and drop repeats.
        return [v for v in question.values() if v in chosen] or None
    if len(chosen) > 1:
        raise AnswerError("Choose one answer")
    if not chosen and question.required:
        raise AnswerError("Choose an answer")
    return chosen[0] if chosen else None


def save_answer(draft: Draft, question: Question, answer: Any) -> None:
    """Store one answer on the draft (None marks a skipped question); the caller commits."""
    answers = dict(draft.answers or {})
    answers[question.id] = answer
    draft.answers = answers
    draft.updated_at = utcnow()


@dataclass(frozen=True)
class Submitted:
    """The outcome of submitting a draft: the stored response and any safeguarding concern."""

    response: Response
    concerns: frozenset[Concern]
    repeated: bool = False
    # Alerts to deliver now that the response is committed.
    alert_ids: tuple[int, ...] = ()


def concerns_of(response: Response) -> frozenset[Concern]:
    """Return the safeguarding concerns recorded for a response."""
    item = db.session.scalar(
        select(SafeguardingItem).where(SafeguardingItem.response_id == response.id)
    )
    return frozenset(Concern(c) for c in item.concerns) if item else frozenset()


def submit(draft: Draft, *, today: date | None = None) -> Submitted:
    """Store a draft as one response, queue it for safeguarding if it needs a reading
    (with its alerts), delete the draft, and commit.

    A second submission of the same draft (double tap, resend, retry) stores nothing
    and returns the first response.
    """
    key = draft.submission_key
    draft_id = draft.id
    trust = draft.ward.site.trust
    definition = definition_for(draft)
    answers = draft.answers or {}
    shown = visible_questions(definition, answers)
    assessment = intake.assess(shown, answers)
    if draft.adds_to_response_id is not None:
        return _add_more(draft, definition, shown, assessment)
    week = week_of(today or local_today())
    for attempt in range(ID_ATTEMPTS):
        response = _response_of(draft, definition, shown, answers, week)
        try:
            db.session.add(response)
            db.session.flush()
            _, alert_ids = intake.queue(response, assessment, trust=trust, definition=definition)
            db.session.execute(delete(Draft).where(Draft.id == draft_id))
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            existing = db.session.scalar(select(Response).where(Response.submission_key == key))
            if existing is not None:
                # Another request submitted this draft first; its response is the one kept.
                return Submitted(existing, concerns_of(existing), repeated=True)
            if attempt == ID_ATTEMPTS - 1:
                raise
            # Otherwise a random id was already taken (about once in 2**60): draw again.
            draft = db.session.get(Draft, draft_id)
            if draft is None:
                raise
            continue
        return Submitted(response, assessment.concerns, alert_ids=tuple(alert_ids))
    raise AssertionError("unreachable")


# How many times submit draws new random ids before giving up.
ID_ATTEMPTS = 3


def tap(draft: Draft, question: Question, answer: Any) -> tuple[Submitted, Draft]:
    """Send a one-tap survey's first answer as a response at once, and begin its
    "tell us more" draft (the rest of the survey) for the same person; commits both.

    A second tap on the same draft stores nothing new (as submit); its "tell us more" is
    a fresh draft adding to the response already sent.
    """
    ward, version, mode = draft.ward, draft.survey_version, draft.mode
    device_id, owner_key = draft.device_id, draft.owner_key
    save_answer(draft, question, answer)
    result = submit(draft)
    more = start_draft(
        ward,
        version,
        mode=mode,
        device_id=device_id,
        owner_key=owner_key,
        answers={question.id: answer},
        adds_to=result.response,
    )
    db.session.commit()
    return result, more


def _add_more(draft, definition, shown, assessment) -> Submitted:
    """Add a "tell us more" draft's answers to the response sent with one tap, once."""
    response = db.session.get(Response, draft.adds_to_response_id)
    trust = draft.ward.site.trust
    answers = draft.answers or {}
    # Deleting the draft first claims it: a second Send finds nothing left to add.
    claimed = db.session.execute(delete(Draft).where(Draft.id == draft.id)).rowcount
    if response is None or claimed != 1:
        db.session.rollback()
        response = response or db.session.get(Response, draft.adds_to_response_id)
        if response is None:
            raise LookupError("the response this draft adds to is gone")
        return Submitted(response, concerns_of(response), repeated=True)
    _add_answers(response, shown, answers)
    db.session.flush()
    _, alert_ids = intake.queue(response, assessment, trust=trust, definition=definition)
    db.session.commit()
    return Submitted(response, assessment.concerns, alert_ids=tuple(alert_ids))


def _response_of(draft, definition, shown, answers, week) -> Response:
    response = Response(
        submission_key=draft.submission_key,
        ward_id=draft.ward_id,
        survey_version_id=draft.survey_version_id,
        audience=definition.audience,
        variant=definition.variant,
        language=definition.language,
        mode=draft.mode,
        week=week,
    )
    _add_answers(response, shown, answers)
    return response


def _add_answers(response: Response, shown, answers) -> None:
    helped = answers.get(HELPED_QUESTION)
    if isinstance(helped, str) and any(q.id == HELPED_QUESTION for q in shown):
        response.helped = {"yes": True, "no": False}.get(helped)
    for question in shown:
        value = answers.get(question.id)
        if value is None:
            continue
        if question.type == "free_text":
            response.answers.append(Answer(question_id=question.id, text=value))
        else:
            for choice in value if isinstance(value, list) else [value]:
                response.answers.append(Answer(question_id=question.id, choice=choice))


def discard(draft: Draft) -> None:
    """Delete a draft and its answers; the caller commits."""
    db.session.execute(delete(Draft).where(Draft.id == draft.id))


def _idle_since(max_idle_minutes: int, kiosk_seconds: int | None) -> tuple[datetime, datetime]:
    """Return the times before which a draft, and a draft on a ward tablet, is idle."""
    now = utcnow()
    any_draft = now - timedelta(minutes=max_idle_minutes)
    if kiosk_seconds is None:
        return any_draft, any_draft
    return any_draft, max(any_draft, now - timedelta(seconds=kiosk_seconds))


def is_idle(draft: Draft, max_idle_minutes: int, kiosk_seconds: int | None = None) -> bool:
    """Say whether the draft has been left untouched past its idle limit."""
    any_draft, kiosk = _idle_since(max_idle_minutes, kiosk_seconds)
    return draft.updated_at < (kiosk if draft.mode == "kiosk" else any_draft)


def purge_idle_drafts(max_idle_minutes: int, kiosk_seconds: int | None = None) -> int:
    """Delete drafts untouched for longer than the idle limit, and drafts on ward tablets
    untouched for kiosk_seconds; return how many. Caller commits."""
    any_draft, kiosk = _idle_since(max_idle_minutes, kiosk_seconds)
    idle = or_(Draft.updated_at < any_draft, and_(Draft.mode == "kiosk", Draft.updated_at < kiosk))
    result = db.session.execute(delete(Draft).where(idle))
    return result.rowcount or 0


def keep_alive(draft: Draft) -> None:
    """Note that someone is still answering the draft, so it is not cleared as idle."""
    draft.updated_at = utcnow()
