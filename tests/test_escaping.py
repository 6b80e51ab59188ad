"""Names and answers are escaped on every page, including inside the design system's macros."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import Role, Trust
from tests.factories import make_org, make_surveyed_ward, make_user, sign_in
from tests.respondent import answer, enrol, start

MARKUP = '<meta http-equiv="refresh" content="0;url=//evil.example">'
ESCAPED = "&lt;meta http-equiv=&#34;refresh&#34;"


def test_a_trust_name_is_escaped_in_the_account_form(client):
    trust, _site, _ward = make_org("RX1")
    trust.name = MARKUP
    db.session.commit()
    admin = make_user(Role.ADMIN, [db.session.scalar(select(Trust))])
    sign_in(client, admin.email)
    for url in ("/admin/users/new", f"/admin/users/{admin.id}", "/admin/", "/home"):
        page = client.get(url).get_data(as_text=True)
        assert MARKUP not in page, url


@pytest.fixture
def ward(app):
    return make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], "RX2")


def test_a_respondents_own_answer_is_escaped_when_shown_back(client, ward):
    enrol(client, ward)
    token = start(client)
    text = "</textarea>" + MARKUP
    answer(client, token, "weather_why", text)
    for path in ("/q/weather_why", "/check"):
        page = client.get(f"/r/{token}{path}").get_data(as_text=True)
        assert MARKUP not in page and "</textarea><meta" not in page, path
        assert ESCAPED in page, path
