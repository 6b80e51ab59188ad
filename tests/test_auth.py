"""Signing in and out: generic failures, lockout, CSRF, safe redirects, session ends."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coprod import create_app
from coprod.config import TestConfig
from coprod.extensions import db
from coprod.models import AuditEvent, User
from coprod.services import accounts
from tests.factories import PASSWORD, csrf_token, make_user, post_form, sign_in

FAILED = "Enter a correct e-mail address and password"


def _audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_sign_in_takes_a_facilitator_to_their_trusts(client):
    user = make_user()
    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/home")
    page = client.get("/home").get_data(as_text=True)
    assert user.trusts[0].name in page
    assert "login.success" in _audit_actions()


def test_email_is_matched_without_regard_to_case(client):
    user = make_user(email="Jo.Bloggs@Example.NHS.uk")
    assert sign_in(client, "  JO.BLOGGS@example.nhs.uk ").status_code == 302
    assert user.email == "jo.bloggs@example.nhs.uk"


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("nobody@example.nhs.uk", PASSWORD),
        ("{user}", "wrong password entirely"),
        ("not an email", PASSWORD),
    ],
    ids=["unknown-email", "wrong-password", "malformed-email"],
)
def test_failed_sign_in_gives_one_generic_message(client, email, password):
    user = make_user()
    response = sign_in(client, email.format(user=user.email), password)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert FAILED in page
    assert "Your trusts" not in client.get("/home", follow_redirects=True).get_data(as_text=True)


def test_account_locks_after_repeated_failures_even_with_right_password(client, app):
    user = make_user()
    limit = app.config["COPROD_LOGIN_MAX_FAILURES"]
    for _ in range(limit):
        assert sign_in(client, user.email, "wrong password entirely").status_code == 400
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 400
    assert FAILED in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.locked_until is not None
    assert "user.locked" in _audit_actions()


def test_lock_expires(client, app):
    from datetime import timedelta

    from coprod.models.base import utcnow

    user = make_user()
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert sign_in(client, user.email).status_code == 302


def test_disabled_account_cannot_sign_in(client):
    user = make_user()
    user.is_enabled = False
    db.session.commit()
    assert sign_in(client, user.email).status_code == 400


def test_missing_or_stale_csrf_token_is_refused_plainly(client):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Your form has expired" in response.get_data(as_text=True)
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": "stale"}
    )
    assert response.status_code == 400
    assert "login.success" not in _audit_actions()


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/admin/users", "/admin/users"),
        ("https://evil.example.com/x", "/home"),
        ("//evil.example.com/x", "/home"),
        ("/\\evil.example.com", "/home"),
    ],
)
def test_after_sign_in_only_local_pages_are_followed(client, next_url, expected):
    user = make_user()
    token = csrf_token(client, "/login")
    response = client.post(
        "/login",
        query_string={"next": next_url},
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == expected


def test_sign_out_needs_a_post_with_token(client):
    user = make_user()
    sign_in(client, user.email)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/home").status_code == 200
    response = post_form(client, "/logout", {}, token_from="/home")
    assert response.status_code == 302
    assert client.get("/home").status_code == 302
    assert "logout" in _audit_actions()


def test_changing_a_password_ends_existing_sessions(client, app):
    user = make_user()
    sign_in(client, user.email)
    assert client.get("/home").status_code == 200
    accounts.set_password(user, "a brand new passphrase", actor=None)
    db.session.commit()
    assert client.get("/home").status_code == 302


def test_password_is_stored_only_as_an_argon2_hash(app):
    user = make_user()
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_login_is_throttled_per_address(database_url):
    config = TestConfig(database_url)
    config.RATELIMIT_ENABLED = True
    config.LOGIN_RATE_LIMIT = "3 per minute"
    app = create_app(config)
    with app.app_context():
        client = app.test_client()
        statuses = [
            sign_in(client, "someone@example.nhs.uk", "wrong password x").status_code
            for _ in range(4)
        ]
        assert statuses == [400, 400, 400, 429]
        db.session.remove()
        db.engine.dispose()


def test_production_cookies_are_secure(database_url, monkeypatch):
    monkeypatch.setenv("COPROD_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/15")
    app = create_app(TestConfig(database_url))
    with app.app_context():
        user = make_user()
        client = app.test_client()
        response = sign_in(client, user.email)
        cookie = response.headers["Set-Cookie"]
        assert "Secure" in cookie
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Strict-Transport-Security" in response.headers
        assert db.session.scalar(select(func.count()).select_from(User)) == 1
        db.session.remove()
        db.engine.dispose()


def test_person_changes_own_password_and_stays_signed_in(client, app):
    user = make_user()
    other = app.test_client()
    sign_in(client, user.email)
    sign_in(other, user.email)
    wrong = post_form(
        client,
        "/account/password",
        {"current_password": "not my password", "new_password": "fresh meadow lantern"},
    )
    assert wrong.status_code == 400
    assert "Your current password is not correct" in wrong.get_data(as_text=True)
    weak = post_form(
        client, "/account/password", {"current_password": PASSWORD, "new_password": "short"}
    )
    assert "at least 12 characters" in weak.get_data(as_text=True)
    response = post_form(
        client,
        "/account/password",
        {"current_password": PASSWORD, "new_password": "fresh meadow lantern"},
    )
    assert response.status_code == 302
    assert client.get("/home").status_code == 200
    assert other.get("/home").status_code == 302
    assert "user.password" in _audit_actions()
