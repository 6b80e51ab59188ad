"""The thank-you page says whether answers were flagged, so only the browser that sent them
sees it, only for a few minutes, and nothing on a response leads back to its address."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import Draft, EndPage, Response
from coprod.models.base import utcnow
from coprod.models.surveys import SentDraft
from coprod.services import devices, end_pages
from tests.factories import make_surveyed_ward, make_user
from tests.respondent import CSRF, answer, enrol, start

FLAGGED = "Thank you for telling us"


@pytest.fixture
def ward(app):
    return make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], "RX1")


def _send(client, token):
    page = client.get(f"/r/{token}/check").get_data(as_text=True)
    return client.post(f"/r/{token}/submit", data={"csrf_token": CSRF.search(page).group(1)})


def _disclose(client, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather_why", "i want to kill myself")
    sent = _send(client, token)
    assert sent.status_code == 303 and sent.headers["Location"].endswith(f"/r/{token}/done")
    return token


def test_the_sending_browser_sees_its_thank_you_page(client, ward):
    token = _disclose(client, ward)
    page = client.get(f"/r/{token}/done").get_data(as_text=True)
    assert FLAGGED in page and "Samaritans" in page
    # Back to an earlier page of the survey returns the thank-you page, not the answers.
    back = client.get(f"/r/{token}/q/weather_why")
    assert back.status_code == 303 and back.headers["Location"].endswith("/done")


def test_no_other_browser_learns_anything_from_the_address(client, app, ward):
    token = _disclose(client, ward)
    stranger = app.test_client()
    for path in ("", "/q/weather_why", "/check", "/done"):
        response = stranger.get(f"/r/{token}{path}")
        page = response.get_data(as_text=True)
        assert response.status_code == 410, path
        assert FLAGGED not in page and "Thank you, your answers" not in page


def test_the_next_person_on_the_tablet_sees_nothing_of_the_last(client, ward):
    token = _disclose(client, ward)
    page = client.get("/tablet").get_data(as_text=True)
    client.post("/tablet/reset", data={"csrf_token": CSRF.search(page).group(1)})
    for path in ("/done", "/check", ""):
        response = client.get(f"/r/{token}{path}")
        assert response.status_code == 410 and FLAGGED not in response.get_data(as_text=True)
    assert db.session.scalar(select(EndPage)) is None


def test_starting_a_new_survey_forgets_the_last_thank_you_page(client, ward):
    token = _disclose(client, ward)
    start(client)
    assert client.get(f"/r/{token}/done").status_code == 410


def test_the_thank_you_page_expires(client, ward):
    token = _disclose(client, ward)
    with time_machine.travel(utcnow() + timedelta(minutes=2 * end_pages.MINUTES + 1)):
        response = client.get(f"/r/{token}/done")
        assert response.status_code == 410 and FLAGGED not in response.get_data(as_text=True)
        assert db.session.scalar(select(EndPage)) is None


def test_an_expired_thank_you_page_is_deleted_by_any_page_not_only_a_survey_page(client, app, ward):
    _disclose(client, ward)
    visitor = app.test_client()
    with time_machine.travel(utcnow() + timedelta(minutes=2 * end_pages.MINUTES + 1)):
        assert visitor.get("/login").status_code == 200
    db.session.expire_all()
    assert db.session.scalar(select(EndPage)) is None


def test_a_thank_you_page_keeps_neither_the_token_nor_the_moment_of_sending(client, ward):
    sent_at = utcnow()
    token = _disclose(client, ward)
    row = db.session.scalar(select(EndPage))
    stored = " ".join(str(getattr(row, c.key)) for c in EndPage.__table__.columns)
    assert token not in stored
    assert hashlib.sha256(token.encode()).hexdigest() not in stored
    # The expiry is on a five-minute mark, at least five minutes and under ten from sending.
    assert row.expires_at.second == 0 and row.expires_at.microsecond == 0
    assert row.expires_at.minute % end_pages.MINUTES == 0
    left = row.expires_at - sent_at
    assert (
        timedelta(minutes=end_pages.MINUTES) <= left < timedelta(minutes=2 * end_pages.MINUTES + 1)
    )


def test_a_response_keeps_nothing_derived_from_its_token(client, ward):
    token = _disclose(client, ward)
    response = db.session.scalar(select(Response))
    assert response.submission_key != hashlib.sha256(token.encode()).hexdigest()
    assert token not in response.submission_key
    assert db.session.scalar(select(Draft)) is None


def test_an_abandoned_draft_on_a_link_only_ward_is_deleted_on_time(client, app, ward):
    from coprod.models import WardSurvey

    link = db.session.scalar(select(WardSurvey))
    page = client.get(f"/s/{link.link_code}").get_data(as_text=True)
    client.post(f"/s/{link.link_code}", data={"csrf_token": CSRF.search(page).group(1)})
    assert db.session.scalar(select(Draft)) is not None
    idle = app.config["COPROD_DRAFT_IDLE_MINUTES"]
    with time_machine.travel(utcnow() + timedelta(minutes=idle + 1)):
        app.test_client().get("/r/anything")  # any respondent's page, anywhere
    db.session.expire_all()
    assert db.session.scalar(select(Draft)) is None


def test_a_survey_closed_mid_draft_stops_taking_answers(client, ward):
    from coprod.models import WardSurvey

    enrol(client, ward)
    token = start(client)
    db.session.scalar(select(WardSurvey)).is_open = False
    db.session.commit()
    response = client.get(f"/r/{token}/q/weather")
    assert response.status_code == 410 and "calm" not in response.get_data(as_text=True)
    assert db.session.scalar(select(Draft)) is None


def test_revoking_a_tablet_deletes_its_answers_in_progress(client, ward):
    from coprod.models import Device, Role

    enrol(client, ward)
    start(client)
    device = db.session.scalar(select(Device))
    devices.revoke(device, actor=make_user(Role.ADMIN, [ward.site.trust]))
    db.session.commit()
    assert db.session.scalar(select(Draft)) is None


def test_an_empty_response_is_not_sent(client, ward):
    enrol(client, ward)
    token = start(client)
    sent = _send(client, token)
    assert sent.status_code == 400
    assert "Answer at least one question before you send" in sent.get_data(as_text=True)
    assert db.session.scalar(select(Response)) is None
    assert db.session.scalar(select(Draft)) is not None  # the person can still answer


def test_ids_keep_no_order_of_answering(client, ward):
    """Ids of responses, answers and safeguarding items are random: sorting them gives back
    nothing of the order people sent their answers, which an access log could match."""
    from coprod.models import Answer, SafeguardingItem

    enrol(client, ward)
    sent = []
    for _ in range(12):
        token = start(client)
        answer(client, token, "weather_why", "i want to kill myself")
        assert _send(client, token).status_code == 303
        sent.append(db.session.scalars(select(Response.id)).all())
    order = []
    for before, after in zip([[], *sent], sent, strict=False):
        (new,) = set(after) - set(before)
        order.append(new)
    assert all(rid >= 2**32 for rid in order)
    assert order != sorted(order) and order != sorted(order, reverse=True)
    by_response = {
        a.response_id: a.id
        for a in db.session.scalars(select(Answer).where(Answer.text.is_not(None)))
    }
    answer_ids = [by_response[rid] for rid in order]
    assert answer_ids != sorted(answer_ids)
    items = {i.response_id: i.id for i in db.session.scalars(select(SafeguardingItem))}
    item_ids = [items[rid] for rid in order if rid in items]
    assert len(item_ids) >= 8 and item_ids != sorted(item_ids)


def _copy_of(app, client):
    """Return another browser holding this one's cookies as they are now."""
    twin = app.test_client()
    for cookie in ("session", "coprod_tablet"):
        kept = client.get_cookie(cookie)
        if kept is not None:
            twin.set_cookie(cookie, kept.value)
    return twin


def test_a_send_repeated_after_its_reply_was_lost_hears_the_answers_arrived(client, app, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather", "calm")
    page = client.get(f"/r/{token}/check").get_data(as_text=True)
    form = {"csrf_token": CSRF.search(page).group(1)}
    # The browser as it was before its first Send: the thank-you cookie never reached it.
    before_reply = _copy_of(app, client)
    assert client.post(f"/r/{token}/submit", data=form).status_code == 303
    again = before_reply.post(f"/r/{token}/submit", data=form)
    text = again.get_data(as_text=True)
    assert again.status_code == 200
    assert "Your answers have been sent" in text and "Nothing was sent" not in text
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
    # A stranger with the address learns nothing, and the note is found by no address.
    stranger = app.test_client().get(f"/r/{token}/check")
    assert stranger.status_code == 410
    assert "have been sent" not in stranger.get_data(as_text=True)
    stored = db.session.scalars(select(SentDraft.token_hash)).all()
    assert len(stored) == 1
    assert all(
        hashlib.sha256(f"sent:{token}".encode()).hexdigest() != h and token not in h for h in stored
    )


def test_a_send_after_the_answers_were_cleared_still_says_nothing_was_sent(client, app, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather", "calm")
    page = client.get(f"/r/{token}/check").get_data(as_text=True)
    form = {"csrf_token": CSRF.search(page).group(1)}
    later = utcnow() + timedelta(minutes=50)  # past any draft's idle time
    with time_machine.travel(later):
        late = client.post(f"/r/{token}/submit", data=form)
        assert late.status_code == 410
        assert "Nothing was sent" in late.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_the_note_that_answers_arrived_lasts_minutes(client, app, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather", "calm")
    page = client.get(f"/r/{token}/check").get_data(as_text=True)
    form = {"csrf_token": CSRF.search(page).group(1)}
    before_reply = _copy_of(app, client)
    client.post(f"/r/{token}/submit", data=form)
    with time_machine.travel(utcnow() + timedelta(minutes=2 * end_pages.MINUTES + 1)):
        assert before_reply.post(f"/r/{token}/submit", data=form).status_code == 410
        app.test_client().get("/login")  # any page tidies, now and then
        assert db.session.scalar(select(func.count()).select_from(SentDraft)) == 0
