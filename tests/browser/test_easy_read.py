"""Easy Read in a real browser: every page of an Easy Read survey has its picture, with words
for people who cannot see it, and Listen, which reads the whole page aloud in order, says
that it is reading, and stops when pressed again. Clean under axe-core at both sizes."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journey import (
    definitions,
    enrol_tablet,
    give_answer,
    plan_walk,
    start_on_tablet,
    stored_answers,
    wording,
)
from tests.browser.support import LiveServer, axe_violations, describe_violations
from tests.browser.walk import TAPPED, expected, press_continue, send, sorted_answers

pytestmark = pytest.mark.browser

# Headless Chromium may have no voices, so the page gets a stand-in for the browser's
# speech that keeps what it was asked to say and speaks nothing. An utterance "ends" only
# when the test calls window.__speech.finish(), so the test can see the page while it reads.
SPEECH_STUB = """
(() => {
  const record = {spoken: [], cancels: 0, queue: []};
  const speech = {
    get speaking () { return record.queue.length > 0 },
    pending: false,
    paused: false,
    speak (utterance) { record.spoken.push(utterance.text); record.queue.push(utterance) },
    cancel () {
      record.cancels += 1
      const stopped = record.queue
      record.queue = []
      for (const utterance of stopped) utterance.dispatchEvent(new Event('error'))
    },
    getVoices () { return [] },
    addEventListener () {},
    removeEventListener () {},
  }
  record.finish = () => {
    const done = record.queue
    record.queue = []
    for (const utterance of done) utterance.dispatchEvent(new Event('end'))
  }
  if (!('SpeechSynthesisUtterance' in window)) {
    window.SpeechSynthesisUtterance = class extends EventTarget {
      constructor (text) { super(); this.text = text }
    }
  }
  Object.defineProperty(window, 'speechSynthesis', {configurable: true, get: () => speech})
  window.__speech = record
})()
"""
NO_SPEECH = "delete Window.prototype.speechSynthesis; delete window.speechSynthesis;"
SURVEY = ("patient-sexual-safety", "easy_read")
# The character count's hints ("You can enter up to ...", "You have ... remaining") are
# not read: they are about the box, not the question.
HINTS = ".nhsuk-hint:not(.nhsuk-character-count__message, .nhsuk-character-count__status)"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _spoken(page: Page) -> str:
    return _words(" ".join(page.evaluate("() => window.__speech.spoken")))


def _page_words(page: Page, selector: str) -> list[str]:
    """Return the words of each element matching selector in main, as a person sees them."""
    texts = page.locator(f"main {selector}").all_inner_texts()
    return [_words(text) for text in texts if text.strip()]


def _check_listen(page: Page, say: Callable[..., str], label: str, expect_read: list[str]) -> None:
    """Press Listen, expect Stop and "Reading aloud" and the words read; press Stop."""
    listen = page.get_by_role("button", name=say("Read aloud"), exact=True)
    status = page.locator("main [data-read-aloud-status]")
    expect(listen).to_be_visible()
    expect(status).to_have_attribute("aria-live", "polite")
    page.evaluate("() => { window.__speech.spoken = [] }")
    listen.click()
    stop = page.get_by_role("button", name=say("Stop"), exact=True)
    expect(stop).to_be_visible()
    expect(status).to_have_text(say("Reading aloud"))
    spoken = _spoken(page)
    missing = [words for words in expect_read if words and words not in spoken]
    assert not missing, f"Listen on {label} did not read {missing}; it read: {spoken!r}"
    cancels = page.evaluate("() => window.__speech.cancels")
    stop.click()
    expect(listen).to_be_visible()
    expect(status).to_have_text(say("Stopped"))
    assert page.evaluate("() => window.__speech.cancels") > cancels, f"Stop on {label} went on"
    assert not page.evaluate("() => window.speechSynthesis.speaking")


def _check_page(page: Page, say: Callable[..., str], label: str, read: list[str]) -> list[str]:
    """Check one Easy Read page; return what is wrong with it."""
    problems = []
    picture = page.locator("main .coprod-easy-top img")
    expect(picture).to_be_visible()
    alt = picture.get_attribute("alt") or ""
    if not alt.strip():
        problems.append(f"{label}: the page's picture has no text alternative")
    heading = _page_words(page, "h1")
    _check_listen(page, say, label, heading + read)
    axe = describe_violations(axe_violations(page))
    if axe:
        problems.append(f"axe-core on {label} ({page.url}):\n{axe}")
    return problems


def test_every_easy_read_page_has_a_picture_and_listen(
    open_page, live_server: LiveServer, viewport: str
):
    definition = definitions(live_server)[SURVEY]
    say = wording(live_server, "easy_read")
    steps = plan_walk(definition, disclose=True)
    page = open_page(viewport)
    page.context.add_init_script(script=SPEECH_STUB)
    enrol_tablet(page, live_server)
    token = start_on_tablet(page, live_server, definition)
    problems = []

    # The start page: its text, in order, and Listen that also stops on its own at the end.
    intro = _page_words(page, ".nhsuk-grid-column-two-thirds p, .nhsuk-grid-column-two-thirds li")
    problems += _check_page(page, say, "intro", intro)
    spoken = _spoken(page)
    assert spoken.index(_words(definition.title)) < spoken.index(intro[0]), spoken
    listen = page.get_by_role("button", name=say("Read aloud"), exact=True)
    listen.click()
    page.evaluate("() => window.__speech.finish()")
    expect(listen).to_be_visible()
    expect(page.locator("main [data-read-aloud-status]")).to_have_text(say("Stopped"))
    # The keyboard alone: Enter starts reading, Space stops it.
    listen.focus()
    page.keyboard.press("Enter")
    stop = page.get_by_role("button", name=say("Stop"), exact=True)
    expect(stop).to_be_focused()
    page.keyboard.press("Space")
    expect(listen).to_be_focused()

    page.get_by_role("button", name=say("Start"), exact=True).click()
    for step in steps:
        question = step.question
        expect(page.locator("h1")).to_have_text(question.text)
        # The question, its hint and every choice, as shown.
        read = _page_words(page, HINTS) + _page_words(page, "label")
        problems += _check_page(page, say, f"question {question.id}", read)
        spoken = _spoken(page)
        if question.is_choice:
            labels = _page_words(page, "label")
            if question.type == "yes_no":  # the app's own answers, in Easy Read words too
                assert labels == ["Yes", "No", "I do not want to say"], labels
            assert spoken.index(_words(question.text)) < spoken.index(labels[0]), spoken
        give_answer(page, step)
        press_continue(page, say)

    expect(page.locator("h1")).to_have_text(say("Check your answers"))
    answers = _page_words(page, ".nhsuk-summary-list__key") + _page_words(
        page, ".nhsuk-summary-list__value"
    )
    problems += _check_page(page, say, "check your answers", answers)
    assert say("Change") not in _spoken(page).split(), "the check page read its Change links"

    send(page, say)
    contacts = _page_words(page, ".coprod-contacts strong")
    assert contacts, "the end page lists no help contacts"
    problems += _check_page(page, say, "thank-you page", contacts)
    assert not problems, "\n".join(problems)
    assert sorted_answers(stored_answers(live_server, token)) == expected(steps)


def test_listen_is_hidden_without_script_or_speech(open_page, live_server: LiveServer):
    definition = definitions(live_server)[SURVEY]
    say = wording(live_server, "easy_read")
    for options, init in (({"java_script_enabled": False}, None), ({}, NO_SPEECH)):
        page = open_page("phone", **options)
        if init:
            page.context.add_init_script(script=init)
        enrol_tablet(page, live_server)
        start_on_tablet(page, live_server, definition)
        # The picture and its words are there either way; only Listen needs script and speech.
        expect(page.locator("main .coprod-easy-top img")).to_be_visible()
        expect(page.get_by_role("button", name=say("Read aloud"))).to_be_hidden()
        page.get_by_role("button", name=say("Start"), exact=True).click()
        expect(page.locator("h1")).to_have_text(definition.questions[0].text)
        expect(page.locator("main .coprod-easy-top img")).to_be_visible()
        expect(page.get_by_role("button", name=say("Read aloud"))).to_be_hidden()
        if init:
            assert page.evaluate("() => !('speechSynthesis' in window)")


def test_the_easy_read_one_tap_weather_has_a_picture_and_reads_every_answer(
    open_page, live_server: LiveServer
):
    definition = definitions(live_server)[("ward-weather", "easy_read")]
    say = wording(live_server, "easy_read")
    page = open_page("tablet")
    page.context.add_init_script(script=SPEECH_STUB)
    enrol_tablet(page, live_server)
    start_on_tablet(page, live_server, definition)
    # The answers are buttons, one tap each: Listen reads every one of them.
    labels = [option.label for option in definition.questions[0].options]
    problems = _check_page(page, say, "one-tap question", labels)
    page.get_by_role("button", name=labels[0], exact=True).click()
    expect(page.locator("h1")).to_have_text(say(TAPPED))
    problems += _check_page(page, say, "thank-you page after one tap", [])
    assert not problems, "\n".join(problems)
