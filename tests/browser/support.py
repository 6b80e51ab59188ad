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
    browser: Browser, viewport: str, *, storage_state: dict | None = None, bypass_csp: bool = True
) -> Page:
    """Open a page in a new context at a named viewport; close it with page.context.close()."""
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        bypass_csp=bypass_csp,
        locale="en-GB",
        storage_state=storage_state,
    )
    context.set_default_timeout(10_000)
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
    # Injected as an inline script, so the page's context must bypass the CSP.
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
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
