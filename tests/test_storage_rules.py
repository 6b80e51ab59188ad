"""Rules the database keeps the same on SQLite and PostgreSQL, and the week of a response
taken from the wards' own calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from coprod.extensions import db
from coprod.models import Answer, Response
from tests.factories import make_surveyed_ward
from tests.respondent import answer, enrol, start, submit


@pytest.fixture
def ward(app):
    return make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], "RX1")


def _send_one(client, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather", "calm")
    answer(client, token, "weather_why", "quiet today")
    assert submit(client, token).status_code == 200


def test_deleting_a_response_deletes_its_answers_in_the_database(client, ward):
    _send_one(client, ward)
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 2
    # A plain SQL delete, not the ORM's cascade: the database itself must follow the rule.
    db.session.execute(delete(Response))
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_an_answer_cannot_point_at_a_response_that_does_not_exist(app):
    db.session.add(Answer(response_id=12345, question_id="weather", choice="calm"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_response_sent_just_after_midnight_on_a_summer_monday_is_in_that_week(client, ward):
    # 00:30 on Monday 1 June 2026 in London is 23:30 on Sunday in UTC.
    with time_machine.travel(datetime(2026, 5, 31, 23, 30, tzinfo=UTC), tick=False):
        _send_one(client, ward)
    assert db.session.scalar(select(Response.week)) == date(2026, 6, 1)


def test_a_response_sent_late_on_a_sunday_evening_is_in_the_week_before(client, ward):
    with time_machine.travel(datetime(2026, 5, 31, 22, 30, tzinfo=UTC), tick=False):
        _send_one(client, ward)
    assert db.session.scalar(select(Response.week)) == date(2026, 5, 25)
