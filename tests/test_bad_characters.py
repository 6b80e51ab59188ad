"""A NUL character anywhere in a staff form, or an impossible page number, gets a clear
error and changes nothing, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import Role, Trust
from tests.factories import csrf_token, make_user, post_form, sign_in


def test_a_nul_in_the_sign_in_email_is_refused(client):
    response = client.post(
        "/login",
        data={
            "csrf_token": csrf_token(client, "/login"),
            "email": "a\x00@b.nhs.uk",
            "password": "x",
        },
    )
    assert response.status_code == 400
    assert "characters that cannot be saved" in response.get_data(as_text=True)


def test_a_nul_in_a_trust_name_is_refused_and_nothing_is_stored(client):
    admin = make_user(Role.NETWORK_ADMIN)
    sign_in(client, admin.email)
    before = db.session.scalar(select(func.count()).select_from(Trust))
    response = post_form(client, "/admin/trusts/new", {"code": "NUL1", "name": "Bad\x00name"})
    assert response.status_code == 400
    assert "characters that cannot be saved" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Trust)) == before


def test_an_impossible_audit_page_is_not_found(client):
    admin = make_user(Role.ADMIN)
    sign_in(client, admin.email)
    assert client.get("/admin/audit?page=999999999999999999999999").status_code == 404


def test_a_nul_in_a_survey_address_says_the_page_has_expired(client):
    for path in ("/r/%00", "/r/a%00b", "/r/a%00b/q/x", "/r/a%00b/check", "/r/a%00b/done"):
        for method in (client.get, client.head):
            assert method(path).status_code == 410, path
    assert client.post("/r/a%00b/exit").status_code in (303, 400)
