"""One-tap ward weather: one tap sends the answer; "Tell us more" adds to it, once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import Answer, Draft, Response, Role, SafeguardingItem, WardSurvey
from coprod.services import survey_files
from coprod.services.survey_files import SurveyFileError
from tests.factories import make_surveyed_ward, make_user
from tests.respondent import CSRF, TOKEN, enrol, post_at_once, start

MORE = re.compile(r'<form method="get" action="(/r/[A-Za-z0-9_-]+/q/[a-z_]+)"')


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def ward(app):
    return make_surveyed_ward(app.config["COPROD_SURVEY_DIR"])


def _tap(client, token: str, value: str = "calm", **extra):
    page = client.get(f"/r/{token}").get_data(as_text=True)
    return client.post(
        f"/r/{token}/tap", data={"csrf_token": CSRF.search(page).group(1), "answer": value}, **extra
    )


def _answer(client, path: str, *values: str):
    page = client.get(path).get_data(as_text=True)
    return client.post(
        path, data={"csrf_token": CSRF.search(page).group(1), "answer": list(values)}
    )


def _send(client, token: str):
    page = client.get(f"/r/{token}/check").get_data(as_text=True)
    return client.post(f"/r/{token}/submit", data={"csrf_token": CSRF.search(page).group(1)})


def test_the_first_page_is_the_question_and_one_tap_sends_it(client, ward):
    enrol(client, ward)
    token = start(client)
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert "How does the ward feel right now?" in page
    # Every answer is its own Send button: nothing else to press.
    assert page.count('name="answer" value="') == 5
    assert 'type="radio"' not in page
    tapped = _tap(client, token, "tense")
    assert tapped.status_code == 303
    assert tapped.headers["Location"].endswith(f"/r/{token}/done")
    stored = db.session.scalar(select(Response))
    assert [(a.question_id, a.choice) for a in stored.answers] == [("weather", "tense")]
    done = client.get(tapped.headers["Location"]).get_data(as_text=True)
    assert "Thank you, your answer has been sent" in done
    assert "Tell us more" in done
    assert "Start again for the next person" in done


def test_tell_us_more_adds_to_the_same_response_and_asks_only_the_rest(client, ward):
    enrol(client, ward)
    token = start(client)
    done = client.get(_tap(client, token, "stormy").headers["Location"]).get_data(as_text=True)
    first = MORE.search(done).group(1)
    assert first.endswith("/q/weather_why")
    more = TOKEN.search(first).group(1)
    assert more != token
    page = client.get(first).get_data(as_text=True)
    assert "Question 1 of 5" in page
    # The answer before this one is already sent: no Back to a page that would send again.
    assert "nhsuk-back-link" not in page
    assert _answer(client, first, "Shouting at night").status_code == 302
    _answer(client, f"/r/{more}/q/age_band", "age_25_34")
    check = client.get(f"/r/{more}/check").get_data(as_text=True)
    assert "Shouting at night" in check and "How does the ward feel right now?" not in check
    sent = _send(client, more)
    assert sent.status_code == 303
    page = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Thank you, your answers have been sent" in page and "Tell us more" not in page
    assert _count(Response) == 1
    stored = db.session.scalar(select(Response))
    answers = {(a.question_id, a.choice, a.text) for a in stored.answers}
    assert answers == {
        ("weather", "stormy", None),
        ("weather_why", None, "Shouting at night"),
        ("age_band", "age_25_34", None),
    }
    assert _count(Draft) == 0


def test_a_tap_sent_twice_stores_one_response(client, ward):
    enrol(client, ward)
    token = start(client)
    page = client.get(f"/r/{token}").get_data(as_text=True)
    data = {"csrf_token": CSRF.search(page).group(1), "answer": "calm"}
    first = client.post(f"/r/{token}/tap", data=data)
    second = client.post(f"/r/{token}/tap", data=data)
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"].endswith(f"/r/{token}/done")
    assert _count(Response) == 1


@pytest.mark.parametrize("value", ["tornado", ""])
def test_a_bad_tap_is_refused_and_nothing_is_stored(client, ward, value):
    enrol(client, ward)
    token = start(client)
    refused = _tap(client, token, value)
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "There is a problem" in page
    assert _count(Response) == 0


def test_a_disclosure_told_after_the_tap_is_queued_and_signposted(client, ward):
    make_user(Role.SAFEGUARDING, [ward.site.trust])
    enrol(client, ward)
    token = start(client)
    done = client.get(_tap(client, token, "tense").headers["Location"]).get_data(as_text=True)
    first = MORE.search(done).group(1)
    more = TOKEN.search(first).group(1)
    _answer(client, first, "A man on the ward keeps touching me and I want it to stop")
    page = client.get(_send(client, more).headers["Location"]).get_data(as_text=True)
    assert "Thank you for telling us" in page
    item = db.session.scalar(select(SafeguardingItem))
    assert item.response_id == db.session.scalar(select(Response.id))
    assert "sexual_harm" in item.concerns


def test_start_again_clears_tell_us_more_for_the_next_person(client, ward):
    enrol(client, ward)
    token = start(client)
    done = client.get(_tap(client, token).headers["Location"]).get_data(as_text=True)
    first = MORE.search(done).group(1)
    client.post("/tablet/reset")
    assert _count(Draft) == 0
    assert client.get(first).status_code == 410
    assert client.get(f"/r/{token}/done").status_code == 410
    assert _count(Response) == 1


def test_tell_us_more_is_refused_to_another_browser(client, app, ward):
    row = db.session.scalar(select(WardSurvey).where(WardSurvey.survey_id == "ward-weather"))
    page = client.get(f"/s/{row.link_code}").get_data(as_text=True)
    started = client.post(
        f"/s/{row.link_code}", data={"csrf_token": CSRF.search(page).group(1)}
    ).headers["Location"]
    token = TOKEN.search(started).group(1)
    done = client.get(_tap(client, token).headers["Location"]).get_data(as_text=True)
    first = MORE.search(done).group(1)
    with app.test_client() as stranger:
        assert stranger.get(first).status_code == 403


def test_tell_us_more_sent_twice_at_once_adds_its_answers_once(client, app, ward):
    """Two Sends of the same "tell us more" at the same moment, as from a double tap on
    a slow connection: the answers are added once."""
    enrol(client, ward)
    token = start(client)
    done = client.get(_tap(client, token).headers["Location"]).get_data(as_text=True)
    first = MORE.search(done).group(1)
    more = TOKEN.search(first).group(1)
    _answer(client, first, "Too hot in the lounge")
    page = client.get(f"/r/{more}/check").get_data(as_text=True)
    data = {"csrf_token": CSRF.search(page).group(1)}
    statuses = post_at_once(app, client, f"/r/{more}/submit", data)
    assert 303 in statuses and set(statuses) <= {303, 410}
    db.session.expire_all()
    assert _count(Response) == 1
    texts = db.session.scalars(select(Answer.text).where(Answer.text.is_not(None))).all()
    assert texts == ["Too hot in the lounge"]


@pytest.mark.parametrize(
    ("first", "message"),
    [
        ("{id: why, type: free_text, text: Why}", "must be one of single_choice"),
        (
            "{id: touched, type: yes_no, text: Touched, report: {concern: sexual_harm, "
            "values: [yes]}}",
            "must not report harm",
        ),
    ],
)
def test_a_one_tap_survey_file_is_checked(tmp_path: Path, first, message):
    path = tmp_path / "pulse.yaml"
    path.write_text(
        "id: pulse\ntitle: Pulse\naudience: patient\nvariant: standard\nlanguage: en\n"
        f"one_tap: true\nquestions:\n  - {first}\n  - {{id: more, type: free_text, text: More}}\n"
    )
    with pytest.raises(SurveyFileError, match=message):
        survey_files.load_file(path)


def test_a_one_tap_survey_needs_something_to_tell_more_in(tmp_path: Path):
    path = tmp_path / "pulse.yaml"
    path.write_text(
        "id: pulse\ntitle: Pulse\naudience: patient\nvariant: standard\nlanguage: en\n"
        "one_tap: true\nquestions:\n  - {id: mood, type: yes_no, text: Good day}\n"
    )
    with pytest.raises(SurveyFileError, match="questions after the first"):
        survey_files.load_file(path)
