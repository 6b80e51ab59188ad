"""The demo data a newcomer sees: every dashboard view has something to show."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from coprod.demo import DEMO_LOGINS, seed_demo
from coprod.demo_responses import CHANGE_WARD, CHANGE_WEEKS_AGO
from coprod.extensions import db
from coprod.models import Ward
from coprod.models.base import local_today
from coprod.services import responses
from coprod.services.dashboards import measures
from tests.factories import sign_in

END = local_today()
START = END - timedelta(weeks=26)


@pytest.fixture
def demo(app):
    seed_demo()
    db.session.commit()
    return {w.code: w for w in db.session.scalars(select(Ward))}


def _chart(ward, survey_id, measure_id):
    measure, audience = next(
        pair for pair in measures.survey_measures(survey_id) if pair[0].id == measure_id
    )
    return measures.measure_chart([ward.id], survey_id, measure, audience, start=START, end=END)


def test_the_change_ward_shifts_up_after_its_change(demo):
    result = _chart(demo[CHANGE_WARD], "patient-ward-climate", "staff_listen")
    latest = result.chart.points[-1]
    assert latest.point_type == "improvement"
    assert "shift" in latest.rules
    change_week = responses.week_of(END - timedelta(weeks=CHANGE_WEEKS_AGO))
    before = [p.value for p in result.chart.points if p.date < change_week]
    after = [p.value for p in result.chart.points if p.date >= change_week]
    assert sum(after) / len(after) > sum(before) / len(before) + 20


def test_one_ward_is_too_small_to_show_and_the_others_chart(demo):
    charted = {
        code: _chart(ward, "ward-weather", "ward_calm").chart is not None
        for code, ward in demo.items()
    }
    assert charted.pop("DEMO-W5") is False
    assert all(charted.values())


def test_staff_and_patients_see_the_ward_differently(demo):
    ward = demo["DEMO-W2"]
    patients = _chart(ward, "patient-sexual-safety", "feel_sexually_safe").chart
    staff = _chart(ward, "staff-sexual-safety", "feel_sexually_safe_at_work").chart
    assert staff.points[-1].mean > patients.points[-1].mean + 10


def test_the_easy_read_ward_answers_easy_read_and_says_who_helped(demo):
    from coprod.models import Response

    rows = db.session.execute(
        select(Response.variant, Response.helped).where(Response.ward_id == demo["DEMO-W4"].id)
    ).all()
    assert {variant for variant, _helped in rows} == {"easy_read"}
    assert {helped for _variant, helped in rows} >= {True, False}


def test_the_facilitator_sees_the_change_ward_improving(demo, client):
    email, password = DEMO_LOGINS[1][:2]
    sign_in(client, email, password)
    page = client.get(
        f"/dashboards/wards/{demo[CHANGE_WARD].id}", query_string={"survey": "ward-weather"}
    )
    assert page.status_code == 200
    reading = re.search(r'class="coprod-reading"><strong>([^<]+)', page.get_data(as_text=True))
    assert reading.group(1).endswith("improvement.")
