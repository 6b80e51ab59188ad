"""Steps of a respondent's walk through a survey in the browser, shared by the browser tests."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from coprod.services.survey_schema import SurveyDefinition
from tests.browser.journey import (
    TABLET_WARD,
    Step,
    give_answer,
    plan_walk,
    remember_draft,
    token_of,
    wording,
)
from tests.browser.support import LiveServer

VARIANTS = ["standard", "easy_read"]
THANKS = "Thank you, your answers have been sent"
TAPPED = "Thank you, your answer has been sent"
CLEARED = "This survey has been cleared"
SURVEYS = [
    "patient-sexual-safety",
    "patient-ward-climate",
    "staff-sexual-safety",
    "staff-ward-climate",
    "ward-weather",
]
SEXUAL_SAFETY = ("patient-sexual-safety", "standard")
WEATHER = ("ward-weather", "standard")


def press_continue(page: Page, say: Callable[..., str]) -> None:
    page.get_by_role("button", name=say("Continue"), exact=True).click()


def exit_button(page: Page, say: Callable[..., str]) -> Locator:
    return page.get_by_role("button", name=say("Exit this page"), exact=True)


def expect_exit_button(page: Page, definition: SurveyDefinition) -> None:
    """Expect the quick exit on every page of a sexual-safety survey, and only there."""
    # Found by where it posts, so a wording that names it differently is still found.
    exits = page.locator('header form[action$="/exit"] button')
    expect(exits).to_have_count(1 if definition.sexual_safety else 0)
    if definition.sexual_safety:
        expect(exits).to_be_visible()


def expect_tablet_away(page: Page, server: LiveServer) -> None:
    """Expect the plain page a quick exit on a tablet lands on, naming no survey."""
    expect(page).to_have_url(server.at("/tablet/away"))
    expect(page.locator("h1")).to_have_text("Ward tablet")


def expect_tablet_start(page: Page, server: LiveServer) -> None:
    expect(page).to_have_url(server.at("/tablet"))
    expect(page.locator("h1")).to_have_text(f"Have your say about {TABLET_WARD[1]}")


def walk_to_check(
    page: Page,
    server: LiveServer,
    definition: SurveyDefinition,
    *,
    on_each_page: Callable[[Page], None] | None = None,
    **plan,
) -> list[Step]:
    """From the intro page, answer every question of the plan and arrive at the check page."""
    say = wording(server, definition.variant)
    steps = plan_walk(definition, **plan)
    for step in begin(page, server, definition, steps):
        expect(page.locator("h1")).to_have_text(step.question.text)
        if on_each_page is not None:
            on_each_page(page)
        give_answer(page, step)
        press_continue(page, say)
    expect(page.locator("h1")).to_have_text(say("Check your answers"))
    return steps


def tap(page: Page, server: LiveServer, definition: SurveyDefinition, step: Step) -> None:
    """On a one-tap survey's first page, tap the step's answer: it is sent at once."""
    say = wording(server, definition.variant)
    expect(page.locator("h1")).to_have_text(step.question.text)
    option = step.question.option(step.answer[0])
    page.get_by_role("button", name=option.label, exact=True).click()
    expect(page.locator("h1")).to_have_text(say(TAPPED))


def tell_us_more(page: Page, server: LiveServer, definition: SurveyDefinition) -> None:
    say = wording(server, definition.variant)
    page.get_by_role("button", name=say("Tell us more"), exact=True).click()


def begin(
    page: Page, server: LiveServer, definition: SurveyDefinition, steps: list[Step]
) -> list[Step]:
    """From the intro page, reach the first question page; return the steps still to answer.

    A one-tap survey's first page is its first question: tap the answer, then choose
    "Tell us more" to answer the rest, which are added to the answer already sent.
    """
    if definition.one_tap:
        tap(page, server, definition, steps[0])
        tell_us_more(page, server, definition)
        remember_draft(server, token_of(page))
        return steps[1:]
    page.get_by_role(
        "button", name=wording(server, definition.variant)("Start"), exact=True
    ).click()
    return steps


def send(page: Page, say: Callable[..., str], *, double_click: bool = False) -> None:
    send = page.get_by_role("button", name=say("Send my answers"))
    if double_click:
        send.dblclick()
    else:
        send.click()
    expect(page.locator("h1")).to_have_text(say(THANKS))


def expected(steps: list[Step]) -> dict:
    return {step.question.id: step.stored for step in steps}


def sorted_answers(answers: dict | None) -> dict | None:
    if answers is None:
        return None
    return {k: v if isinstance(v, str) else sorted(v) for k, v in answers.items()}


DESCRIBE_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  const text = (el.innerText || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 30);
  return `${el.tagName.toLowerCase()} "${text}"`;
}"""


def tab_to(page: Page, target: Locator, *, limit: int = 40) -> list[str]:
    """Press Tab until target has focus; return what had focus on the way, in order."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(DESCRIBE_FOCUS_JS))
        if target.evaluate("(el) => el === document.activeElement"):
            return seen
    raise AssertionError(f"{limit} presses of Tab never reached {target}; focus went {seen}")
