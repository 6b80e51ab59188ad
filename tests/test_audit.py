"""The audit log is append-only, in the application and in the database itself."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from coprod.extensions import db
from coprod.models import AuditEvent
from coprod.models.audit import AuditLogImmutable
from coprod.services import audit
from tests.factories import make_trust, make_user


def test_records_who_did_what_to_which_object(app):
    trust = make_trust("RX1")
    user = make_user(trusts=[trust])
    event = audit.record(user, "export.csv", trust, trust_id=trust.id, rows=12)
    db.session.commit()
    stored = db.session.get(AuditEvent, event.id)
    assert (stored.actor_email, stored.action, stored.object_type, stored.object_id) == (
        user.email,
        "export.csv",
        "trust",
        str(trust.id),
    )
    assert stored.detail == {"rows": 12}
    assert stored.at.tzinfo is not None


def test_application_refuses_to_change_or_delete_a_record(app):
    event = audit.record(None, "login.failure")
    db.session.commit()
    event.action = "nothing.happened"
    with pytest.raises(AuditLogImmutable):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditLogImmutable):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(AuditEvent, event.id).action == "login.failure"


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_events SET action = 'edited'", "DELETE FROM audit_events"],
)
def test_database_refuses_to_change_or_delete_a_record(app, statement):
    audit.record(None, "login.failure")
    db.session.commit()
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text(statement))
    db.session.rollback()
    assert db.session.scalar(text("SELECT action FROM audit_events")) == "login.failure"


def test_postgresql_refuses_to_truncate_the_log(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its triggers refuse UPDATE and DELETE")
    audit.record(None, "login.failure")
    db.session.commit()
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text("TRUNCATE audit_events"))
    db.session.rollback()
    assert db.session.scalar(text("SELECT count(*) FROM audit_events")) == 1
