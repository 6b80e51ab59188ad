"""A ward's measures in the browser: charts with their reading and data, clean under axe-core
at desk and tablet width, and a print layout that keeps the data and drops the controls."""

from __future__ import annotations

import re

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
        page.locator("main table tbody").get_by_role("link", name="Willow Ward").click()
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


# Every page of the dashboards besides the ward's charts, as a facilitator opens it.
PAGES = {
    "overview-side-by-side": "/dashboards?survey=patient-ward-climate&audience=both",
    "change-ideas": "/dashboards/wards/{demo_ward}/changes",
    "change-new": "/dashboards/wards/{demo_ward}/changes/new",
    "change-edit": "/dashboards/changes/{demo_change}/edit",
    "change-delete": "/dashboards/changes/{demo_change}/delete",
    "pdsa-note": "/dashboards/changes/{demo_change}/notes/new",
    "aim": "/dashboards/wards/{demo_ward}/aim?measure=survey:ward-weather:ward_calm",
    "incidents": "/dashboards/incidents",
    "incident-import": "/dashboards/incidents/import",
    "incident-series": "/dashboards/incidents/{demo_series}",
    "incident-delete": "/dashboards/incidents/{demo_series}/delete",
    "participation": "/dashboards/wards/{demo_ward}/participation",
    "trust-participation": "/dashboards/trusts/{demo_trust}/participation",
    "population-new": "/dashboards/wards/{demo_ward}/population/new",
    "population-import": "/dashboards/wards/{demo_ward}/population/import",
    "site-charts": "/dashboards/sites/{demo_site}?survey=patient-sexual-safety",
    "trust-charts": "/dashboards/trusts/{demo_trust}?survey=ward-weather&points=month",
    "ward-monthly": "/dashboards/wards/{demo_ward}?survey=patient-sexual-safety&points=month",
}


@pytest.mark.parametrize("viewport", ["desktop", "tablet"])
def test_every_dashboard_page_passes_axe(
    browser, live_server: LiveServer, signed_in_state, viewport: str
):
    page = new_page(
        browser, viewport, storage_state=signed_in_state(Role.FACILITATOR), preload_axe=True
    )
    problems = []
    try:
        for name, path in PAGES.items():
            response = page.goto(live_server.at(path.format(**live_server.ids)))
            assert response is not None and response.status == 200, (name, response.status)
            found = describe_violations(axe_violations(page))
            if found:
                problems.append(f"{name}:\n{found}")
    finally:
        page.context.close()
    assert not problems, "\n".join(problems)


def test_the_change_ward_prints_its_change_idea_aim_and_incidents(
    browser, live_server: LiveServer, signed_in_state
):
    page = new_page(browser, "desktop", storage_state=signed_in_state(Role.FACILITATOR))
    try:
        ward = live_server.ids["demo_ward"]
        page.goto(live_server.at(f"/dashboards/wards/{ward}?survey=patient-sexual-safety"))
        chart = page.get_by_role(
            "img", name="Feel sexually safe on the ward, per cent, week by week"
        )
        expect(chart).to_be_visible()
        # The change idea is marked and listed, the aim drawn and read, in print too.
        expect(chart.locator("text").filter(has_text="Aim")).not_to_have_count(0)
        section = page.locator("section", has=chart)
        expect(
            section.get_by_role("link", name="Protected time with a named nurse every day")
        ).to_be_visible()
        expect(section.locator(".coprod-aim")).to_contain_text("50% above the baseline mean")
        incidents = page.get_by_role("img", name="Restraints, incidents, week by week")
        expect(incidents).to_be_visible()
        page.emulate_media(media="print")
        expect(chart).to_be_visible()
        expect(incidents).to_be_visible()
        expect(section.locator(".coprod-aim")).to_contain_text("Baseline mean")
        expect(page.locator(".coprod-no-print").first).to_be_hidden()
    finally:
        page.context.close()


def test_a_site_and_a_trust_chart_their_wards_together_and_print(
    browser, live_server: LiveServer, signed_in_state
):
    page = new_page(browser, "desktop", storage_state=signed_in_state(Role.FACILITATOR))
    try:
        ward = live_server.ids["demo_ward"]
        page.goto(live_server.at(f"/dashboards/wards/{ward}?survey=ward-weather"))
        page.get_by_role("link", name="The same measures for all of").first.click()
        expect(page.locator("h1")).to_contain_text("measures week by week")
        expect(page.get_by_label("Survey")).to_have_value("ward-weather")
        page.get_by_label("Each point is").select_option(label="Monthly")
        page.get_by_role("button", name="Show").click()
        expect(page.locator("h1")).to_contain_text("measures month by month")
        chart = page.get_by_role(
            "img", name="Ward feels calm or fairly calm, per cent, month by month"
        )
        expect(chart).to_be_visible()
        expect(page.get_by_role("table", name="The data, month by month").first).to_be_visible()
        expect(page.get_by_text("Set an aim")).to_have_count(0)
        page.get_by_role("link", name="The same measures for all of").first.click()
        expect(page).to_have_url(re.compile(r"/dashboards/trusts/\d+\?.*points=month"))
        page.emulate_media(media="print")
        expect(page.locator("form.coprod-filter")).to_be_hidden()
        expect(page.locator(".coprod-measure table").first).to_be_visible()
    finally:
        page.context.close()
