"""One-tap ward weather in the browser: one tap sends, and "Tell us more" adds to it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.journey import (
    NEUTRAL_TEXT,
    definitions,
    enrol_tablet,
    response_count,
    start_on_tablet,
    stored_answers,
    wording,
)
from tests.browser.support import (
    SURVEY_EXTRA_TARGETS,
    LiveServer,
    axe_violations,
    describe_violations,
    small_touch_targets,
)
from tests.browser.walk import TAPPED, THANKS, WEATHER, expect_tablet_start, press_continue, send

pytestmark = pytest.mark.browser

CASES = [(v, s) for v in ("tablet", "phone") for s in (True, False)]


def _clean(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{where}: {describe_violations(violations)}"
    _checked, small = small_touch_targets(page, extra=SURVEY_EXTRA_TARGETS)
    assert not small, f"{where}: targets under 44px: {small}"


@pytest.mark.parametrize(
    ("viewport", "script"), CASES, ids=[f"{v}-{'script' if s else 'no-script'}" for v, s in CASES]
)
def test_one_tap_sends_the_weather_and_tell_us_more_adds_to_it(
    open_page, live_server: LiveServer, viewport: str, script: bool
):
    page = open_page(viewport, java_script_enabled=script)
    enrol_tablet(page, live_server)
    definition = definitions(live_server)[WEATHER]
    say = wording(live_server, "standard")
    before = response_count(live_server)
    token = start_on_tablet(page, live_server, definition)
    taps = page.locator('form[action$="/tap"] button[name="answer"]')
    expect(taps).to_have_count(len(definition.questions[0].options))
    if script:  # axe-core runs as a script in the page
        _clean(page, "one-tap page")
    page.get_by_role("button", name="Stormy", exact=True).click()
    # One tap, and the answer is stored: no Continue, no check page, no Send.
    expect(page.locator("h1")).to_have_text(say(TAPPED))
    assert response_count(live_server) == before + 1
    assert stored_answers(live_server, token) == {"weather": ["stormy"]}
    if script:
        _clean(page, "thank-you page after one tap")
    page.get_by_role("button", name=say("Tell us more"), exact=True).click()
    expect(page.locator("h1")).to_have_text(definition.questions[1].text)
    expect(page.get_by_text(say("Question %(n)s of %(total)s", n=1, total=5))).to_be_visible()
    page.locator("#answer").fill(NEUTRAL_TEXT)
    press_continue(page, say)
    for _ in definition.about_you_questions():
        press_continue(page, say)
    send(page, say)
    expect(page.get_by_role("button", name=say("Tell us more"))).to_have_count(0)
    assert response_count(live_server) == before + 1
    assert stored_answers(live_server, token) == {
        "weather": ["stormy"],
        "weather_why": NEUTRAL_TEXT,
    }
    page.get_by_role("button", name=say("Start again for the next person")).click()
    expect_tablet_start(page, live_server)


def test_a_person_who_only_taps_leaves_nothing_for_the_next(tablet, live_server: LiveServer):
    page = tablet
    definition = definitions(live_server)[WEATHER]
    say = wording(live_server, "standard")
    start_on_tablet(page, live_server, definition)
    page.get_by_role("button", name="Calm", exact=True).click()
    page.get_by_role("button", name=say("Start again for the next person")).click()
    expect_tablet_start(page, live_server)
    page.go_back()
    expect(page.get_by_text(say(TAPPED))).to_have_count(0)
    expect(page.get_by_role("button", name=say("Tell us more"))).to_have_count(0)
    assert THANKS != TAPPED
