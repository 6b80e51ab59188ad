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


def test_many_people_signing_in_at_once_with_real_hashing_all_get_an_answer(app, monkeypatch):
    from argon2 import PasswordHasher

    from coprod.services import passwords as hashing

    # Today's hashing cost, not the suite's cheap one: the slow check is what made sign-ins
    # queue behind each other and fail with "database is locked" on SQLite.
    monkeypatch.setattr(hashing, "_hasher", PasswordHasher())
    monkeypatch.setattr(hashing, "_dummy_hash", None)
    users = [make_user(Role.FACILITATOR, email=f"person{n}@example.nhs.uk") for n in range(8)]
    for user in users:
        user.password_hash = hashing.hash_password(PASSWORD)
    db.session.commit()
    attempts = [(u.email, PASSWORD) for u in users] + [(u.email, "wrong one") for u in users]
    clients = [app.test_client() for _ in attempts]
    tokens = [csrf_token(c, "/login") for c in clients]
    barrier = threading.Barrier(len(clients))
    statuses: dict[int, int] = {}

    def attempt(n):
        barrier.wait()
        email, password = attempts[n]
        response = clients[n].post(
            "/login", data={"csrf_token": tokens[n], "email": email, "password": password}
        )
        statuses[n] = response.status_code

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(len(attempts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [statuses[n] for n in range(8)] == [302] * 8  # every right password signs in
    assert [statuses[n] for n in range(8, 16)] == [400] * 8  # every wrong one is told so


def test_no_lock_is_held_while_a_password_is_checked(app, client, database_url, monkeypatch):
    from sqlalchemy import create_engine, text, update

    from coprod.services import accounts

    user = make_user(Role.FACILITATOR, email="slow@example.nhs.uk")
    user_id = user.id
    sqlite = database_url.startswith("sqlite")
    other = create_engine(database_url, connect_args={"timeout": 0} if sqlite else {})
    written: list[bool] = []
    real_check = accounts.verify_password

    def check_while_someone_else_writes(password_hash, password):
        # Another request writes to the same account while this password is checked.
        with other.begin() as conn:
            if not sqlite:
                conn.execute(text("SET LOCAL lock_timeout = '200ms'"))
            conn.execute(update(User).where(User.id == user_id).values(name="Changed meanwhile"))
        written.append(True)
        return real_check(password_hash, password)

    monkeypatch.setattr(accounts, "verify_password", check_while_someone_else_writes)
    try:
        assert sign_in(client, "slow@example.nhs.uk").status_code == 302
    finally:
        other.dispose()
    assert written == [True]


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
