"""A ward's measures as SPC charts: what a facilitator sees, and what nobody may see."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import Role, SurveyVersion
from coprod.services.dashboards import measures
from tests.factories import make_choices, make_surveyed_ward, make_user, sign_in

TO = date(2026, 11, 30)  # a Monday
WEEKS = [TO - timedelta(weeks=25 - i) for i in range(26)]


def _version(variant="standard") -> SurveyVersion:
    return db.session.scalar(
        select(SurveyVersion).where(
            SurveyVersion.survey_id == "ward-weather", SurveyVersion.variant == variant
        )
    )


@pytest.fixture
def ward(app):
    return make_surveyed_ward(app.config["COPROD_SURVEY_DIR"])


def _fill(ward, per_week: dict[date, tuple[int, int]], variant="standard"):
    """Store, for each week, `calm` answers and `tense` answers."""
    version = _version(variant)
    for week, (calm, tense) in per_week.items():
        for _ in range(calm):
            make_choices(ward, version, week, {"weather": "calm"})
        for _ in range(tense):
            make_choices(ward, version, week, {"weather": "tense"})
    db.session.commit()


def _page(client, ward, **query):
    args = {"survey": "ward-weather", "from": WEEKS[0].isoformat(), "to": TO.isoformat(), **query}
    return client.get(f"/dashboards/wards/{ward.id}", query_string=args)


def test_the_measure_counts_each_variant_by_its_own_definition(ward):
    # Easy Read's positive answer is only "calm"; standard's "calm" or "fairly calm".
    standard, easy = _version(), _version("easy_read")
    make_choices(ward, standard, WEEKS[0], {"weather": "fairly_calm"})
    make_choices(ward, standard, WEEKS[0], {"weather": "stormy"})
    make_choices(ward, standard, WEEKS[0], {"weather": "prefer_not_to_say"})  # not counted
    make_choices(ward, easy, WEEKS[0], {"weather": "in_between"})
    make_choices(ward, easy, WEEKS[0], {"weather": "dont_know"})  # not counted
    db.session.commit()
    counts = measures.weekly_counts([ward.id], "ward-weather", "ward_calm", WEEKS[0], TO)
    assert counts == {WEEKS[0]: (1, 3)}


def test_weeks_under_the_minimum_are_gaps_and_never_counted(ward, app):
    fives = {week: (3, 2) for week in WEEKS[:20]}
    fives[WEEKS[20]] = (2, 2)  # 4 people: under the patients' minimum of 5
    _fill(ward, fives)
    measure, audience = measures.survey_measures("ward-weather")[0]
    result = measures.measure_chart(
        [ward.id], "ward-weather", measure, audience, start=WEEKS[0], end=TO, minimum=5
    )
    assert [w.shown for w in result.weeks] == [True] * 20 + [False] * 6
    assert result.weeks[20].percent is None
    assert [p.date for p in result.chart.points] == WEEKS[:20]
    assert result.chart.points[0].value == pytest.approx(60)
    # The total counts only the weeks shown: it cannot be used to work out the small week.
    assert result.answered_shown == 100


def test_a_facilitator_sees_the_chart_its_reading_and_the_data(client, ward):
    calm = {week: [(2, 4), (3, 3)][i % 2] for i, week in enumerate(WEEKS[:12])}
    # A change made things calmer: 83% and 67% from here on, against 33% and 50% before.
    calm.update({week: [(5, 1), (4, 2)][i % 2] for i, week in enumerate(WEEKS[12:20])})
    calm[WEEKS[20]] = (1, 1)
    _fill(ward, calm)
    user = make_user(Role.FACILITATOR, [ward.site.trust])
    sign_in(client, user.email)
    page = _page(client, ward)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Ward feels calm or fairly calm" in html
    assert '<svg class="coprod-spc"' in html and "<title id=" in html
    # Eight calmer weeks at the end: a shift above the mean, read as improvement.
    assert re.search(r"8 weeks in a row above the mean since \d+ \w+ 2026: improvement", html)
    assert "Not shown: fewer than 5 answered" in html
    assert '<td class="nhsuk-table__cell">2</td>' not in html  # the small week's count
    assert "What is making it feel that way?" not in html  # no free-text question, ever


def test_a_ward_with_too_few_answers_says_so_rather_than_charting(client, ward):
    _fill(ward, {WEEKS[0]: (3, 3)})
    user = make_user(Role.FACILITATOR, [ward.site.trust])
    sign_in(client, user.email)
    html = _page(client, ward).get_data(as_text=True)
    assert "Not enough answers to chart yet" in html
    assert '<svg class="coprod-spc"' not in html


def test_another_trusts_ward_and_unknown_surveys_are_not_found(client, ward, app):
    other = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], code="RX2")
    user = make_user(Role.FACILITATOR, [other.site.trust])
    sign_in(client, user.email)
    assert _page(client, ward).status_code == 404
    assert _page(client, other, survey="no-such-survey").status_code == 404
    assert client.get("/dashboards/wards/999999").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "March"}, "Enter dates like 2026-03-02"),
        ({"from": "2026-11-30", "to": "2026-01-05"}, "The start must be before the end"),
        ({"from": "2000-01-03"}, "Choose at most 5 years"),
    ],
)
def test_impossible_periods_get_a_clear_message(client, ward, query, message):
    user = make_user(Role.FACILITATOR, [ward.site.trust])
    sign_in(client, user.email)
    page = _page(client, ward, **query)
    assert page.status_code == 400
    assert message in page.get_data(as_text=True)


def test_signed_out_people_are_sent_to_sign_in(client, ward):
    page = _page(client, ward)
    assert page.status_code in (302, 401)


def test_the_overview_lists_only_the_accounts_wards_and_hides_small_counts(client, ward, app):
    other = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], code="RX2")
    busy = {week: [(2, 4), (3, 3)][i % 2] for i, week in enumerate(WEEKS[:12])}
    _fill(ward, busy)
    _fill(other, {WEEKS[0]: (3, 3)})
    quiet = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], code="RX3")
    _fill(quiet, {WEEKS[0]: (2, 1)})  # 3 responses: too few to show
    user = make_user(Role.FACILITATOR, [ward.site.trust, quiet.site.trust])
    sign_in(client, user.email)
    page = client.get(
        "/dashboards",
        query_string={"survey": "ward-weather", "from": WEEKS[0].isoformat(), "to": TO.isoformat()},
    )
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert ward.name in html and quiet.name in html and other.name not in html
    assert f"/dashboards/wards/{ward.id}?survey=ward-weather" in html
    assert ">72<" in html  # the busy ward's 12 weeks of 6 answers
    # The overview writes one note for every hidden count, small or protecting a small one.
    assert "Not shown" in html and ">3<" not in html
    assert "Ward feels calm or fairly calm: latest week" in html


def test_a_change_date_starts_new_limits_from_that_week(client, ward):
    calm = {week: [(2, 4), (3, 3)][i % 2] for i, week in enumerate(WEEKS[:12])}
    calm.update({week: [(5, 1), (4, 2)][i % 2] for i, week in enumerate(WEEKS[12:20])})
    _fill(ward, calm)
    user = make_user(Role.FACILITATOR, [ward.site.trust])
    sign_in(client, user.email)
    html = _page(client, ward, rebase=WEEKS[12].isoformat()).get_data(as_text=True)
    # Measured against their own limits, the 8 calmer weeks are the new normal: no signal
    # yet, and their limits are trial limits until there are 12 weeks.
    assert "Common cause variation" in html
    assert "These are trial limits" in html
    assert f'name="rebase" type="date" value="{WEEKS[12].isoformat()}"' in html


@pytest.mark.parametrize(
    ("rebase", "message"),
    [
        ("last Tuesday", "Enter the date of a change like 2026-03-02"),
        ("2020-01-06", "A change must be dated after the start of the period"),
    ],
)
def test_an_impossible_change_date_gets_a_clear_message(client, ward, rebase, message):
    user = make_user(Role.FACILITATOR, [ward.site.trust])
    sign_in(client, user.email)
    page = _page(client, ward, rebase=rebase)
    assert page.status_code == 400
    assert message in page.get_data(as_text=True)
