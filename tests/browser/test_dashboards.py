"""A ward's measures in the browser: charts with their reading and data, clean under axe-core
at desk and tablet width, and a print layout that keeps the data and drops the controls."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coprod.models import Role
from tests.browser.support import (
    LiveServer,
    axe_violations,
    describe_violations,
    new_page,
    sign_in_as,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", ["desktop", "tablet"])
def test_a_ward_dashboard_shows_charts_their_reading_and_data(
    browser, live_server: LiveServer, viewport: str
):
    page = new_page(browser, viewport)
    try:
        sign_in_as(page, live_server, Role.FACILITATOR)
        page.goto(live_server.at("/home"))
        page.get_by_role("link", name="Measures by ward, as SPC charts").click()
        expect(page.locator("h1")).to_have_text("Measures by ward")
        page.get_by_label("Survey").select_option(label="Ward weather")
        page.get_by_role("button", name="Show").click()
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        page.locator("main table a").first.click()
        expect(page.locator("h1")).to_contain_text("measures week by week")
        expect(page.get_by_label("Survey")).to_have_value("ward-weather")
        chart = page.get_by_role(
            "img", name="Ward feels calm or fairly calm, per cent, week by week"
        )
        expect(chart).to_be_visible()
        expect(page.locator(".coprod-reading").first).not_to_be_empty()
        expect(page.get_by_role("table", name="The data, week by week").first).to_be_visible()
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        # Printed for a workshop: no header, filters or back link; the data tables are there.
        page.emulate_media(media="print")
        expect(page.locator("header.nhsuk-header")).to_be_hidden()
        expect(page.locator("form.coprod-filter")).to_be_hidden()
        expect(chart).to_be_visible()
        expect(page.locator(".coprod-measure table").first).to_be_visible()
    finally:
        page.context.close()
