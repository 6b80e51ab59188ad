"""The ward tablet's kiosk behaviour in a real browser: set-up, idle clearing, starting
again, sending once, and every way out, with and without script."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from coprod.models import Role
from tests.browser.journey import (
    NEUTRAL_TEXT,
    TABLET_WARD,
    definitions,
    draft_answers,
    enrol_tablet,
    link_codes,
    plan_walk,
    press_back,
    press_back_through_history,
    response_count,
    shows_text,
    start_on_tablet,
    stored_answers,
    token_of,
    wording,
)
from tests.browser.support import LiveServer
from tests.browser.walk import (
    CLEARED,
    DESCRIBE_FOCUS_JS,
    VARIANTS,
    exit_button,
    expect_tablet_away,
    expect_tablet_start,
    expected,
    press_continue,
    send,
    sorted_answers,
    tap,
    tell_us_more,
    walk_to_check,
)

pytestmark = pytest.mark.browser

WEATHER = ("ward-weather", "standard")


def test_an_admin_sets_up_a_tablet_with_the_one_time_link(
    open_page, signed_in_state, live_server: LiveServer
):
    admin = open_page("tablet", storage_state=signed_in_state(Role.ADMIN))
    admin.goto(live_server.at(f"/admin/wards/{live_server.ids['demo_ward']}/tablets"))
    label = f"Lounge tablet {uuid.uuid4().hex[:6]}"
    admin.get_by_label("Name for the new tablet (optional)").fill(label)
    admin.get_by_role("button", name="Add a tablet").click()
    link = admin.locator(".coprod-link-text").inner_text().strip()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/tablet/enrol/\S+", link), link

    device = open_page("tablet")
    device.goto(link)
    device.get_by_role("button", name="Make this the ward tablet").click()
    expect_tablet_start(device, live_server)
    admin.get_by_role("link", name=f"Back to {TABLET_WARD[1]}").click()
    expect(admin.get_by_role("listitem").filter(has_text=label)).to_contain_text("working")
    # The link works once: another browser cannot use it again.
    again = open_page("tablet")
    again.goto(link)
    again.get_by_role("button", name="Make this the ward tablet").click()
    expect(again.locator(".nhsuk-error-summary")).to_contain_text("not valid")
    _expect_not_a_tablet(again, live_server)


def _expect_not_a_tablet(page: Page, server: LiveServer) -> None:
    page.goto(server.at("/tablet"))
    expect(page.locator("h1")).to_have_text("This device is not set up as a ward tablet")


def _idle_times(server: LiveServer, idle: int, warning: int) -> Iterator[tuple[int, int]]:
    # Settings refuse a warning under 20 seconds; the test sets app.config directly.
    config = server.app.config
    keys = ("COPROD_KIOSK_IDLE_SECONDS", "COPROD_KIOSK_WARNING_SECONDS")
    saved = {key: config[key] for key in keys}
    config.update(dict(zip(keys, (idle, warning), strict=True)))
    yield idle, warning
    config.update(saved)


@pytest.fixture
def short_idle(live_server: LiveServer) -> Iterator[tuple[int, int]]:
    """Make the live server's tablets warn after 2 seconds and clear 3 seconds later."""
    yield from _idle_times(live_server, 2, 3)


@pytest.fixture
def short_lifetime(live_server: LiveServer) -> Iterator[int]:
    """Make a tablet's untouched answers last 12 seconds on the server (3 x 4 s idle)."""
    for idle, _warning in _idle_times(live_server, 4, 3):
        yield 3 * idle


def test_without_script_an_idle_tablet_forgets_the_answers_and_back_shows_none(
    open_page, live_server: LiveServer, short_lifetime: int
):
    page = open_page("tablet", java_script_enabled=False)
    enrol_tablet(page, live_server)
    definition = definitions(live_server)[WEATHER]
    start_on_tablet(page, live_server, definition)
    walk_to_check(page, live_server, definition)
    token = token_of(page)  # "Tell us more" after the one-tap weather
    expect(page.get_by_text(NEUTRAL_TEXT)).to_be_visible()
    assert draft_answers(live_server, token)
    # The person walks away. Nothing runs in the page, yet the server lets the answers go
    # and the page moves to the tablet's start just after.
    expect(page).to_have_url(live_server.at("/tablet"), timeout=(short_lifetime + 10) * 1000)
    expect_tablet_start(page, live_server)
    assert draft_answers(live_server, token) is None
    visited = press_back_through_history(page, lambda: not shows_text(page, NEUTRAL_TEXT))
    assert any(url.endswith(f"/r/{token}/check") for url in visited), visited


IN_IDLE_WARNING_JS = """() => document.activeElement === document.body
    || document.getElementById('idle-warning').contains(document.activeElement)"""


@pytest.mark.parametrize("variant", VARIANTS)
def test_idle_warning_carries_on_or_clears_the_answers(
    tablet: Page, live_server: LiveServer, short_idle, variant: str
):
    idle, warning = short_idle
    page = tablet
    say = wording(live_server, variant)
    secret = f"{NEUTRAL_TEXT} {uuid.uuid4().hex[:8]}"
    definition = definitions(live_server)[("ward-weather", variant)]
    start_on_tablet(page, live_server, definition)
    tap(page, live_server, definition, plan_walk(definition)[0])
    tell_us_more(page, live_server, definition)
    token = token_of(page)
    page.locator("#answer").fill(secret)

    dialog = page.get_by_role("alertdialog", name=say("Are you still there?"))
    carry_on = dialog.get_by_role("button", name=say("Yes, carry on"))
    expect(dialog).to_be_visible(timeout=(idle + 3) * 1000)
    expect(carry_on).to_be_focused()
    expect(dialog).to_contain_text(say("For privacy, this survey will clear in"))
    # The warning is modal: Tab never takes focus to the page hidden behind it.
    for _ in range(3):
        page.keyboard.press("Tab")
        where = page.evaluate(DESCRIBE_FOCUS_JS)
        assert page.evaluate(IN_IDLE_WARNING_JS), f"Tab left the idle warning for {where}"
    carry_on.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.locator("#answer")).to_have_value(secret)
    expect(page.locator("#answer")).to_be_focused()
    press_continue(page, say)
    expect(page.locator("h1")).to_have_text("How old are you?")
    assert draft_answers(live_server, token) == {"weather": "calm", "weather_why": secret}

    # Now nobody touches the tablet: the warning comes, runs out, and the answers go.
    expect(dialog).to_be_visible(timeout=(idle + 3) * 1000)
    expect(page).to_have_url(live_server.at("/tablet"), timeout=(warning + 5) * 1000)
    expect_tablet_start(page, live_server)
    assert draft_answers(live_server, token) is None
    visited = press_back_through_history(page, lambda: not shows_text(page, secret))
    assert any(url.rstrip("?").endswith(f"/r/{token}/q/weather_why") for url in visited), visited


@pytest.mark.parametrize("variant", VARIANTS)
def test_start_again_leaves_nothing_of_the_last_person(
    tablet: Page, live_server: LiveServer, variant: str
):
    page = tablet
    say = wording(live_server, variant)
    definition = definitions(live_server)[("ward-weather", variant)]
    token = start_on_tablet(page, live_server, definition)
    steps = walk_to_check(page, live_server, definition)
    asking = token_of(page)  # "Tell us more" after the one-tap weather
    expect(page.get_by_text(NEUTRAL_TEXT)).to_be_visible()
    send(page, say)
    page.get_by_role("button", name=say("Start again for the next person")).click()
    expect_tablet_start(page, live_server)
    assert sorted_answers(stored_answers(live_server, token)) == expected(steps)
    visited = press_back_through_history(page, lambda: not shows_text(page, NEUTRAL_TEXT))
    assert any(url.endswith(f"/r/{asking}/check") for url in visited), visited


@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_double_clicking_send_stores_one_response(open_page, live_server: LiveServer, script: bool):
    page = open_page("tablet", java_script_enabled=script)
    enrol_tablet(page, live_server)
    definition = definitions(live_server)[WEATHER]
    before = response_count(live_server)
    token = start_on_tablet(page, live_server, definition)
    steps = walk_to_check(page, live_server, definition)
    send(page, wording(live_server, definition.variant), double_click=True)
    # The weather was sent with one tap; the double-clicked Send adds the rest to it once.
    assert response_count(live_server) == before + 1
    assert sorted_answers(stored_answers(live_server, token)) == expected(steps)


EXITS = [("intro", "standard"), ("question", "easy_read"), ("check", "standard")]


@pytest.mark.parametrize(("where", "variant"), EXITS, ids=[f"{w}-{v}" for w, v in EXITS])
def test_exit_this_page_on_a_tablet_clears_the_answers(
    tablet: Page, live_server: LiveServer, where: str, variant: str
):
    page = tablet
    say = wording(live_server, variant)
    definition = definitions(live_server)[("patient-sexual-safety", variant)]
    token = start_on_tablet(page, live_server, definition)
    if where == "question":
        page.get_by_role("button", name=say("Start"), exact=True).click()
        first = definition.questions[0]
        page.locator(f'input[name="answer"][value="{first.values()[0]}"]').check()
        press_continue(page, say)
        assert draft_answers(live_server, token) == {first.id: first.values()[0]}
    elif where == "check":
        walk_to_check(page, live_server, definition)
    exit_button(page, say).click()
    expect_tablet_away(page, live_server)
    assert draft_answers(live_server, token) is None
    press_back(page)
    expect(page.locator("h1")).to_have_text(CLEARED)
    expect(page.locator("input:checked")).to_have_count(0)
    assert not shows_text(page, NEUTRAL_TEXT)


def test_exit_this_page_on_a_personal_link_leaves_for_a_neutral_site(
    open_page, live_server: LiveServer
):
    page = open_page("phone")
    say = wording(live_server, "standard")
    page.context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(content_type="text/html", body="<title>Weather</title>"),
    )
    page.goto(live_server.at(f"/s/{link_codes(live_server)['patient-sexual-safety']}"))
    page.get_by_role("button", name="Start", exact=True).click()
    token = token_of(page)
    page.get_by_role("button", name="Start", exact=True).click()
    page.locator("#answer").check()
    press_continue(page, say)
    assert draft_answers(live_server, token)
    exit_button(page, say).click()
    expect(page).to_have_url(re.compile(r"^https://www\.bbc\.co\.uk/weather"))
    assert draft_answers(live_server, token) is None


def _answer_the_first_question(page: Page, live_server: LiveServer, variant: str) -> str:
    say = wording(live_server, variant)
    definition = definitions(live_server)[("patient-sexual-safety", variant)]
    token = start_on_tablet(page, live_server, definition)
    page.get_by_role("button", name=say("Start"), exact=True).click()
    first = definition.questions[0]
    page.locator(f'input[name="answer"][value="{first.values()[0]}"]').check()
    press_continue(page, say)
    assert draft_answers(live_server, token) == {first.id: first.values()[0]}
    return token


@pytest.mark.parametrize("variant", ["standard", "easy_read"])
def test_pressing_shift_three_times_leaves_and_clears_the_answers(
    tablet: Page, live_server: LiveServer, variant: str
):
    page = tablet
    say = wording(live_server, variant)
    token = _answer_the_first_question(page, live_server, variant)
    page.wait_for_function("document.body.classList.contains('js-enabled')")
    status = page.locator("[data-quick-exit-status]")
    page.keyboard.press("Shift")
    # A screen reader hears how many more presses leave, in the survey's own words.
    expect(status).to_have_text(say("Shift, press %(n)s more times to exit.", n=2))
    page.keyboard.press("Shift")
    expect(status).to_have_text(say("Shift, press 1 more time to exit."))
    page.wait_for_timeout(5200)
    expect(status).to_have_text(say("Exit this page expired."))
    # Any other key in between starts the count again, so typing Shift-A does not leave.
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(page.locator("h1")).not_to_have_text("Ward tablet")
    page.keyboard.press("Shift")
    expect_tablet_away(page, live_server)
    assert draft_answers(live_server, token) is None


def test_the_exit_button_works_from_the_keyboard(tablet: Page, live_server: LiveServer):
    page = tablet
    say = wording(live_server, "easy_read")
    token = _answer_the_first_question(page, live_server, "easy_read")
    exit_button(page, say).focus()
    page.keyboard.press("Space")
    expect_tablet_away(page, live_server)
    assert draft_answers(live_server, token) is None


@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_leave_and_clear_my_answers_on_any_survey_page(
    open_page, live_server: LiveServer, script: bool
):
    page = open_page("tablet", java_script_enabled=script)
    enrol_tablet(page, live_server)
    say = wording(live_server, "standard")
    definition = definitions(live_server)[WEATHER]
    start_on_tablet(page, live_server, definition)
    tap(page, live_server, definition, plan_walk(definition)[0])
    tell_us_more(page, live_server, definition)
    token = token_of(page)
    page.locator("#answer").fill(NEUTRAL_TEXT)
    press_continue(page, say)
    assert draft_answers(live_server, token)
    page.get_by_role("button", name=say("Leave and clear my answers")).click()
    expect_tablet_start(page, live_server)
    assert draft_answers(live_server, token) is None
    visited = press_back_through_history(page, lambda: not shows_text(page, NEUTRAL_TEXT))
    assert any(url.rstrip("?").endswith(f"/r/{token}/q/weather_why") for url in visited), visited
