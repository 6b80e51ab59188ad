"""Every page passes axe-core's WCAG 2.2 AA rules and has touch targets big enough for tablets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from coprod.models import Role
from tests.browser.support import (
    MIN_TARGET,
    VIEWPORTS,
    LiveServer,
    axe_violations,
    describe_violations,
    fail_sign_in,
    new_page,
    small_touch_targets,
)

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Visit:
    """A page to check: where it is, who is signed in, and what to do once it is open."""

    path: str
    role: Role | None = None
    status: int = 200
    then: Callable[[Page, LiveServer], None] | None = None


def _submit_empty_form(page: Page, server: LiveServer) -> None:
    """Press Save on an empty form and wait for the error summary."""
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))


def _fail_sign_in(page: Page, server: LiveServer) -> None:
    """Sign in with an unknown address and wait for the error summary."""
    fail_sign_in(page, server)
    expect(page).to_have_title(re.compile(r"^Error: "))


def _close_without_outcome(page: Page, server: LiveServer) -> None:
    """Press Close with no outcome chosen and wait for the error summary."""
    page.get_by_role("button", name="Close the item with this outcome").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))


def _make_set_up_link(page: Page, server: LiveServer) -> None:
    """Add a tablet and wait for its set-up link, QR code and Copy button."""
    page.get_by_role("button", name="Add a tablet").click()
    expect(page.get_by_role("img", name=re.compile("QR code of the set-up link"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Copy link"))).to_be_visible()


PAGES = {
    "start": Visit("/"),
    "login": Visit("/login"),
    "login-error": Visit("/login", then=_fail_sign_in),
    "facilitator-home": Visit("/home", Role.FACILITATOR),
    "admin-overview": Visit("/admin/", Role.ADMIN),
    "admin-trust": Visit("/admin/trusts/{demo_trust}", Role.ADMIN),
    "admin-users": Visit("/admin/users", Role.ADMIN),
    "admin-new-user-errors": Visit("/admin/users/new", Role.ADMIN, then=_submit_empty_form),
    "admin-audit": Visit("/admin/audit", Role.ADMIN),
    "admin-ward-edit": Visit("/admin/wards/{demo_ward}/edit", Role.ADMIN),
    "not-found": Visit("/no-such-page", Role.ADMIN, status=404),
    "change-password": Visit("/account/password", Role.FACILITATOR),
    "dashboard-overview": Visit("/dashboards?survey=ward-weather", Role.FACILITATOR),
    "dashboard-ward": Visit("/dashboards/wards/{demo_ward}?survey=ward-weather", Role.FACILITATOR),
    "dashboard-ward-error": Visit(
        "/dashboards/wards/{demo_ward}?from=2026-12-01&to=2026-01-05", Role.FACILITATOR, status=400
    ),
    "safeguarding-home": Visit("/home", Role.SAFEGUARDING),
    "safeguarding-queue": Visit("/safeguarding", Role.SAFEGUARDING),
    "safeguarding-item": Visit("/safeguarding/{demo_item}", Role.SAFEGUARDING),
    "safeguarding-item-error": Visit(
        "/safeguarding/{demo_item}", Role.SAFEGUARDING, then=_close_without_outcome
    ),
    "safeguarding-patterns": Visit("/safeguarding/patterns", Role.SAFEGUARDING),
    "admin-trust-safeguarding": Visit("/admin/trusts/{demo_trust}/safeguarding", Role.ADMIN),
    "admin-trust-support": Visit("/admin/trusts/{demo_trust}/support", Role.ADMIN),
    "admin-ward-tablets": Visit("/admin/wards/{demo_ward}/tablets", Role.ADMIN),
    "admin-tablet-link": Visit(
        "/admin/wards/{demo_ward}/tablets", Role.ADMIN, then=_make_set_up_link
    ),
}


CASES = [(name, viewport) for name in PAGES for viewport in VIEWPORTS]


@pytest.fixture(scope="module", params=CASES, ids=[f"{n}-{v}" for n, v in CASES])
def open_page(request, browser, signed_in_state, live_server) -> Iterator[tuple[str, Page]]:
    """Open one page at one viewport, once for both checks; return its label and the page."""
    name, viewport = request.param
    visit = PAGES[name]
    state = signed_in_state(visit.role) if visit.role is not None else None
    page = new_page(browser, viewport, storage_state=state)
    response = page.goto(live_server.at(visit.path.format(**live_server.ids)))
    assert response is not None and response.status == visit.status, (
        f"{visit.path} answered {response and response.status}, expected {visit.status}"
    )
    if visit.role is not None:
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    if visit.then is not None:
        visit.then(page, live_server)
    yield f"{name} at {viewport} ({page.url})", page
    page.context.close()


def test_page_has_no_axe_violations(open_page):
    label, page = open_page
    problems = describe_violations(axe_violations(page))
    assert not problems, f"axe-core found problems on {label}:\n{problems}"


def test_touch_targets_are_big_enough(open_page):
    label, page = open_page
    checked, small = small_touch_targets(page)
    assert checked > 0, f"found no controls to measure on {label}"
    assert not small, (
        f"targets smaller than {MIN_TARGET}x{MIN_TARGET} CSS px on {label}:\n  "
        + "\n  ".join(small)
    )
