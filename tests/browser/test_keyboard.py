"""Every control of a survey works from the keyboard as the design system's do: Space
presses each button, with and without script, on the ward tablet."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.journey import (
    definitions,
    draft_answers,
    enrol_tablet,
    remember_draft,
    start_button,
    stored_answers,
    token_of,
    wording,
)
from tests.browser.support import LiveServer
from tests.browser.walk import TAPPED, THANKS, expect_tablet_start

pytestmark = pytest.mark.browser


def _space(page: Page, control: Locator) -> None:
    control.focus()
    expect(control).to_be_focused()
    page.keyboard.press("Space")


@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_space_presses_every_button_of_a_survey(open_page, live_server: LiveServer, script: bool):
    page = open_page("tablet", java_script_enabled=script)
    enrol_tablet(page, live_server)
    definition = definitions(live_server)[("ward-weather", "standard")]
    say = wording(live_server, "standard")
    page.goto(live_server.at("/tablet"))
    _space(page, start_button(page, definition))
    # The weather is one tap: its first page is the question, each answer a button.
    expect(page.locator("h1")).to_have_text(definition.questions[0].text)
    tapped = token_of(page)
    remember_draft(live_server, tapped)
    _space(page, page.get_by_role("button", name="Calm", exact=True))
    expect(page.locator("h1")).to_have_text(say(TAPPED))
    assert stored_answers(live_server, tapped) == {"weather": ["calm"]}
    _space(page, page.get_by_role("button", name=say("Tell us more"), exact=True))
    expect(page.locator("h1")).to_have_text(definition.questions[1].text)
    token = token_of(page)
    continue_ = page.get_by_role("button", name=say("Continue"), exact=True)
    while True:
        asked = page.locator("h1").inner_text()
        _space(page, continue_)
        expect(page.locator("h1")).not_to_have_text(asked)
        if page.locator("h1").inner_text() == say("Check your answers"):
            break
    assert draft_answers(live_server, token) is not None
    _space(page, page.get_by_role("button", name=say("Send my answers")))
    expect(page.locator("h1")).to_have_text(say(THANKS))
    assert draft_answers(live_server, token) is None
    _space(page, page.get_by_role("button", name=say("Start again for the next person")))
    expect_tablet_start(page, live_server)


def test_space_on_leave_and_clear_my_answers_clears_them(tablet: Page, live_server: LiveServer):
    page = tablet
    definition = definitions(live_server)[("ward-weather", "standard")]
    say = wording(live_server, "standard")
    page.goto(live_server.at("/tablet"))
    start_button(page, definition).click()
    page.get_by_role("button", name="Calm", exact=True).click()
    page.get_by_role("button", name=say("Tell us more"), exact=True).click()
    token = token_of(page)
    page.locator("#answer").fill("Too noisy")
    page.get_by_role("button", name=say("Continue"), exact=True).click()
    assert draft_answers(live_server, token)
    _space(page, page.get_by_role("button", name=say("Leave and clear my answers")))
    expect_tablet_start(page, live_server)
    assert draft_answers(live_server, token) is None
