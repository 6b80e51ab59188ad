"""An answer such as "Neither" or "Prefer not to say" stands alone among several choices."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import Draft
from tests.factories import make_surveyed_ward
from tests.respondent import CSRF, answer, enrol, start


@pytest.fixture
def ward(app):
    return make_surveyed_ward(
        app.config["COPROD_SURVEY_DIR"],
        "RX1",
        surveys=("staff-ward-climate", "patient-sexual-safety"),
    )


def _saved(token):
    db.session.expire_all()
    return db.session.scalar(select(Draft).where(Draft.token == token)).answers


@pytest.mark.parametrize(
    "survey,question,values",
    [
        ("staff-ward-climate", "restrictive_practice_last_week", ["restraint", "neither"]),
        (
            "staff-ward-climate",
            "restrictive_practice_last_week",
            ["seclusion", "prefer_not_to_say"],
        ),
        ("staff-ward-climate", "restrictive_practice_last_week", ["neither", "not_on_ward"]),
        ("patient-sexual-safety", "told_anyone", ["staff", "no"]),
        ("patient-sexual-safety", "who", ["another_patient", "prefer_not_to_say"]),
    ],
)
def test_contradictory_choices_are_refused_and_nothing_is_kept(
    client, ward, survey, question, values
):
    enrol(client, ward)
    token = start(client, survey)
    if survey == "patient-sexual-safety":
        answer(client, token, "experienced", "yes")
    response = answer(client, token, question, *values)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "cannot go with other answers" in page and "There is a problem" in page
    assert question not in _saved(token)


def test_an_exclusive_choice_alone_and_the_others_together_are_kept(client, ward):
    enrol(client, ward)
    token = start(client, "staff-ward-climate")
    question = "restrictive_practice_last_week"
    assert answer(client, token, question, "restraint", "seclusion").status_code == 302
    assert _saved(token)[question] == ["restraint", "seclusion"]
    assert answer(client, token, question, "neither").status_code == 302
    assert _saved(token)[question] == ["neither"]


def test_the_page_marks_exclusive_choices_for_the_design_system(client, ward):
    enrol(client, ward)
    token = start(client, "staff-ward-climate")
    page = client.get(f"/r/{token}/q/restrictive_practice_last_week").get_data(as_text=True)
    assert page.count('data-behaviour="exclusive"') == 3  # neither, not on ward, prefer not
    assert page.count("nhsuk-checkboxes__divider") == 1
    assert page.index("nhsuk-checkboxes__divider") < page.index('value="neither"')
    assert CSRF.search(page)
