"""The flask commands: clear errors, exit codes, nothing half-written, idempotent demo data."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import AuditEvent, Trust, User, Ward
from tests.factories import make_trust, make_user

GOOD = "three calm river stones"


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_users_create_makes_a_scoped_account_and_audits_it(runner):
    make_trust("RX1")
    make_trust("RX2")
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Sam@Example.nhs.uk",
            "--password",
            GOOD,
            "--role",
            "facilitator",
            "--trust",
            "rx1",
            "--trust",
            "RX2",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created facilitator sam@example.nhs.uk for RX1, RX2" in result.output
    user = db.session.scalar(select(User))
    assert sorted(t.code for t in user.trusts) == ["RX1", "RX2"]
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "user.create"))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"--role": "boss"}, "Unknown role 'boss': choose one of admin, facilitator, safeguarding"),
        ({"--trust": "NOPE"}, "Unknown trust code: NOPE"),
        ({"--email": "taken@example.nhs.uk"}, "already exists"),
        ({"--email": "not-an-email"}, "Enter a valid e-mail address"),
        ({"--password": "short"}, "at least 12 characters"),
        ({"--password": "password1234"}, "too easy to guess"),
        ({"--password": "sam.smith rules ok"}, "must not contain your e-mail address"),
    ],
)
def test_users_create_refuses_bad_input_and_changes_nothing(runner, overrides, message):
    trust = make_trust("RX1")
    make_user(email="taken@example.nhs.uk", trusts=[trust])
    users_before, audit_before = _count(User), _count(AuditEvent)
    options = {
        "--email": "sam.smith@example.nhs.uk",
        "--password": GOOD,
        "--role": "admin",
        "--trust": "RX1",
        **overrides,
    }
    args = ["users", "create"]
    for key, value in options.items():
        args += [key, value]
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert message in result.output
    assert _count(User) == users_before
    assert _count(AuditEvent) == audit_before


def test_users_create_needs_every_option(runner):
    result = runner.invoke(args=["users", "create", "--email", "a@example.nhs.uk"])
    assert result.exit_code == 2
    assert "Missing option" in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["users", "create"],
        ["trusts", "create"],
        ["surveys", "validate"],
        ["surveys", "load"],
        ["seed-demo"],
        ["db", "upgrade"],
    ],
)
def test_every_command_explains_itself(runner, command):
    result = runner.invoke(args=[*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_trusts_create_refuses_duplicates_and_bad_codes(runner):
    assert (
        runner.invoke(args=["trusts", "create", "--code", "rx9", "--name", "North"]).exit_code == 0
    )
    again = runner.invoke(args=["trusts", "create", "--code", "RX9", "--name", "North again"])
    assert again.exit_code == 1
    assert "already exists" in again.output
    bad = runner.invoke(args=["trusts", "create", "--code", "no spaces!", "--name", "X"])
    assert bad.exit_code == 1
    assert "letters, digits or hyphens" in bad.output
    assert _count(Trust) == 1


def test_seed_demo_is_idempotent_and_prints_logins(runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    counts = (_count(Trust), _count(Ward), _count(User))
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert (_count(Trust), _count(Ward), _count(User)) == counts == (1, 6, 3)
    assert "facilitator@demo.example.org" in second.output
    assert "password:" in second.output
    wards = db.session.scalars(select(Ward.code).order_by(Ward.code)).all()
    assert wards[0] == "DEMO-W1"


def test_seed_demo_refuses_production(runner, app):
    app.config["PRODUCTION"] = True
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 1
    assert "not production" in result.output
    assert _count(Trust) == 0
