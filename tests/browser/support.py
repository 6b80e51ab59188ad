"""Helpers for browser tests: the live server's handle, signing in and running axe-core."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from playwright.sync_api import Browser, Page, expect

from coprod.config import BASE_DIR
from coprod.demo import DEMO_LOGINS
from coprod.models import Role

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = BASE_DIR / "test-artifacts"
VIEWPORTS = {
    "tablet": {"width": 810, "height": 1080},
    "phone": {"width": 390, "height": 844},
}
# Facilitators prepare workshops at a desk: dashboards are also checked at this size.
DESKTOP = {"width": 1280, "height": 800}
LOGINS = {role: (email, password) for email, password, role, _name in DEMO_LOGINS}
OTHER_TRUST = ("OTHER", "Other Partnership NHS Trust")
OTHER_SITE = "Northgate Hospital"
OTHER_WARD = ("OTHER-W1", "Juniper Ward")
OTHER_LOGIN = ("facilitator@other.example.org", "other-birch-lantern-reed")
# Failed sign-ins use an address with no account, so no demo account is ever locked.
UNKNOWN_EMAIL = "nobody@demo.example.org"


@dataclass
class LiveServer:
    """A coprod served over HTTP on a seeded database, with the ids tests need."""

    url: str
    app: Flask
    ids: dict[str, int] = field(default_factory=dict)

    def at(self, path: str) -> str:
        """Return the full address of a path on this server."""
        return self.url + path


def chromium_path() -> str:
    """Return the Chromium the tests drive: COPROD_CHROMIUM, or Debian's package."""
    return os.environ.get("COPROD_CHROMIUM") or "/usr/bin/chromium"


def new_page(
    browser: Browser,
    viewport: str,
    *,
    storage_state: dict | None = None,
    bypass_csp: bool = True,
    preload_axe: bool = False,
    java_script_enabled: bool = True,
) -> Page:
    """Open a page in a new context at a named viewport; close it with page.context.close().

    With preload_axe, axe-core is loaded into every page the context opens, which is faster
    than axe_violations injecting it when a test checks many pages.
    """
    context = browser.new_context(
        viewport=DESKTOP if viewport == "desktop" else VIEWPORTS[viewport],
        bypass_csp=bypass_csp,
        locale="en-GB",
        storage_state=storage_state,
        java_script_enabled=java_script_enabled,
    )
    context.set_default_timeout(10_000)
    if preload_axe:
        assert AXE_SCRIPT.is_file(), f"axe-core is missing at {AXE_SCRIPT}: run `npm ci`"
        context.add_init_script(path=str(AXE_SCRIPT))
    return context.new_page()


def sign_in(page: Page, server: LiveServer, email: str, password: str) -> None:
    """Sign in through the real form by filling the fields and pressing the button."""
    page.goto(server.at("/login"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_in_as(page: Page, server: LiveServer, role: Role) -> None:
    """Sign in as the demo account with the given role."""
    email, password = LOGINS[role]
    sign_in(page, server, email, password)


def fail_sign_in(page: Page, server: LiveServer) -> None:
    """Try to sign in with an unknown address and wait for the error summary."""
    page.goto(server.at("/login"))
    page.get_by_label("E-mail address").fill(UNKNOWN_EMAIL)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core's WCAG 2.2 A and AA rules on the page and return the violations."""
    assert AXE_SCRIPT.is_file(), f"axe-core is missing at {AXE_SCRIPT}: run `npm ci` (make does)"
    # After a click that navigated, wait for the stylesheet: an unstyled page has tiny targets.
    page.wait_for_load_state("load")
    # Injected as an inline script, so the page's context must bypass the CSP.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    # Only violations are wanted, so axe need not gather every node that passed.
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
            });
            return results.violations;
        }""",
        AXE_TAGS,
    )


def describe_violations(violations: list[dict], limit: int = 3) -> str:
    """Return one readable line per axe violation: rule, impact, help and first targets."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        targets = [" ".join(map(str, node["target"])) for node in nodes[:limit]]
        more = f" (+{len(nodes) - limit} more)" if len(nodes) > limit else ""
        lines.append(
            f"{violation['id']} [{violation['impact']}] {violation['help']}: "
            f"{'; '.join(targets)}{more}"
        )
    return "\n".join(lines)


def artifact_path(name: str) -> Path:
    """Return a path in test-artifacts/ (ignored by git) for files kept for people to see."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


# Touch targets. WCAG 2.2 AA (2.5.8) asks for 24x24 CSS px with exceptions for inline
# links and well-spaced targets; axe-core's target-size rule (tag wcag22aa) checks that on
# every page the tests open. Ward tablets are used by people who may be distressed, sedated or
# have tremors, so controls are held to the 44x44 of WCAG 2.5.5 and the NHS service manual:
# - buttons, and links styled as buttons (.nhsuk-button, role="button");
# - text, e-mail and password inputs, selects and text areas;
# - radios and checkboxes, whose target is the input (invisible, drawn by nhsuk-frontend)
#   together with its label, since a tap on either chooses the option;
# - every link and button in the page header (logo, account and menu).
# Text links in the main content (in sentences, lists, table cells and the error summary)
# are exempt as inline links, as is the back link, which nhsuk-frontend styles as one;
# axe's target-size rule still applies to them. Survey pages hold the back link to 44x44
# too (SURVEY_EXTRA_TARGETS), as it is how a respondent changes an answer.
MIN_TARGET = 44

TOUCH_TARGETS_JS = r"""
({min, extra}) => {
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
    ...extra,
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
SURVEY_EXTRA_TARGETS = ("a.nhsuk-back-link",)


def small_touch_targets(page: Page, *, extra: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """Measure the page's touch targets; return how many, and those under MIN_TARGET."""
    result = page.evaluate(TOUCH_TARGETS_JS, {"min": MIN_TARGET, "extra": list(extra)})
    return result["checked"], result["small"]
