"""A safeguarding lead works through the queue in a real browser, partly by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from coprod.models import Role
from tests.browser.support import LOGINS, sign_in

pytestmark = pytest.mark.browser


def test_a_lead_reviews_and_closes_an_item(page_at, live_server, viewport):
    page = page_at(viewport)
    email, password = LOGINS[Role.SAFEGUARDING]
    sign_in(page, live_server, email, password)
    expect(page.get_by_text(re.compile(r"\d+ open items wait for you"))).to_be_visible()
    page.get_by_role("link", name="Open the safeguarding queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safeguarding queue")

    page.get_by_label("Kind").select_option("flagged")
    page.get_by_role("button", name="Show these").click()
    links = page.locator("a[href^='/safeguarding/']", has_text="Item")
    # The accessibility checks use the demo's first flagged item; work on another one.
    target = links.nth(1 if viewport == "tablet" else 2)
    item_url = target.get_attribute("href")
    target.click()
    expect(page).to_have_url(live_server.at(item_url))
    expect(page.get_by_role("heading", name="Answers")).to_be_visible()

    review = page.get_by_role("button", name="Take it into review")
    review.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Started the review", exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="Take it into review")).to_have_count(0)

    page.get_by_label("Raised as an incident").check()
    page.get_by_role("button", name="Close the item with this outcome").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter the incident reference")
    expect(page).to_have_title(re.compile(r"^Error: "))

    page.get_by_label("Raised as an incident").check()
    page.get_by_label("Incident or referral reference").fill(f"INC-{viewport}")
    page.get_by_label("Note", exact=True).fill("Shared with the ward manager <b>today</b>")
    page.get_by_role("button", name="Close the item with this outcome").click()
    history = page.locator(".coprod-history")
    expect(history).to_contain_text(f"Raised as an incident: INC-{viewport}")
    expect(history).to_contain_text("Shared with the ward manager <b>today</b>")
    expect(page.get_by_role("button", name="Reopen the item")).to_be_visible()
