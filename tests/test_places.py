"""A site's and a trust's measures, all their wards added up, and any page's points month by
month: what a facilitator sees, and that small groups stay hidden."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import Aim, IncidentSeries, IncidentValue, Role, SurveyVersion
from coprod.services.dashboards import incidents, measures
from coprod.spc import describe
from tests.factories import (
    make_choices,
    make_org,
    make_site,
    make_surveyed_ward,
    make_user,
    make_ward,
    sign_in,
)

TO = date(2026, 11, 30)  # a Monday
WEEKS = [TO - timedelta(weeks=25 - i) for i in range(26)]


@pytest.fixture
def place(app):
    """A trust with two sites: the first with two wards, the second with one."""
    first = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"])
    site = first.site
    second = make_ward(site)
    other_site = make_site(site.trust)
    third = make_ward(other_site)
    return {"trust": site.trust, "site": site, "wards": [first, second, third]}


def _fill(ward, per_week: dict[date, tuple[int, int]]):
    """Store, for each week, `calm` answers and `tense` answers."""
    version = db.session.scalar(
        select(SurveyVersion).where(
            SurveyVersion.survey_id == "ward-weather", SurveyVersion.variant == "standard"
        )
    )
    for week, (calm, tense) in per_week.items():
        for _ in range(calm):
            make_choices(ward, version, week, {"weather": "calm"})
        for _ in range(tense):
            make_choices(ward, version, week, {"weather": "tense"})
    db.session.commit()


def _get(client, url, **query):
    args = {"survey": "ward-weather", "from": WEEKS[0].isoformat(), "to": TO.isoformat(), **query}
    return client.get(url, query_string=args)


def _signed_in(client, trust):
    sign_in(client, make_user(Role.FACILITATOR, [trust]).email)


def _rows(html: str, caption: str) -> list[list[str]]:
    """Return the cells of the first data table with this caption, as text."""
    table = html.split(caption, 1)[1].split("</table>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", table, re.S)
        if "<td" in row
    ]


def test_a_sites_weeks_add_up_its_wards_before_the_percentage_and_the_minimum(client, place):
    first, second, third = place["wards"]
    # 3 people a week on each of two wards: each ward alone is under the minimum of 5.
    _fill(first, {week: (3, 0) for week in WEEKS[:20]})
    _fill(second, {week: (0, 3) for week in WEEKS[:20]})
    _fill(third, {week: (3, 3) for week in WEEKS[:20]})  # another site: not counted
    _signed_in(client, place["trust"])
    page = _get(client, f"/dashboards/sites/{place['site'].id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"{place['site'].name}: measures week by week" in html
    rows = _rows(html, "The data, week by week")
    assert rows[0][1:3] == ["6", "50%"]  # 3 of 6, not the mean of 100% and 0%
    assert rows[20][1] == "Nobody answered"
    assert "120 people answered in the weeks shown" in html
    # Aims and change ideas are a ward's: the site's page has none of their controls.
    assert "Set an aim" not in html and "/changes" not in html
    assert 'href="/dashboards/trusts/' in html
    assert f'href="/dashboards/wards/{second.id}?survey=ward-weather' in html


def test_a_trusts_weeks_add_up_every_ward_of_every_site(client, place):
    for ward in place["wards"]:
        _fill(ward, {week: (1, 1) for week in WEEKS[:12]})
    _signed_in(client, place["trust"])
    html = _get(client, f"/dashboards/trusts/{place['trust'].id}").get_data(as_text=True)
    rows = _rows(html, "The data, week by week")
    assert rows[0][1:3] == ["6", "50%"]
    assert "The counts of all 3 wards are added up" in html
    assert f'href="/dashboards/sites/{place["site"].id}?survey=ward-weather' in html


def test_a_wards_page_links_to_its_sites_and_trusts_charts(client, place):
    ward = place["wards"][0]
    _signed_in(client, place["trust"])
    html = _get(client, f"/dashboards/wards/{ward.id}", points="month").get_data(as_text=True)
    site_link = re.search(r'href="(/dashboards/sites/\d+\?[^"]*)"', html).group(1)
    assert f"/sites/{place['site'].id}?" in site_link and "points=month" in site_link
    assert f'href="/dashboards/trusts/{place["trust"].id}?' in html


def test_incident_series_add_up_over_the_wards_and_a_week_without_figures_is_a_gap(place):
    first, second, third = place["wards"]
    series = IncidentSeries(trust=place["trust"], name="Restraints", kind="restraint")
    db.session.add(series)
    db.session.flush()
    for ward, week, value in [
        (first, WEEKS[0], 2),
        (second, WEEKS[0], 3),
        (second, WEEKS[1], 1),
        (third, WEEKS[3], 7),
    ]:
        db.session.add(IncidentValue(series=series, ward=ward, week=week, value=value))
    db.session.commit()
    (chart,) = incidents.incident_charts([first.id, second.id], WEEKS[0], WEEKS[3])
    assert chart.weeks == ((WEEKS[0], 5), (WEEKS[1], 1), (WEEKS[2], None), (WEEKS[3], None))


def test_months_count_each_week_in_the_month_its_monday_falls_in(place):
    ward = place["wards"][0]
    # Monday 28 September 2026: its days run into October, but it counts in September.
    _fill(ward, {date(2026, 9, 28): (5, 0), date(2026, 10, 5): (0, 5), date(2026, 10, 12): (1, 4)})
    measure, audience = measures.survey_measures("ward-weather")[0]
    result = measures.measure_chart(
        [ward.id],
        "ward-weather",
        measure,
        audience,
        start=date(2026, 9, 15),
        end=date(2026, 10, 20),
        points="month",
    )
    assert [w.start for w in result.weeks] == [date(2026, 9, 1), date(2026, 10, 1)]
    september, october = result.weeks
    assert (september.positive, september.answered, september.shown) == (5, 5, True)
    # October adds up its weeks: 10 answered, 1 of them calm.
    assert (october.positive, october.answered, october.shown) == (1, 10, True)


def test_a_month_under_the_minimum_is_a_gap(place):
    ward = place["wards"][0]
    _fill(ward, {date(2026, 9, 7): (2, 0), date(2026, 9, 14): (1, 1)})
    measure, audience = measures.survey_measures("ward-weather")[0]
    result = measures.measure_chart(
        [ward.id],
        "ward-weather",
        measure,
        audience,
        start=date(2026, 9, 1),
        end=date(2026, 9, 30),
        points="month",
    )
    (september,) = result.weeks
    assert not september.shown and september.percent is None
    assert result.answered_shown == 0


def test_the_monthly_page_charts_months_and_reads_in_months(client, place):
    ward = place["wards"][0]
    _fill(ward, {week: (3, 3) for week in WEEKS})
    _signed_in(client, place["trust"])
    page = _get(client, f"/dashboards/wards/{ward.id}", points="month")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"{ward.name}: measures month by month" in html
    assert "each week counts in the month its Monday falls in" in html
    rows = _rows(html, "The data, month by month")
    assert rows[0][0] == "June 2026" and rows[-1][0] == "November 2026"
    assert "fewer than 12 months" in html
    assert '<option value="month" selected>Monthly</option>' in html


def test_incident_series_add_up_per_month(place):
    ward = place["wards"][0]
    series = IncidentSeries(trust=place["trust"], name="Restraints", kind="restraint")
    db.session.add(series)
    db.session.flush()
    for week, value in [(date(2026, 9, 28), 2), (date(2026, 10, 5), 3), (date(2026, 10, 26), 4)]:
        db.session.add(IncidentValue(series=series, ward=ward, week=week, value=value))
    db.session.commit()
    (chart,) = incidents.incident_charts(
        ward.id, date(2026, 8, 10), date(2026, 10, 31), points="month"
    )
    assert chart.unit == "incidents a month"
    assert chart.weeks == ((date(2026, 8, 1), None), (date(2026, 9, 1), 2), (date(2026, 10, 1), 7))


def test_the_reading_speaks_of_months():
    from coprod.spc import xmr

    days = [date(2026, m, 1) for m in range(1, 8)]
    chart = xmr(days, [50, 52, 49, 51, 50, 53, 90])
    text = describe(chart, "month")
    assert text.startswith("The latest month is beyond the upper process limit")
    assert "fewer than 12 months" in text


@pytest.mark.parametrize(
    "query, message",
    [
        ({"points": "day"}, "Choose weekly or monthly points"),
        ({"from": "soon"}, "Enter dates like 2026-03-02"),
    ],
)
def test_bad_query_strings_are_refused_with_a_clear_message(client, place, query, message):
    _signed_in(client, place["trust"])
    for url in (
        f"/dashboards/sites/{place['site'].id}",
        f"/dashboards/trusts/{place['trust'].id}",
        f"/dashboards/wards/{place['wards'][0].id}",
    ):
        page = _get(client, url, **query)
        assert page.status_code == 400
        assert message in page.get_data(as_text=True)
    export = _get(client, f"/dashboards/wards/{place['wards'][0].id}/export.csv", **query)
    assert export.status_code == 400 and message in export.get_data(as_text=True)


def test_another_trusts_site_and_trust_and_unknown_ids_are_not_found(client, place):
    other_trust, other_site, _ward = make_org("OTH")
    _signed_in(client, place["trust"])
    for url in (
        f"/dashboards/sites/{other_site.id}",
        f"/dashboards/trusts/{other_trust.id}",
        "/dashboards/sites/999999",
        "/dashboards/trusts/999999",
    ):
        assert client.get(url).status_code == 404


def test_the_ward_export_gives_months(client, place):
    ward = place["wards"][0]
    _fill(ward, {week: (3, 3) for week in WEEKS})
    _signed_in(client, place["trust"])
    reply = _get(client, f"/dashboards/wards/{ward.id}/export.csv", points="month")
    assert reply.status_code == 200
    text = reply.get_data(as_text=True)
    assert "Points,Month by month" in text
    assert "Month,Measure,Answered" in text
    assert "2026-06-01," in text and "2026-11-01," in text
    assert "Each week counts in the month its Monday falls in." in text


def test_a_monthly_chart_draws_the_aim_and_says_its_baseline_was_weeks(client, place):
    ward = place["wards"][0]
    _fill(ward, {week: [(2, 4), (3, 3)][i % 2] for i, week in enumerate(WEEKS)})
    db.session.add(
        Aim(
            ward=ward,
            measure_key="survey:ward-weather:ward_calm",
            baseline_from=WEEKS[0],
            baseline_to=WEEKS[7],
            kind="absolute",
            value=70,
        )
    )
    db.session.commit()
    _signed_in(client, place["trust"])
    html = _get(client, f"/dashboards/wards/{ward.id}", points="month").get_data(as_text=True)
    assert "Aim: 70%." in html and "8 weeks charted" in html
    assert (
        "The baseline was counted week by week; the aim is the same value month by month." in html
    )
    assert 'class="coprod-spc__target"' in html and 'class="coprod-spc__baseline"' in html


def test_a_total_that_would_give_a_hidden_ward_week_away_is_hidden_too(client, place):
    first, second, _third = place["wards"]
    # Week 0: 8 on one ward (shown on its page) and 3 on the other (hidden on its page):
    # a site total of 11 less the 8 would give the 3 away, so the site's week is a gap.
    # Week 1: 3 and 3 on the two wards, both hidden: their 6 together can be shown.
    _fill(first, {WEEKS[0]: (4, 4), WEEKS[1]: (3, 0)})
    _fill(second, {WEEKS[0]: (2, 1), WEEKS[1]: (0, 3)})
    _signed_in(client, place["trust"])
    html = _get(client, f"/dashboards/sites/{place['site'].id}").get_data(as_text=True)
    rows = _rows(html, "The data, week by week")
    assert rows[0][1].startswith("Not shown")
    assert rows[1][1:3] == ["6", "50%"]
    # Likewise a month (July: 6 and 2 answered), beside the ward's own weeks.
    _fill(first, {WEEKS[4]: (3, 3), WEEKS[5]: (1, 1)})
    measure, audience = measures.survey_measures("ward-weather")[0]
    month = measures.month_of(WEEKS[4])
    result = measures.measure_chart(
        [first.id], "ward-weather", measure, audience, start=month, end=month, points="month"
    )
    assert measures.month_of(WEEKS[5]) == month and WEEKS[3] < month
    (july,) = result.weeks
    assert july.answered == 8 and not july.shown


def test_no_page_less_another_gives_a_hidden_ward_week_away(client, place):
    first, second, third = place["wards"]
    fourth = make_ward(third.site)
    # The first site: 3 and 3, each hidden on its ward's page; their 6 together can show.
    # The other site: 10 shown and 3 hidden, so its week is a gap. The trust's 19 less the
    # first site's 6 less the 10 shown would give the 3 away: the trust's week is a gap.
    _fill(first, {WEEKS[0]: (2, 1)})
    _fill(second, {WEEKS[0]: (1, 2)})
    _fill(third, {WEEKS[0]: (5, 5)})
    _fill(fourth, {WEEKS[0]: (3, 0)})
    _signed_in(client, place["trust"])
    site = _get(client, f"/dashboards/sites/{place['site'].id}").get_data(as_text=True)
    other = _get(client, f"/dashboards/sites/{third.site.id}").get_data(as_text=True)
    trust = _get(client, f"/dashboards/trusts/{place['trust'].id}").get_data(as_text=True)
    assert _rows(site, "The data, week by week")[0][1:3] == ["6", "50%"]
    assert _rows(other, "The data, week by week")[0][1].startswith("Not shown")
    assert _rows(trust, "The data, week by week")[0][1].startswith("Not shown")


def test_a_monthly_ward_export_is_monthly_for_every_measure(client, app):
    from coprod.models import SurveyVersion as Version
    from tests.factories import make_choices as choose

    ward = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"])
    version = db.session.scalar(
        select(Version).where(
            Version.survey_id == "patient-ward-climate", Version.variant == "standard"
        )
    )
    for week in WEEKS[:8]:
        for _ in range(6):
            choose(ward, version, week, {"staff_listen": "yes", "feel_safe_from_harm": "yes"})
    db.session.commit()
    _signed_in(client, ward.site.trust)
    reply = _get(
        client,
        f"/dashboards/wards/{ward.id}/export.csv",
        survey="patient-ward-climate",
        points="month",
    )
    body = reply.get_data(as_text=True)
    lines = [line for line in body.splitlines() if line[:4].isdigit()]
    months = {line.split(",")[0] for line in lines}
    # Every row of every measure is a month (its first day), never a week's Monday.
    assert months and all(day.endswith("-01") for day in months), months
