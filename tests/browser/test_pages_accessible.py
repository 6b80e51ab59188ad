"""Every page passes axe-core's WCAG 2.2 AA rules and has touch targets big enough for tablets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from coprod.models import Role
from tests.browser.support import (
    VIEWPORTS,
    LiveServer,
    axe_violations,
    describe_violations,
    fail_sign_in,
    new_page,
)

pytestmark = pytest.mark.browser

# Touch targets. WCAG 2.2 AA (2.5.8) asks for 24x24 CSS px with exceptions for inline
# links and well-spaced targets; axe-core's target-size rule (tag wcag22aa) checks that on
# every page below. Ward tablets are used by people who may be distressed, sedated or
# have tremors, so controls are held to the 44x44 of WCAG 2.5.5 and the NHS service manual:
# - buttons, and links styled as buttons (.nhsuk-button, role="button");
# - text, e-mail and password inputs, selects and text areas;
# - radios and checkboxes, whose target is the input (invisible, drawn by nhsuk-frontend)
#   together with its label, since a tap on either chooses the option;
# - every link and button in the page header (logo, account and menu).
# Text links in the main content (in sentences, lists, table cells and the error summary)
# are exempt as inline links, as is the back link, which nhsuk-frontend styles as one;
# axe's target-size rule still applies to them.
MIN_TARGET = 44

TOUCH_TARGETS_JS = r"""
(min) => {
  const shown = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
      && !el.closest('[hidden]');
  };
  const name = (el) => {
    let text = el.id ? `#${el.id}` : '';
    text += [...el.classList].map((c) => `.${c}`).join('');
    const label = (el.innerText || el.value || el.getAttribute('aria-label') || '')
      .replace(/\s+/g, ' ').trim();
    return `${el.tagName.toLowerCase()}${text} "${label.slice(0, 40)}"`;
  };
  const union = (els) => {
    const boxes = els.filter(shown).map((el) => el.getBoundingClientRect());
    const left = Math.min(...boxes.map((b) => b.left));
    const top = Math.min(...boxes.map((b) => b.top));
    const right = Math.max(...boxes.map((b) => b.right));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    return {width: right - left, height: bottom - top};
  };
  const controls = [
    'header a', 'header button',
    'main button', 'main a.nhsuk-button', 'main [role="button"]',
    'main input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"])',
    'main select', 'main textarea',
  ].join(', ');
  const small = [];
  let checked = 0;
  for (const el of document.querySelectorAll(controls)) {
    if (!shown(el)) continue;
    checked += 1;
    const box = el.getBoundingClientRect();
    if (box.width < min || box.height < min) {
      small.push(`${name(el)}: ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  const choices = 'main input[type="radio"], main input[type="checkbox"]';
  for (const el of document.querySelectorAll(choices)) {
    const parts = [el, ...el.labels];
    if (!parts.some(shown)) continue;
    checked += 1;
    const box = union(parts);
    if (box.width < min || box.height < min) {
      const label = el.labels.length ? name(el.labels[0]) : name(el);
      small.push(`${label} with its input: ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return {checked, small};
}
"""


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
    result = page.evaluate(TOUCH_TARGETS_JS, MIN_TARGET)
    assert result["checked"] > 0, f"found no controls to measure on {label}"
    assert not result["small"], (
        f"targets smaller than {MIN_TARGET}x{MIN_TARGET} CSS px on {label}:\n  "
        + "\n  ".join(result["small"])
    )
