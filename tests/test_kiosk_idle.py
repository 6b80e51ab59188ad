"""A ward tablet left idle forgets the person on the server, whatever its browser does:
with script off, or with the page left open, the answers go on time and nothing of
them can be brought back."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import Draft, WardSurvey
from coprod.models.base import utcnow
from coprod.services import devices, survey_files
from tests.factories import make_org
from tests.respondent import CSRF, TOKEN, answer, enrol, start

SECRET = "my own words about the night staff"


@pytest.fixture
def ward(app):
    survey_files.register_versions(survey_files.load_directory(app.config["COPROD_SURVEY_DIR"]))
    _trust, _site, ward = make_org("RX1")
    devices.open_survey(ward, "ward-weather", actor=None)
    db.session.commit()
    return ward


def _lifetime(app) -> int:
    idle = app.config["COPROD_KIOSK_IDLE_SECONDS"]
    return max(3 * idle, idle + app.config["COPROD_KIOSK_WARNING_SECONDS"])


def _draft(token: str) -> Draft | None:
    db.session.expire_all()
    return db.session.scalar(select(Draft).where(Draft.token == token))


def _on_a_phone(app) -> tuple:
    phone = app.test_client()
    link = db.session.scalar(select(WardSurvey))
    page = phone.get(f"/s/{link.link_code}").get_data(as_text=True)
    started = phone.post(f"/s/{link.link_code}", data={"csrf_token": CSRF.search(page).group(1)})
    return phone, TOKEN.search(started.headers["Location"]).group(1)


def test_a_tablet_draft_left_alone_is_cleared_on_the_server_soon(client, app, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather", "calm")
    answer(client, token, "weather_why", SECRET)
    _phone, phone_token = _on_a_phone(app)
    lifetime = _lifetime(app)
    with time_machine.travel(utcnow() + timedelta(seconds=lifetime - 5)):
        app.test_client().get("/r/anything")
        assert _draft(token) is not None  # not yet: the person may be reading
    # Past the time (and past the 30 seconds between tidies of one process).
    with time_machine.travel(utcnow() + timedelta(seconds=lifetime + 31)):
        app.test_client().get("/login")  # any page, by anyone, tidies
        assert _draft(token) is None
        # A phone is one person's own: its answers last the usual idle time.
        assert _draft(phone_token) is not None
        # Back on the tablet brings back nothing of the answers.
        for path in ("/check", "/q/weather_why"):
            page = client.get(f"/r/{token}{path}")
            assert page.status_code == 410 and SECRET not in page.get_data(as_text=True)


def test_a_page_in_use_keeps_its_answers_by_saying_someone_is_still_here(client, app, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather", "calm")
    page = client.get(f"/r/{token}/q/weather_why").get_data(as_text=True)
    assert f'data-kiosk-still-here="/r/{token}/still-here"' in page
    csrf = CSRF.search(page).group(1)
    lifetime = _lifetime(app)
    with time_machine.travel(utcnow() + timedelta(seconds=lifetime - 10)):
        kept = client.post(f"/r/{token}/still-here", headers={"X-CSRFToken": csrf})
        assert kept.status_code == 204
    with time_machine.travel(utcnow() + timedelta(seconds=2 * lifetime - 20)):
        app.test_client().get("/login")
        assert _draft(token).answers == {"weather": "calm"}


def test_only_the_tablet_answering_can_keep_a_draft_alive(client, app, ward):
    enrol(client, ward)
    token = start(client)
    csrf = CSRF.search(client.get(f"/r/{token}").get_data(as_text=True)).group(1)
    assert client.get(f"/r/{token}/still-here").status_code == 405
    assert client.post(f"/r/{token}/still-here").status_code == 400  # no form token
    stranger, own = _on_a_phone(app)  # someone answering on their own phone
    stranger_csrf = CSRF.search(stranger.get(f"/r/{own}/q/weather").get_data(as_text=True)).group(1)
    refused = stranger.post(f"/r/{token}/still-here", headers={"X-CSRFToken": stranger_csrf})
    assert refused.status_code == 403
    gone = client.post("/r/not-a-draft-token-at-all/still-here", headers={"X-CSRFToken": csrf})
    assert gone.status_code == 410


def test_without_script_a_tablet_page_moves_on_just_after_the_answers_are_cleared(
    client, app, ward
):
    enrol(client, ward)
    token = start(client)
    page = client.get(f"/r/{token}/q/weather").get_data(as_text=True)
    refresh = re.search(r'<noscript><meta http-equiv="refresh" content="(\d+);url=/tablet">', page)
    assert refresh and int(refresh.group(1)) == _lifetime(app) + 2
    phone, phone_token = _on_a_phone(app)
    on_phone = phone.get(f"/r/{phone_token}").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in on_phone and "still-here" not in on_phone


def test_an_idle_tablet_draft_opened_between_tidies_is_gone(client, app, ward):
    enrol(client, ward)
    token = start(client)
    answer(client, token, "weather_why", SECRET)
    with time_machine.travel(utcnow() + timedelta(seconds=_lifetime(app) + 1)):
        # The process tidied a moment ago, so nothing else clears the draft first.
        app.extensions["coprod.tidied_at"] = utcnow()
        page = client.get(f"/r/{token}/q/weather_why")
        assert page.status_code == 410 and SECRET not in page.get_data(as_text=True)
        assert _draft(token) is None
