"""Property tests: whatever people type, names and answers come back escaped, never as
markup, and never as a server error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod.extensions import db
from coprod.models import Role
from tests.factories import make_org, make_surveyed_ward, make_user, sign_in
from tests.respondent import answer, enrol, start

TAGS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</textarea><b>",
    "<meta http-equiv=refresh>",
]
PIECES = st.one_of(
    st.sampled_from(TAGS),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
    st.sampled_from(["&amp;", "\u202e", "\r\n", "\t", "'", '"', "{{ 7*7 }}", "{% raw %}"]),
)
TEXTS = st.lists(PIECES, min_size=1, max_size=4).map("".join).filter(lambda t: t.strip())
# The fixtures are set up once and shared by every generated example of a test.
FAST = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _no_raw_tags(page: str, typed: str) -> None:
    for tag in TAGS:
        if tag in typed:
            assert tag not in page, tag


@pytest.fixture
def admin_of(client):
    trust, _site, _ward = make_org("MARK")
    sign_in(client, make_user(Role.ADMIN, [trust]).email)
    return trust.id


@pytest.fixture
def tablet(app, client):
    enrol(client, make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], "WARD"))


@FAST
@given(name=TEXTS)
def test_any_trust_name_is_shown_escaped_on_admin_pages(client, admin_of, name):
    from coprod.models import Trust

    trust = db.session.get(Trust, admin_of)
    trust.name = name.strip()[:200]
    db.session.commit()
    for url in ("/admin/", f"/admin/trusts/{admin_of}", "/admin/users/new", "/admin/users"):
        response = client.get(url)
        assert response.status_code == 200, url
        _no_raw_tags(response.get_data(as_text=True), trust.name)


@FAST
@given(text=TEXTS)
def test_any_answer_is_shown_back_escaped_to_its_writer(client, tablet, text):
    token = start(client)
    typed = text[:500]
    response = answer(client, token, "weather_why", typed)
    assert response.status_code in (302, 400), response.status_code
    for path in ("/q/weather_why", "/check"):
        page = client.get(f"/r/{token}{path}")
        assert page.status_code == 200, path
        _no_raw_tags(page.get_data(as_text=True), typed)
