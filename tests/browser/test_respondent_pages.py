"""Respondents' pages outside the survey walks, and the tablet's admin pages, pass
axe-core and have touch targets big enough, at every viewport."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import update

from coprod.extensions import db
from coprod.models import Draft, Role
from coprod.models.base import utcnow
from tests.browser.journey import (
    TABLET_WARD,
    definitions,
    draft_answers,
    enrol_tablet,
    in_app,
    link_codes,
    new_enrol_code,
    start_on_tablet,
    token_of,
    wording,
)
from tests.browser.support import (
    MIN_TARGET,
    SURVEY_EXTRA_TARGETS,
    VIEWPORTS,
    LiveServer,
    axe_violations,
    describe_violations,
    small_touch_targets,
)
from tests.browser.walk import (
    CLEARED,
    SEXUAL_SAFETY,
    SURVEYS,
    WEATHER,
    expect_tablet_start,
    press_continue,
    send,
    walk_to_check,
)

pytestmark = pytest.mark.browser


def _tablet_start(page: Page, server: LiveServer) -> None:
    enrol_tablet(page, server)
    expect_tablet_start(page, server)


def _tablet_start_easy_read_first(page: Page, server: LiveServer) -> None:
    # A learning disability and autism ward lists Easy Read first.
    enrol_tablet(page, server, "DEMO-W4")
    expect(page.locator("h1")).to_have_text("Have your say about Heather Ward")


def _enrol_page(page: Page, server: LiveServer) -> None:
    page.goto(server.at(f"/tablet/enrol/{new_enrol_code(server)}"))
    expect(page.get_by_role("button", name="Make this the ward tablet")).to_be_visible()


def _enrol_error(page: Page, server: LiveServer) -> None:
    # A set-up link works once: the second time, the page says it is not valid.
    code = new_enrol_code(server)
    for _ in range(2):
        page.goto(server.at(f"/tablet/enrol/{code}"))
        page.get_by_role("button", name="Make this the ward tablet").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("not valid")
    expect(page).to_have_title(re.compile(r"^Error: "))


def _not_enrolled(page: Page, server: LiveServer) -> None:
    page.goto(server.at("/tablet"))
    expect(page.locator("h1")).to_have_text("This device is not set up as a ward tablet")


def _switched_off(page: Page, server: LiveServer) -> None:
    # What a switched-off tablet sends: a tablet cookie the server no longer knows.
    page.context.add_cookies([{"name": "coprod_tablet", "value": "x" * 43, "url": server.url}])
    page.goto(server.at("/tablet"))
    expect(page.locator("h1")).to_have_text("This tablet has been switched off")


def _personal_link(survey: str) -> Callable[[Page, LiveServer], None]:
    def visit(page: Page, server: LiveServer) -> None:
        page.goto(server.at(f"/s/{link_codes(server)[survey]}"))
        expect(page.get_by_role("button", name="Start in Easy Read")).to_be_visible()

    return visit


def _personal_link_closed(page: Page, server: LiveServer) -> None:
    response = page.goto(server.at("/s/no-such-link"))
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("This survey is not open")


def _personal_link_thanks(page: Page, server: LiveServer) -> None:
    page.goto(server.at(f"/s/{link_codes(server)['ward-weather']}"))
    page.get_by_role("button", name="Start", exact=True).click()
    token = token_of(page)
    page.goto(server.at(f"/r/{token}/q/weather"))  # an empty response is not sent
    page.locator('input[name="answer"]').first.check()
    press_continue(page, wording(server, "standard"))
    page.goto(server.at(f"/r/{token}/check"))
    send(page, wording(server, "standard"))
    expect(page.get_by_text("You can now close this page.")).to_be_visible()


def _expired(page: Page, server: LiveServer) -> None:
    enrol_tablet(page, server)
    start_on_tablet(page, server, definitions(server)[SEXUAL_SAFETY])
    token = token_of(page)
    minutes = server.app.config["COPROD_DRAFT_IDLE_MINUTES"] + 1

    def age() -> None:
        stale = utcnow() - timedelta(minutes=minutes)
        db.session.execute(update(Draft).where(Draft.token == token).values(updated_at=stale))
        db.session.commit()

    in_app(server, age)
    response = page.goto(server.at(f"/r/{token}"))
    assert response is not None and response.status == 410
    expect(page.locator("h1")).to_have_text(CLEARED)


def _not_yours(page: Page, server: LiveServer) -> None:
    other = page.context.browser.new_context()
    try:
        tablet = other.new_page()
        enrol_tablet(tablet, server)
        token = start_on_tablet(tablet, server, definitions(server)[WEATHER])
    finally:
        other.close()
    response = page.goto(server.at(f"/r/{token}"))
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("This survey was started on another device")


def _tablet_away(page: Page, server: LiveServer) -> None:
    page.goto(server.at("/tablet/away"))
    expect(page.locator("h1")).to_have_text("Ward tablet")


def _admin_tablets(page: Page, server: LiveServer) -> None:
    page.goto(server.at(f"/admin/wards/{server.ids['demo_ward']}/tablets"))
    expect(page.locator("h1")).to_contain_text(TABLET_WARD[1])


def _admin_set_up_link(page: Page, server: LiveServer) -> None:
    _admin_tablets(page, server)
    page.get_by_role("button", name="Add a tablet").click()
    expect(page.locator("h1")).to_contain_text("Set-up link for")


# Pages outside the walks: name -> (who is signed in, how to get there). Respondents' pages
# hold the back link to 44x44 too; staff pages keep the rule of test_pages_accessible.
OTHER_PAGES: dict[str, tuple[Role | None, Callable[[Page, LiveServer], None]]] = {
    "tablet-start": (None, _tablet_start),
    "tablet-start-easy-read-first": (None, _tablet_start_easy_read_first),
    "tablet-enrol": (None, _enrol_page),
    "tablet-enrol-used-link": (None, _enrol_error),
    "tablet-not-enrolled": (None, _not_enrolled),
    "tablet-switched-off": (None, _switched_off),
    **{f"personal-link-{survey}": (None, _personal_link(survey)) for survey in SURVEYS},
    "personal-link-closed": (None, _personal_link_closed),
    "personal-link-thank-you": (None, _personal_link_thanks),
    "draft-expired": (None, _expired),
    "draft-on-another-device": (None, _not_yours),
    "tablet-after-quick-exit": (None, _tablet_away),
    "admin-tablets-and-surveys": (Role.ADMIN, _admin_tablets),
    "admin-tablet-set-up-link": (Role.ADMIN, _admin_set_up_link),
}
# Pages with nothing to press but an inline link: the touch rule finds nothing to measure.
NOTHING_TO_PRESS = {
    "tablet-not-enrolled",
    "tablet-switched-off",
    "personal-link-closed",
    "personal-link-thank-you",
    "draft-expired",
    "draft-on-another-device",
}
OTHER_CASES = [(name, viewport) for name in OTHER_PAGES for viewport in VIEWPORTS]


@pytest.mark.parametrize(
    ("name", "viewport"), OTHER_CASES, ids=[f"{n}-{v}" for n, v in OTHER_CASES]
)
def test_respondent_and_tablet_pages_are_accessible(
    open_page, signed_in_state, live_server: LiveServer, name: str, viewport: str
):
    role, visit = OTHER_PAGES[name]
    state = signed_in_state(role) if role is not None else None
    touch_extra = SURVEY_EXTRA_TARGETS if role is None else ()
    page = open_page(viewport, storage_state=state)
    visit(page, live_server)
    label = f"{name} at {viewport} ({page.url})"
    axe = describe_violations(axe_violations(page))
    assert not axe, f"axe-core found problems on {label}:\n{axe}"
    checked, small = small_touch_targets(page, extra=touch_extra)
    assert not small, (
        f"targets under {MIN_TARGET}x{MIN_TARGET} CSS px on {label}:\n  " + "\n  ".join(small)
    )
    assert checked > 0 or name in NOTHING_TO_PRESS, f"found no controls to measure on {label}"


def test_the_check_page_gives_each_question_room_on_a_ward_tablet(
    tablet: Page, live_server: LiveServer
):
    page = tablet
    definition = definitions(live_server)[SEXUAL_SAFETY]
    start_on_tablet(page, live_server, definition)
    walk_to_check(page, live_server, definition)
    width = page.viewport_size["width"]
    keys = page.locator(".nhsuk-summary-list__key")
    narrowest = min(box["width"] for box in (k.bounding_box() for k in keys.all()) if box)
    # The design system's two-thirds column and 30% key left about 150 px at 810 px.
    assert narrowest >= 0.3 * width, f"questions are {narrowest:.0f}px wide of {width}px"


@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_a_changed_answer_asks_the_questions_it_opens_then_returns_to_check(
    open_page, live_server: LiveServer, script: bool
):
    page = open_page("tablet", java_script_enabled=script)
    enrol_tablet(page, live_server)
    definition = definitions(live_server)[SEXUAL_SAFETY]
    say = wording(live_server, "standard")
    gate = definition.question("experienced")
    opened = [q for q in definition.questions if q.show_if and q.show_if.question == gate.id]
    start_on_tablet(page, live_server, definition)
    page.get_by_role("button", name=say("Start"), exact=True).click()
    # Answer "No" to the gate and skip everything else, to the check page.
    while page.locator("h1").inner_text() != say("Check your answers"):
        asked = page.locator("h1").inner_text()
        if asked == gate.text:
            page.locator('input[name="answer"][value="no"]').check()
        press_continue(page, say)
        expect(page.locator("h1")).not_to_have_text(asked)
    expect(page.get_by_text(opened[0].text)).to_have_count(0)
    page.get_by_role("link", name=re.compile(rf"{say('Change')}.*{re.escape(gate.text)}")).click()
    page.locator('input[name="answer"][value="yes"]').check()
    page.get_by_role("button", name=say("Save and go back to your answers")).click()
    # "Yes" opens follow-up questions: they are asked, one by one, before the check page,
    # and the last of them (and only the last) offers to go back to the answers.
    expect(page.locator("h1")).to_have_text(opened[0].text)
    asked = []
    while (heading := page.locator("h1").inner_text()) != say("Check your answers"):
        asked.append(heading)
        page.locator('input[name="answer"]').first.check()
        back = page.get_by_role("button", name=say("Save and go back to your answers"))
        if back.count():
            back.click()
        else:
            press_continue(page, say)
        expect(page.locator("h1")).not_to_have_text(heading)
    assert [q.text for q in opened] == [text for text in asked if text in {q.text for q in opened}]
    for question in opened:
        expect(page.get_by_text(question.text, exact=True)).to_be_visible()


STAFF_CLIMATE = ("staff-ward-climate", "standard")
RESTRICTIVE = "restrictive_practice_last_week"


@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_neither_cannot_go_with_another_choice(open_page, live_server: LiveServer, script: bool):
    page = open_page("tablet", java_script_enabled=script)
    enrol_tablet(page, live_server)
    say = wording(live_server, "standard")
    token = start_on_tablet(page, live_server, definitions(live_server)[STAFF_CLIMATE])
    page.goto(live_server.at(f"/r/{token}/q/{RESTRICTIVE}"))
    # The design system's exclusive checkbox: an "or" divider before "Neither".
    expect(page.locator(".nhsuk-checkboxes__divider")).to_have_text(say("or"))
    restraint = page.locator('input[name="answer"][value="restraint"]')
    neither = page.locator('input[name="answer"][value="neither"]')
    restraint.check()
    neither.check()
    if script:
        # Choosing "Neither" clears the others, as the design system's component does.
        expect(restraint).not_to_be_checked()
        press_continue(page, say)
        assert draft_answers(live_server, token)[RESTRICTIVE] == ["neither"]
        return
    press_continue(page, say)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("cannot go with other answers")
    assert RESTRICTIVE not in (draft_answers(live_server, token) or {})


@pytest.mark.parametrize("viewport", ["tablet", "phone"])
def test_staff_end_pages_list_staff_contacts(open_page, live_server: LiveServer, viewport: str):
    page = open_page(viewport)
    enrol_tablet(page, live_server)
    say = wording(live_server, "standard")
    token = start_on_tablet(page, live_server, definitions(live_server)[STAFF_CLIMATE])
    page.goto(live_server.at(f"/r/{token}/q/{RESTRICTIVE}"))
    page.locator('input[name="answer"][value="neither"]').check()
    press_continue(page, say)
    page.goto(live_server.at(f"/r/{token}/check"))
    send(page, say)
    contacts = page.locator(".coprod-contacts")
    expect(contacts).to_contain_text("Freedom to Speak Up Guardian")
    expect(contacts).to_contain_text("Shout: text SHOUT to 85258")
    expect(contacts).to_contain_text("Samaritans")
    # Patients' contacts are not offered to staff.
    expect(contacts).not_to_contain_text("talk to a nurse, doctor, advocate")
