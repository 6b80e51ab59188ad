"""Ward tablets and the respondent's journey: enrol, answer, check, submit exactly once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import Answer, Draft, Response, SafeguardingItem, WardSurvey
from coprod.services import devices, survey_files
from coprod.views.tablet import DEVICE_COOKIE
from tests.factories import make_org
from tests.respondent import (
    CSRF,
    TOKEN,
    answer,
    enrol,
    post_at_once,
    start,
    submit,
    token_of,
)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def ward(app):
    """A ward with every shipped survey recorded and ward weather open on it."""
    survey_files.register_versions(survey_files.load_directory(app.config["COPROD_SURVEY_DIR"]))
    _trust, _site, ward = make_org("RX1")
    devices.open_survey(ward, "ward-weather", actor=None)
    devices.open_survey(ward, "patient-sexual-safety", actor=None)
    db.session.commit()
    return ward


def test_an_unenrolled_browser_is_told_how_to_set_up(client, ward):
    page = client.get("/tablet").get_data(as_text=True)
    assert "not set up as a ward tablet" in page


def test_enrolment_link_works_once(client, app, ward):
    _device, code = devices.create_device(ward, label="Lounge", actor=None)
    db.session.commit()
    page = client.get(f"/tablet/enrol/{code}").get_data(as_text=True)
    csrf = CSRF.search(page).group(1)
    assert client.post(f"/tablet/enrol/{code}", data={"csrf_token": csrf}).status_code == 302
    assert "Have your say about" in client.get("/tablet").get_data(as_text=True)
    other = app.test_client()
    page = other.get(f"/tablet/enrol/{code}").get_data(as_text=True)
    again = other.post(f"/tablet/enrol/{code}", data={"csrf_token": CSRF.search(page).group(1)})
    assert again.status_code == 400
    assert "not valid" in again.get_data(as_text=True)


def test_tablet_cookie_is_httponly_and_strict(client, ward):
    _device, code = devices.create_device(ward, label="Lounge", actor=None)
    db.session.commit()
    page = client.get(f"/tablet/enrol/{code}").get_data(as_text=True)
    response = client.post(f"/tablet/enrol/{code}", data={"csrf_token": CSRF.search(page).group(1)})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{DEVICE_COOKIE}=")
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie


def test_whole_journey_stores_one_anonymous_response(client, ward):
    enrol(client, ward)
    token = start(client)
    intro = client.get(f"/r/{token}").get_data(as_text=True)
    assert "anonymous" in intro
    response = answer(client, token, "weather", "calm")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/r/{token}/q/weather_why")
    answer(client, token, "weather_why", "Quiet and calm today")
    check = client.get(f"/r/{token}/check").get_data(as_text=True)
    assert "Quiet and calm today" in check
    done = submit(client, token)
    assert done.status_code == 200
    assert "Thank you, your answers have been sent" in done.get_data(as_text=True)
    stored = db.session.scalar(select(Response))
    assert stored.ward_id == ward.id
    assert stored.week.weekday() == 0
    assert (stored.audience, stored.variant, stored.mode) == ("patient", "standard", "kiosk")
    columns = set(Response.__table__.columns.keys())
    assert not columns & {
        "ip",
        "ip_address",
        "user_agent",
        "created_at",
        "submitted_at",
        "device_id",
    }
    answers = {a.question_id: (a.choice, a.text) for a in stored.answers}
    assert answers["weather"] == ("calm", None)
    assert answers["weather_why"] == (None, "Quiet and calm today")
    assert _count(Draft) == 0


def test_double_tap_and_resend_store_one_response(client, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather", "calm")
    page = client.get(f"/r/{token}/check").get_data(as_text=True)
    csrf = CSRF.search(page).group(1)
    first = client.post(f"/r/{token}/submit", data={"csrf_token": csrf})
    second = client.post(f"/r/{token}/submit", data={"csrf_token": csrf})
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"].endswith(f"/r/{token}/done")
    assert "Thank you" in client.get(second.headers["Location"]).get_data(as_text=True)
    assert _count(Response) == 1


def test_two_sends_at_the_same_moment_store_one_response(client, app, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather", "calm")
    answer(client, token, "weather_why", "Calm today")
    page = client.get(f"/r/{token}/check").get_data(as_text=True)
    data = {"csrf_token": CSRF.search(page).group(1)}
    statuses = post_at_once(app, client, f"/r/{token}/submit", data, times=3)
    assert 303 in statuses and set(statuses) <= {303, 410}
    db.session.expire_all()
    assert _count(Response) == 1
    assert db.session.scalars(select(Answer.text).where(Answer.text.is_not(None))).all() == [
        "Calm today"
    ]


@pytest.mark.parametrize(
    ("question", "values", "message"),
    [
        ("weather", ["tornado"], "not one of the choices"),
        ("weather", ["calm", "stormy"], "Choose one answer"),
        ("weather_why", ["x" * 5001], "5000 characters or fewer"),
    ],
)
def test_bad_answers_are_refused_and_nothing_stored(client, ward, question, values, message):
    enrol(client, ward)
    token = start(client)
    response = answer(client, token, question, *values)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    draft = db.session.scalar(select(Draft))
    assert question not in (draft.answers or {})


def test_unknown_question_and_closed_survey(client, ward):
    enrol(client, ward)
    token = start(client)
    assert client.get(f"/r/{token}/q/no_such_question").status_code == 404
    row = db.session.scalar(select(WardSurvey).where(WardSurvey.survey_id == "ward-weather"))
    row.is_open = False
    db.session.commit()
    response = client.post(
        "/tablet/start",
        data={"csrf_token": token_of(client), "survey": "ward-weather", "variant": "standard"},
    )
    assert response.status_code == 404


def test_a_draft_cannot_be_opened_on_another_tablet(client, app, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather_why", "private words")
    other = app.test_client()
    enrol(other, ward)
    response = other.get(f"/r/{token}/check")
    assert response.status_code == 403
    assert "private words" not in response.get_data(as_text=True)
    assert app.test_client().get(f"/r/{token}/check").status_code == 403


def test_revoked_tablet_stops_at_once(client, ward):
    enrol(client, ward)
    token = start(client)
    device = db.session.scalar(select(Draft)).device_id
    from coprod.models import Device

    db.session.get(Device, device).revoked_at = db.func.now()
    db.session.commit()
    assert client.get(f"/r/{token}").status_code == 403
    assert "switched off" in client.get("/tablet").get_data(as_text=True)


def test_start_again_deletes_the_draft_and_back_shows_nothing(client, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather_why", "my secret")
    assert client.post("/tablet/reset").status_code == 302
    assert _count(Draft) == 0
    back = client.get(f"/r/{token}/check")
    assert back.status_code == 410
    assert "my secret" not in back.get_data(as_text=True)
    assert back.headers["Cache-Control"] == "no-store"


def test_skip_logic_hides_questions_and_their_answers(client, ward):
    enrol(client, ward)
    token = start(client, survey="patient-sexual-safety")
    draft = db.session.scalar(select(Draft))
    from coprod.services import responses

    definition = responses.definition_of(draft.survey_version)
    gated = next(q for q in definition.questions if q.show_if)
    gate = definition.question(gated.show_if.question)
    opening = next(v for v in gate.values() if v in gated.show_if.values)
    closing = next(v for v in gate.values() if v not in gated.show_if.values)
    answer(client, token, gate.id, opening)
    first_value = gated.values()[0] if gated.is_choice else None
    if first_value:
        answer(client, token, gated.id, first_value)
    answer(client, token, gate.id, closing)
    check = client.get(f"/r/{token}/check").get_data(as_text=True)
    assert gated.text not in check
    submit(client, token)
    stored = db.session.scalar(select(Response))
    assert gated.id not in {a.question_id for a in stored.answers}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("He keeps touching me and I want it to stop", True),
        ("I feel safe, nobody has touched my things", False),
    ],
)
def test_disclosures_are_signposted_and_queued(client, ward, text, flagged):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather_why", text)
    done = submit(client, token).get_data(as_text=True)
    assert "Samaritans" in done
    assert ("Thank you for telling us" in done) is flagged
    assert _count(SafeguardingItem) == int(flagged)
    if flagged:
        flag = db.session.scalar(select(SafeguardingItem))
        assert flag.trust_id == ward.site.trust_id
        assert "sexual_harm" in flag.concerns


def test_personal_link_works_on_a_phone_without_a_tablet(client, ward):
    row = db.session.scalar(select(WardSurvey).where(WardSurvey.survey_id == "ward-weather"))
    page = client.get(f"/s/{row.link_code}").get_data(as_text=True)
    csrf = CSRF.search(page).group(1)
    response = client.post(f"/s/{row.link_code}", data={"csrf_token": csrf, "variant": "standard"})
    token = TOKEN.search(response.headers["Location"]).group(1)
    answer(client, token, "weather", "calm")
    submit(client, token)
    assert db.session.scalar(select(Response.mode)) == "link"
    assert client.get("/s/not-a-code").status_code == 404


def test_quick_exit_deletes_answers_and_lands_on_a_page_naming_no_survey(client, ward):
    enrol(client, ward)
    token = start(client, survey="patient-sexual-safety")
    intro = client.get(f"/r/{token}").get_data(as_text=True)
    assert "Exit this page" in intro and f'action="/r/{token}/exit"' in intro
    answer(client, token, "feel_safe", "yes")
    assert _count(Draft) == 1
    response = client.post(f"/r/{token}/exit")  # no form token needed: it must never stall
    assert response.status_code == 303 and response.headers["Location"] == "/tablet/away"
    assert _count(Draft) == 0 and _count(Response) == 0 and _count(Answer) == 0
    away = client.get("/tablet/away")
    page = away.get_data(as_text=True)
    assert away.headers["Clear-Site-Data"] == '"cache"'
    assert "sexual" not in page.lower() and "Ward tablet" in page
    assert client.get(f"/r/{token}").status_code == 410


def test_quick_exit_changes_nothing_for_a_browser_that_is_not_answering(client, app, ward):
    enrol(client, ward)
    token = start(client, survey="patient-sexual-safety")
    answer(client, token, "feel_safe", "yes")
    stranger = app.test_client()
    for method in (stranger.get, stranger.head):
        assert method(f"/r/{token}/exit").status_code == 405
    assert stranger.post(f"/r/{token}/exit").status_code == 303
    assert _count(Draft) == 1  # someone else's draft is untouched
    assert client.get(f"/r/{token}/check").status_code == 200


def test_the_thank_you_page_of_a_sexual_safety_survey_has_the_quick_exit(client, ward):
    enrol(client, ward)
    token = start(client, survey="patient-sexual-safety")
    answer(client, token, "feel_safe", "yes")
    submit(client, token)
    page = client.get(f"/r/{token}/done").get_data(as_text=True)
    assert "Exit this page" in page
    client.post(f"/r/{token}/exit")
    assert client.get(f"/r/{token}/done").status_code == 410  # the exit forgets it too


def test_every_kiosk_survey_page_offers_a_way_out(client, ward):
    enrol(client, ward)
    token = start(client)  # ward weather: not about sexual safety, so no quick exit
    for path in ("", "/q/weather", "/check"):
        page = client.get(f"/r/{token}{path}").get_data(as_text=True)
        assert "Leave and clear my answers" in page and "Exit this page" not in page, path


def test_easy_read_pages_use_easy_read_wording(client, ward):
    enrol(client, ward)
    token = start(client, variant="easy_read")
    page = client.get(f"/r/{token}/q/weather").get_data(as_text=True)
    assert ">Next<" in page.replace("\n", "").replace("  ", "")
    assert "You do not have to answer. Press Next to skip." in page
    standard = start(client, variant="standard")
    page = client.get(f"/r/{standard}/q/weather").get_data(as_text=True)
    assert "You can skip this question: press Continue without answering." in page


def test_a_changed_answer_asks_the_follow_ups_it_opens_then_goes_back(client, ward):
    from coprod.services import responses

    enrol(client, ward)
    token = start(client, survey="patient-sexual-safety")
    definition = responses.definition_of(db.session.scalar(select(Draft)).survey_version)
    gate = next(definition.question(q.show_if.question) for q in definition.questions if q.show_if)
    opened = [q for q in definition.questions if q.show_if and q.show_if.question == gate.id]
    closing = next(v for v in gate.values() if all(v not in q.show_if.values for q in opened))
    opening = next(v for v in gate.values() if v in opened[0].show_if.values)
    # The person has been through the whole survey, skipping all but the gate question.
    draft = db.session.scalar(select(Draft))
    walked = {q.id: None for q in responses.visible_questions(definition, {gate.id: closing})}
    draft.answers = {**walked, gate.id: closing}
    db.session.commit()
    # From the check page the person changes the answer, which opens follow-up questions.
    changed = answer(client, token, f"{gate.id}?return=check", opening)
    shown = responses.not_yet_asked(definition, {**walked, gate.id: opening})
    assert shown and shown[0].id in {q.id for q in opened}
    location = changed.headers["Location"]
    assert location == f"/r/{token}/q/{shown[0].id}?return=check"
    page = client.get(location).get_data(as_text=True)
    assert shown[0].text in page
    # Each newly shown question is asked in turn, then the person is back at the check page.
    for index, question in enumerate(shown):
        page = client.get(f"/r/{token}/q/{question.id}?return=check").get_data(as_text=True)
        last = index == len(shown) - 1
        assert ("Save and go back to your answers" in page) is last
        value = question.values()[-1] if question.is_choice else "something"
        sent = answer(client, token, f"{question.id}?return=check", value)
        following = sent.headers["Location"]
        if following.endswith("/check"):
            break
    assert following == f"/r/{token}/check"
    assert not responses.not_yet_asked(definition, db.session.scalar(select(Draft)).answers)


def test_a_hint_written_a_sentence_to_a_line_keeps_its_lines(client, ward):
    devices.open_survey(ward, "patient-sexual-safety", actor=None)
    db.session.commit()
    enrol(client, ward)
    token = start(client, survey="patient-sexual-safety", variant="easy_read")
    page = client.get(f"/r/{token}/q/know_how_to_tell").get_data(as_text=True)
    hint = re.search(r'<div class="nhsuk-hint coprod-lines" id="answer-hint">([^<]*)</div>', page)
    lines = [line.strip() for line in hint.group(1).splitlines()]
    assert lines == [
        "This is about sexual things that you do not want.",
        "You could tell staff.",
        "You could tell an advocate or someone you trust.",
    ]


def test_the_count_under_an_easy_read_text_box_is_in_easy_read_words(client, ward):
    devices.open_survey(ward, "patient-sexual-safety", actor=None)
    db.session.commit()
    enrol(client, ward)
    easy = start(client, survey="patient-sexual-safety", variant="easy_read")
    page = client.get(f"/r/{easy}/q/what_would_help").get_data(as_text=True)
    assert 'data-i18n.characters-under-limit.other="You can write %{count} more letters."' in page
    assert "characters remaining" not in page
    standard = start(client, survey="patient-sexual-safety")
    page = client.get(f"/r/{standard}/q/what_would_help").get_data(as_text=True)
    assert 'data-i18n.characters-under-limit.other="You have %{count} characters remaining"' in page
