"""Helpers for walking a respondent through a survey in the browser."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.i18n import easy_read
from coprod.models import Draft, Response, Ward, WardSurvey
from coprod.services import devices, responses, survey_files
from coprod.services.survey_schema import Question, SurveyDefinition
from tests.browser.support import LiveServer

T = TypeVar("T")

TOKEN_IN_URL = re.compile(r"/r/([A-Za-z0-9_-]{20,})")
TABLET_WARD = ("DEMO-W1", "Willow Ward")
# Screened free text: the first is a disclosure the safeguarding screen must flag, the
# second must not be flagged.
DISCLOSURE = "he keeps touching me and I want it to stop"
NEUTRAL_TEXT = "More time in the garden and a quieter lounge, please"
# Variants as the tablet start page names them on their buttons.
START_BUTTON = {"standard": "Start", "easy_read": "Start in Easy Read"}


# Each draft's random submission key, by token: the response it becomes carries the key,
# and ids are random, so this is how a test finds the response its walk sent.
_KEYS: dict[str, str] = {}


def remember_draft(server: LiveServer, token: str) -> None:
    """Note the submission key of the draft behind a token, while the draft exists."""

    def read() -> str | None:
        return db.session.scalar(select(Draft.submission_key).where(Draft.token == token))

    key = in_app(server, read)
    if key is not None:
        _KEYS[token] = key


def in_app(server: LiveServer, work: Callable[[], T]) -> T:
    """Run work in an app context of the live server's app, on its database, and tidy up.

    Return plain values from work, not database rows: the session is gone afterwards.
    """
    with server.app.app_context():
        try:
            return work()
        finally:
            db.session.rollback()
            db.session.remove()


def wording(server: LiveServer, variant: str) -> Callable[..., str]:
    """Return how the pages of a survey variant word an English message.

    Easy Read surveys word their buttons and messages from the easyread catalogue
    ("Continue" is "Next"), so tests find controls by the words the respondent sees.
    """

    def say(text: str, **values: Any) -> str:
        if variant != "easy_read":
            return text % values if values else text
        with server.app.test_request_context():
            return easy_read.gettext(text, **values)

    return say


def definitions(server: LiveServer) -> dict[tuple[str, str], SurveyDefinition]:
    """Return the live server's survey files by (survey id, variant)."""
    loaded = survey_files.load_directory(server.app.config["COPROD_SURVEY_DIR"])
    return {(d.id, d.variant): d for d in loaded}


def response_count(server: LiveServer) -> int:
    """Return how many responses the live server has stored."""
    return in_app(server, lambda: db.session.scalar(select(func.count()).select_from(Response)))


def stored_answers(server: LiveServer, token: str) -> dict[str, Any] | None:
    """Return the answers stored from a draft token, as {question: choices or text}, or None.

    Nothing on a response leads back to its token, so this finds it by the draft's random
    submission key, noted while the draft existed (remember_draft).
    """
    assert token in _KEYS, "call remember_draft (or start_on_tablet) before sending"

    def read() -> dict[str, Any] | None:
        if db.session.scalar(select(Draft.id).where(Draft.token == token)) is not None:
            return None
        response = db.session.scalar(
            select(Response).where(Response.submission_key == _KEYS[token])
        )
        if response is None:
            return None
        stored: dict[str, Any] = {}
        for answer in response.answers:
            if answer.text is not None:
                stored[answer.question_id] = answer.text
            else:
                stored.setdefault(answer.question_id, []).append(answer.choice)
        return stored

    return in_app(server, read)


def draft_answers(server: LiveServer, token: str) -> dict[str, Any] | None:
    """Return the answers of a draft in progress, or None if the draft is gone."""
    remember_draft(server, token)

    def read() -> dict[str, Any] | None:
        draft = db.session.scalar(select(Draft).where(Draft.token == token))
        return None if draft is None else dict(draft.answers or {})

    return in_app(server, read)


def link_codes(server: LiveServer, ward_code: str = TABLET_WARD[0]) -> dict[str, str]:
    """Return a ward's personal link codes by survey id."""

    def read() -> dict[str, str]:
        rows = db.session.scalars(
            select(WardSurvey).join(Ward).where(Ward.code == ward_code, WardSurvey.is_open)
        )
        return {row.survey_id: row.link_code for row in rows}

    return in_app(server, read)


def new_enrol_code(server: LiveServer, ward_code: str = TABLET_WARD[0]) -> str:
    """Add a tablet to a ward as an admin would and return its one-time set-up code."""

    def make() -> str:
        ward = db.session.scalar(select(Ward).where(Ward.code == ward_code))
        _device, code = devices.create_device(ward, label="Browser test tablet", actor=None)
        db.session.commit()
        return code

    return in_app(server, make)


def enrol_tablet(page: Page, server: LiveServer, ward_code: str = TABLET_WARD[0]) -> None:
    """Make the page's browser context a ward tablet through the one-time set-up page."""
    page.goto(server.at(f"/tablet/enrol/{new_enrol_code(server, ward_code)}"))
    page.get_by_role("button", name="Make this the ward tablet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Have your say about")


def start_on_tablet(page: Page, server: LiveServer, definition: SurveyDefinition) -> str:
    """From the tablet start page, start a survey in its variant; return the draft token."""
    page.goto(server.at("/tablet"))
    start_button(page, definition).click()
    # A one-tap survey opens on its first question; any other on its intro page.
    first = definition.questions[0].text if definition.one_tap else definition.title
    expect(page.get_by_role("heading", level=1)).to_have_text(first)
    token = token_of(page)
    remember_draft(server, token)
    return token


def start_button(page: Page, definition: SurveyDefinition) -> Locator:
    """Return the tablet start page's button that starts the survey in its variant."""
    form = page.locator("form").filter(
        has=page.locator(f'input[name="survey"][value="{definition.id}"]')
    )
    # Named like "Start in Easy Read: Ward weather"; the card shows one title for all variants.
    name = re.compile(rf"^{re.escape(START_BUTTON[definition.variant])}\s*:")
    return form.get_by_role("button", name=name)


def token_of(page: Page) -> str:
    """Return the draft token in the page's address."""
    match = TOKEN_IN_URL.search(page.url)
    assert match, f"no draft token in {page.url}"
    return match.group(1)


@dataclass(frozen=True)
class Step:
    """One question page of a walk and the answer to give on it."""

    question: Question
    answer: tuple[str, ...] | str  # option values, or the text to type

    @property
    def saved(self) -> Any:
        """Return the answer as a draft keeps it, for skip logic."""
        if isinstance(self.answer, str) or self.question.type != "multiple_choice":
            return self.answer if isinstance(self.answer, str) else self.answer[0]
        return list(self.answer)

    @property
    def stored(self) -> Any:
        """Return the answer as stored_answers reports it."""
        return self.answer if isinstance(self.answer, str) else sorted(self.answer)


def plan_walk(definition: SurveyDefinition, *, disclose: bool = False) -> list[Step]:
    """Return answers that show every question of the survey, in the order they are asked.

    A choice question that gates later questions (show_if) gets the value that opens the
    most of them (a multiple choice gets every such value); otherwise its first option.
    The first screened free-text question gets DISCLOSURE if disclose, else NEUTRAL_TEXT.
    """
    openers: dict[str, list[str]] = {}
    for question in definition.questions:
        if question.show_if is not None:
            openers.setdefault(question.show_if.question, []).extend(question.show_if.values)
    answers: dict[str, Any] = {}
    steps: list[Step] = []
    disclosed = False
    for question in definition.questions:
        if not responses.is_visible(question, answers):
            continue
        wanted = openers.get(question.id, [])
        answer: tuple[str, ...] | str
        if question.type == "free_text":
            answer = NEUTRAL_TEXT
            if disclose and question.screen and not disclosed:
                answer, disclosed = DISCLOSURE, True
            answers[question.id] = answer
        elif question.type == "multiple_choice":
            answer = tuple(v for v in question.values() if v in wanted) or question.values()[:1]
            answers[question.id] = list(answer)
        else:
            # max() keeps the first of equals, so with no gate this is the first option.
            answer = (max(question.values(), key=wanted.count),)
            answers[question.id] = answer[0]
        steps.append(Step(question, answer))
    walked = [step.question.id for step in steps]
    assert walked == [q.id for q in definition.questions], (
        f"{definition.source.name}: one walk cannot show every question; walked {walked}"
    )
    assert disclosed or not disclose, f"{definition.source.name} has no screened free text"
    return steps


def progress(definition: SurveyDefinition, steps: list[Step], index: int) -> tuple[int, int]:
    """Return (n, total) of "Question n of total" on the walk's index-th page (from 0).

    A walk shows every question, so no answer rules one out: the count goes up by one a
    page and the total stays the number of questions (after a one-tap survey's tapped
    question, the questions after it).
    """
    asked = definition.questions[1:] if definition.one_tap else definition.questions
    return index + 1, len(asked)


def give_answer(page: Page, step: Step) -> None:
    """Fill in or choose the step's answer with the mouse and keyboard, as a person would."""
    if isinstance(step.answer, str):
        page.locator("#answer").fill(step.answer)
        return
    for value in step.answer:
        page.locator(f'input[name="answer"][value="{value}"]').check()


def tamper(page: Page, question: Question) -> None:
    """Make the form send an answer the server must refuse: too long, or not a choice."""
    if question.type == "free_text":
        assert question.max_length is not None
        page.locator("#answer").evaluate("(el) => el.removeAttribute('maxlength')")
        page.locator("#answer").fill("x" * (question.max_length + 1))
    else:
        first = page.locator('input[name="answer"]').first
        first.evaluate("(el) => { el.value = 'tampered'; }")
        first.check()


FORM_VALUES_JS = """() => [...document.querySelectorAll('input, textarea, select')]
    .map((el) => el.value).join('\\n')"""


def shows_text(page: Page, text: str) -> bool:
    """Return whether text is anywhere on the page: in its markup or in a form field."""
    return text in page.content() or text in page.evaluate(FORM_VALUES_JS)


def _when_attached(page: Page, action: Callable[[], T], *, tries: int = 50) -> T:
    """Run action, retrying while Playwright reattaches to the tab after an error page.

    Chromium shows its own error pages in another process; for a moment after one, the
    tab's debugging session is "not attached to an active page" and nothing has happened.
    """
    for _ in range(tries - 1):
        try:
            return action()
        except PlaywrightError as exc:
            if "Not attached to an active page" not in str(exc):
                raise
            page.wait_for_timeout(100)
    return action()


def press_back(page: Page) -> None:
    """Press the browser's Back button once and wait for the page it shows."""
    try:
        _when_attached(page, page.go_back)
    except PlaywrightError as exc:
        # Back onto the answer to a form post (the thank-you page): Chromium will not post
        # again by itself, and shows its "Confirm form resubmission" page instead.
        if "ERR_CACHE_MISS" not in str(exc):
            raise
        page.wait_for_load_state()


def _history(page: Page) -> tuple[int, str]:
    """Return the tab's place in its history and the address there."""

    def read() -> tuple[int, str]:
        cdp = page.context.new_cdp_session(page)
        try:
            history = cdp.send("Page.getNavigationHistory")
        finally:
            cdp.detach()
        index = history["currentIndex"]
        return index, history["entries"][index]["url"]

    return _when_attached(page, read)


def press_back_through_history(page: Page, still_fine: Callable[[], bool]) -> list[str]:
    """Press Back until the first page of the tab's history, checking every page shown.

    Fail as soon as still_fine() is false; return the addresses passed through.
    """
    visited = []
    index, _url = _history(page)
    while index > 0:
        press_back(page)
        index, url = _history(page)
        visited.append(url)
        shown = _when_attached(page, page.content)
        assert _when_attached(page, still_fine), f"after Back to {url}, the page shows: {shown}"
    return visited
