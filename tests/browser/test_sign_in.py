"""Signing in and out in a real browser: by mouse and keyboard, under the CSP, and on Back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page, expect

from coprod.demo import DEMO_SITES, DEMO_TRUST
from coprod.models import Role
from tests.browser.support import (
    LOGINS,
    OTHER_LOGIN,
    OTHER_SITE,
    OTHER_TRUST,
    OTHER_WARD,
    UNKNOWN_EMAIL,
    artifact_path,
    fail_sign_in,
    sign_in,
    sign_in_as,
)

pytestmark = pytest.mark.browser

OTHER_NAMES = [OTHER_TRUST[1], OTHER_SITE, *OTHER_WARD, OTHER_LOGIN[0]]
JS_ENABLED = re.compile(r"\bjs-enabled\b")
# Chromium logs a 4xx page as a console error; a failed sign-in is answered 400 on purpose.
FAILED_SIGN_IN_LOG = "Failed to load resource: the server responded with a status of 400"


def tab_to(page: Page, element_id: str, limit: int = 15) -> None:
    """Press Tab until the element with the id has focus, failing after limit presses."""
    path = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.id || e.tagName.toLowerCase() + '.' + e.className; }"
        )
        path.append(focused)
        if focused == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id} on {page.url}; focus went: {path}")


def test_facilitator_signs_in_and_sees_only_their_trust(page_at, live_server, viewport):
    page = page_at(viewport)
    email, password = LOGINS[Role.FACILITATOR]
    sign_in(page, live_server, email, password)

    expect(page).to_have_url(live_server.at("/home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your trusts")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=2)).to_contain_text(DEMO_TRUST[1])
    for site, wards in DEMO_SITES.items():
        table = main.get_by_role("table", name=site)
        for code, name, _type in wards:
            expect(table).to_contain_text(name)
            expect(table).to_contain_text(code)
    shown = page.locator("body").inner_text()
    leaked = [name for name in OTHER_NAMES if name in shown]
    assert not leaked, f"the demo facilitator can see another trust's {leaked}"
    page.screenshot(path=artifact_path(f"home-{viewport}.png"), full_page=True)


def test_admin_sees_only_their_own_trust(page_at, live_server):
    page = page_at("tablet", role=Role.ADMIN)
    page.goto(live_server.at("/admin/"))
    expect(page.get_by_role("main")).to_contain_text(DEMO_TRUST[1])
    page.goto(live_server.at("/admin/users"))
    expect(page.get_by_role("main")).to_contain_text(LOGINS[Role.FACILITATOR][0])
    for path in ("/admin/", "/admin/users", "/admin/audit"):
        page.goto(live_server.at(path))
        shown = page.locator("body").inner_text()
        leaked = [name for name in OTHER_NAMES if name in shown]
        assert not leaked, f"{path} shows the demo admin another trust's {leaked}"
    response = page.goto(live_server.at(f"/admin/trusts/{live_server.ids['other_trust']}"))
    assert response is not None and response.status == 404, "another trust's page is not hidden"


def test_sign_in_by_keyboard_alone(page_at, live_server):
    page = page_at("tablet")
    page.goto(live_server.at("/login"))
    tab_to(page, "email")
    page.keyboard.type(UNKNOWN_EMAIL)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type("not-the-password")
    page.keyboard.press("Enter")

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter a correct e-mail address and password")
    expect(summary).to_be_focused()

    email, password = LOGINS[Role.FACILITATOR]
    tab_to(page, "email")
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    expect(page.get_by_label("Password")).to_have_value("")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your trusts")


def test_pages_need_no_inline_script(page_at, live_server):
    page = page_at("tablet", bypass_csp=False)
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        expected = message.text.startswith(FAILED_SIGN_IN_LOG) and page.url.endswith("/login")
        if message.type == "error" and not expected:
            errors.append(f"console error on {page.url}: {message.text}")

    def on_page_error(error: Error) -> None:
        errors.append(f"uncaught error on {page.url}: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    for path in ("/", "/login"):
        response = page.goto(live_server.at(path))
        assert response is not None
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy, f"{path} is sent without a strict CSP: {policy!r}"
        expect(page.locator("body")).to_have_class(JS_ENABLED)
    fail_sign_in(page, live_server)
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    sign_in_as(page, live_server, Role.ADMIN)
    expect(page.locator("body")).to_have_class(JS_ENABLED)
    assert not errors, "errors in the browser console:\n" + "\n".join(errors)

    # Control: the policy is enforced in this context, and a refusal would have been seen.
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.inlineRan = true'; document.head.append(s); }"
        )
    assert page.evaluate("() => window.inlineRan") is None, "an inline script ran despite the CSP"


def test_back_after_sign_out_shows_nothing_of_the_signed_in_page(page_at, live_server):
    page: Page = page_at("tablet")
    sign_in_as(page, live_server, Role.FACILITATOR)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your trusts")
    response = page.reload()
    assert response is not None and response.headers.get("cache-control") == "no-store"

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("main")).to_contain_text("You have signed out.")
    page.go_back()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to coprod")
    shown = page.locator("body").inner_text()
    private = [LOGINS[Role.FACILITATOR][0], "Your trusts", DEMO_TRUST[1], "Willow Ward"]
    seen = [text for text in private if text in shown]
    assert not seen, f"Back after sign-out shows the signed-in page ({page.url}): {seen}"
