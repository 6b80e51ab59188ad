"""The respondent's side in a real browser: every survey page, keyboard, kiosk and no script."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journey import (
    DISCLOSURE,
    START_BUTTON,
    definitions,
    enrol_tablet,
    give_answer,
    link_codes,
    plan_walk,
    progress,
    remember_draft,
    start_button,
    start_on_tablet,
    stored_answers,
    tamper,
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
    SURVEYS,
    THANKS,
    VARIANTS,
    exit_button,
    expect_exit_button,
    expected,
    press_continue,
    send,
    sorted_answers,
    tab_to,
    tap,
    tell_us_more,
    walk_to_check,
)

pytestmark = pytest.mark.browser

# Every page of every survey in both variants is walked at tablet size. A walk checks each
# intro, question (and the question with an error), check and thank-you page: 10 to 35 pages.
# All 20 walks (tablet and phone) took 400 seconds on a 2-core machine, so at phone size
# only the patient sexual-safety survey is walked, in both variants: it has every question
# type, pictures, checkboxes, skip logic and the quick exit. COPROD_BROWSER_ALL_WALKS=1
# walks every survey at phone size too. Pages outside the walks are checked at both sizes.
PHONE_WALK_SURVEYS = (
    SURVEYS if os.environ.get("COPROD_BROWSER_ALL_WALKS") == "1" else ["patient-sexual-safety"]
)
WALKS = [(s, v, "tablet") for s in SURVEYS for v in VARIANTS] + [
    (s, v, "phone") for s in PHONE_WALK_SURVEYS for v in VARIANTS
]
EASY_SEXUAL_SAFETY = ("patient-sexual-safety", "easy_read")


class Audit:
    """Run axe-core and the touch-target rule on page after page; keep every problem."""

    def __init__(self, page: Page, *, touch_extra: tuple[str, ...] = SURVEY_EXTRA_TARGETS):
        self.page = page
        self.touch_extra = touch_extra
        self.problems: list[str] = []

    def check(self, label: str) -> None:
        """Check the page as it is now, under a label naming it in any report."""
        where = f"{label} ({self.page.url})"
        axe = describe_violations(axe_violations(self.page))
        if axe:
            self.problems.append(f"axe-core on {where}:\n{axe}")
        checked, small = small_touch_targets(self.page, extra=self.touch_extra)
        if checked == 0:
            self.problems.append(f"no controls to measure on {where}")
        if small:
            self.problems.append(
                f"targets under {MIN_TARGET}x{MIN_TARGET} CSS px on {where}:\n  "
                + "\n  ".join(small)
            )

    def assert_clean(self) -> None:
        """Fail with every problem found, if any."""
        assert not self.problems, "\n".join(self.problems)


# 1 and 2: axe-core and touch targets on every page of every survey.


@pytest.mark.parametrize(
    ("survey", "variant", "viewport"), WALKS, ids=[f"{s}-{v}-{vp}" for s, v, vp in WALKS]
)
def test_every_page_of_the_survey_is_accessible(
    open_page, live_server: LiveServer, survey: str, variant: str, viewport: str
):
    definition = definitions(live_server)[(survey, variant)]
    say = wording(live_server, variant)
    # Half the walks end with a disclosure, alternating with the survey and the size, so both
    # thank-you pages are checked in both variants and at both sizes.
    index = SURVEYS.index(survey) + VARIANTS.index(variant) + list(VIEWPORTS).index(viewport)
    disclose = index % 2 == 1
    steps = plan_walk(definition, disclose=disclose)
    page = open_page(viewport)
    enrol_tablet(page, live_server)
    audit = Audit(page)
    token = start_on_tablet(page, live_server, definition)
    expect_exit_button(page, definition)
    audit.check("one-tap question" if definition.one_tap else "intro")
    if definition.one_tap:
        tap(page, live_server, definition, steps[0])
        audit.check("thank-you page after one tap")
        tell_us_more(page, live_server, definition)
    else:
        page.get_by_role("button", name=say("Start"), exact=True).click()
    asking = token_of(page)  # "Tell us more" after one tap is a draft of its own
    to_answer = steps[1:] if definition.one_tap else steps
    for index, step in enumerate(to_answer):
        question = step.question
        number, total = progress(definition, to_answer, index)
        assert number == index + 1
        shown = say("Question %(n)s of %(total)s", n=number, total=total)
        # The first question is reached by a Start form, which adds an empty "?".
        expect(page).to_have_url(re.compile(rf"/r/{asking}/q/{question.id}\??$"))
        expect(page.locator("h1")).to_have_text(question.text)
        expect(page.get_by_text(shown, exact=True)).to_be_visible()
        expect_exit_button(page, definition)
        audit.check(f"question {question.id}")
        tamper(page, question)
        press_continue(page, say)
        expect(page.locator(".nhsuk-error-summary")).to_be_visible()
        expect(page).to_have_title(re.compile(rf"^{say('Error')}: "))
        expect_exit_button(page, definition)
        audit.check(f"question {question.id} with an error")
        give_answer(page, step)
        press_continue(page, say)
    expect(page).to_have_url(re.compile(rf"/r/{asking}/check$"))
    expect(page.locator("h1")).to_have_text(say("Check your answers"))
    expect_exit_button(page, definition)
    audit.check("check your answers")
    send(page, say)
    told = page.get_by_role("heading", name=say("Thank you for telling us"))
    # The walk opens every question, so it answers "yes" to any question that reports harm.
    reported = any(
        s.question.report is not None and set(s.answer) & set(s.question.report.values)
        for s in steps
    )
    expect(told).to_have_count(1 if disclose or reported else 0)
    audit.check("thank-you page" + (" after a disclosure" if disclose or reported else ""))
    audit.assert_clean()
    assert sorted_answers(stored_answers(live_server, token)) == expected(steps)


QUOTED = re.compile(r'"([^"]+)"')
EXIT_WORDING = [(s, v) for s in ("patient-sexual-safety", "staff-sexual-safety") for v in VARIANTS]


@pytest.mark.parametrize(
    ("survey", "variant"), EXIT_WORDING, ids=[f"{s}-{v}" for s, v in EXIT_WORDING]
)
def test_the_intro_names_the_exit_button_as_it_is_labelled(
    tablet: Page, live_server: LiveServer, survey: str, variant: str
):
    say = wording(live_server, variant)
    start_on_tablet(tablet, live_server, definitions(live_server)[(survey, variant)])
    label = say("Exit this page")
    expect(exit_button(tablet, say)).to_be_visible()
    quoted = set(QUOTED.findall(tablet.locator("main").inner_text()))
    assert label in quoted, f"the intro never names the exit button {label!r}: {quoted}"
    assert quoted <= {label}, f"the intro names buttons the page does not have: {quoted}"


# 3: the keyboard alone.


def test_keyboard_alone_completes_the_easy_read_sexual_safety_survey(
    tablet: Page, live_server: LiveServer
):
    page = tablet
    definition = definitions(live_server)[EASY_SEXUAL_SAFETY]
    say = wording(live_server, definition.variant)
    steps = plan_walk(definition)
    skip, leave, back = 'a "Skip to main content"', f'button "{say("Exit this page")}"', ""
    back = f'a "{say("Back")}"'
    page.goto(live_server.at("/tablet"))
    tab_to(page, start_button(page, definition))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(definition.title)
    token = token_of(page)
    remember_draft(live_server, token)
    # The quick exit comes straight after the skip link, so it is always one Tab away.
    order = tab_to(page, page.get_by_role("button", name=say("Start"), exact=True))
    assert order[:2] == [skip, leave], order
    page.keyboard.press("Enter")
    for step in steps:
        question = step.question
        expect(page.locator("h1")).to_have_text(question.text)
        answer = page.locator('[name="answer"]')
        if question.type == "free_text":
            order = tab_to(page, answer)
            page.keyboard.type(step.answer)
        elif question.type == "multiple_choice":
            order = []
            for value in step.answer:
                order += tab_to(page, page.locator(f'input[name="answer"][value="{value}"]'))
                page.keyboard.press("Space")
        else:
            # Tab enters the group on its first radio; arrows move to and choose the others.
            order = tab_to(page, answer.first)
            index = question.values().index(step.answer[0])
            page.keyboard.press("Space" if index == 0 else "ArrowDown")
            for _ in range(index - 1):
                page.keyboard.press("ArrowDown")
        # Focus goes from the top of the page to the exit, then back, then the answer.
        assert order[:3] == [skip, leave, back], order
        if not isinstance(step.answer, str):
            for value in question.values():
                box = page.locator(f'input[name="answer"][value="{value}"]')
                if value in step.answer:
                    expect(box).to_be_checked()
                else:
                    expect(box).not_to_be_checked()
        tab_to(page, page.get_by_role("button", name=say("Continue"), exact=True))
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(say("Check your answers"))
    tab_to(page, page.get_by_role("button", name=say("Send my answers")))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(say(THANKS))
    assert sorted_answers(stored_answers(live_server, token)) == expected(steps)


# 5: without JavaScript.


NO_SCRIPT = [("tablet", "tablet", "standard"), ("phone", "personal-link", "easy_read")]


@pytest.mark.parametrize(
    ("viewport", "how", "variant"), NO_SCRIPT, ids=[f"{h}-{v}" for _vp, h, v in NO_SCRIPT]
)
def test_a_survey_can_be_completed_without_javascript(
    open_page, live_server: LiveServer, viewport: str, how: str, variant: str
):
    page = open_page(viewport, java_script_enabled=False)
    say = wording(live_server, variant)
    definition = definitions(live_server)[("patient-sexual-safety", variant)]
    if how == "tablet":
        enrol_tablet(page, live_server)
        token = start_on_tablet(page, live_server, definition)
    else:
        page.goto(live_server.at(f"/s/{link_codes(live_server)[definition.id]}"))
        page.get_by_role("button", name=START_BUTTON[variant], exact=True).click()
        token = token_of(page)
        remember_draft(live_server, token)
    expect(page.locator("body.js-enabled")).to_have_count(0)

    def script_controls_hidden(page: Page) -> None:
        expect(page.get_by_role("button", name=say("Read aloud"))).to_be_hidden()
        expect(page.get_by_role("alertdialog")).to_be_hidden()

    steps = walk_to_check(
        page, live_server, definition, on_each_page=script_controls_hidden, disclose=True
    )
    send(page, say)
    expect(page.get_by_role("heading", name=say("Thank you for telling us"))).to_be_visible()
    stored = sorted_answers(stored_answers(live_server, token))
    assert stored == expected(steps)
    assert DISCLOSURE in stored.values()
