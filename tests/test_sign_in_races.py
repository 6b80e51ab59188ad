"""Sign-in holds under pressure: a burst of guesses gets no more than one at a time, and
signing out ends the session on the server, so a copied cookie stops working."""

from __future__ import annotations

import threading

from sqlalchemy import select

from coprod.extensions import db
from coprod.models import AuditEvent, Role, User
from tests.factories import PASSWORD, csrf_token, make_user, sign_in


def test_a_burst_of_guesses_is_counted_one_after_another(app):
    user = make_user(Role.ADMIN)
    email, user_id = user.email, user.id
    limit = app.config["COPROD_LOGIN_MAX_FAILURES"]
    clients = [app.test_client() for _ in range(16)]
    tokens = [csrf_token(c, "/login") for c in clients]
    passwords = ["wrong password " + str(n) for n in range(16)]
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def attempt(client, token, password):
        barrier.wait()
        response = client.post(
            "/login", data={"csrf_token": token, "email": email, "password": password}
        )
        statuses.append(response.status_code)

    threads = [
        threading.Thread(target=attempt, args=args)
        for args in zip(clients, tokens, passwords, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    guesses = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "login.failure")
    ).all()
    judged = [e for e in guesses if e.detail.get("reason") == "password"]
    assert len(statuses) == 16
    assert len(judged) <= limit  # never more wrong passwords tried than the limit
    assert db.session.get(User, user_id).locked_until is not None
    # The right password straight after the burst finds the account paused.
    late = app.test_client()
    response = late.post(
        "/login",
        data={"csrf_token": csrf_token(late, "/login"), "email": email, "password": PASSWORD},
    )
    assert response.status_code == 400 and late.get("/home").status_code == 302


def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(app, client):
    user = make_user(Role.FACILITATOR)
    sign_in(client, user.email)
    assert client.get("/home").status_code == 200
    cookie = client.get_cookie("session")
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    assert thief.get("/home").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/home")})
    assert client.get("/home").status_code == 302
    assert thief.get("/home").status_code == 302  # the copy no longer signs anyone in
