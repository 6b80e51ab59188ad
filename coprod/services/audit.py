"""Write and read the append-only audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from coprod.extensions import db
from coprod.models import AuditEvent, User


def record(
    actor: User | None,
    action: str,
    obj: Any = None,
    *,
    trust_id: int | None = None,
    actor_email: str | None = None,
    **detail: Any,
) -> AuditEvent:
    """Add an audit record of an action to the session; the caller commits it."""
    object_type = ""
    object_id = ""
    if obj is not None:
        object_type = type(obj).__name__.lower()
        object_id = str(getattr(obj, "id", "") or "")
    if isinstance(obj, User):
        # A record about an account names every trust the account belongs to, so that it is
        # shown only to readers who may see all of them: an admin of one of two trusts must
        # not learn what happened to the account in the other.
        detail.setdefault("account_trusts", sorted(trust.code for trust in obj.trusts))
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        actor_email=actor_email if actor_email is not None else (actor.email if actor else ""),
        action=action,
        object_type=object_type,
        object_id=object_id,
        trust_id=trust_id,
        detail=detail,
    )
    db.session.add(event)
    return event


def events_visible_to(user: User) -> Select[tuple[AuditEvent]]:
    """Return a query for the audit records an admin may read: their trusts, and their own."""
    trust_ids = user.trust_ids
    # Records without a trust (sign-ins, account changes) are shown when the actor
    # or the account acted on shares a trust with the reader.
    visible_user_ids = select(User.id).where(User.trusts.any(_trust_in(trust_ids)))
    return (
        select(AuditEvent)
        .where(
            AuditEvent.trust_id.in_(trust_ids)
            | (
                AuditEvent.trust_id.is_(None)
                & (
                    AuditEvent.actor_id.in_(visible_user_ids)
                    | (
                        (AuditEvent.object_type == "user")
                        & AuditEvent.object_id.in_(
                            select(db.cast(User.id, db.String)).where(
                                User.trusts.any(_trust_in(trust_ids))
                            )
                        )
                    )
                )
            )
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )


def _trust_in(trust_ids: set[int]):
    from coprod.models import Trust

    return Trust.id.in_(trust_ids)


def named_trusts(event: AuditEvent) -> set[str]:
    """Return the trust codes an audit record names in its details (account changes)."""
    detail = event.detail or {}
    named: set[str] = set(detail.get("trusts") or []) | set(detail.get("account_trusts") or [])
    for key in ("before", "after"):
        part = detail.get(key)
        if isinstance(part, dict):
            named |= set(part.get("trusts") or [])
        elif key in ("before", "after") and isinstance(part, list):
            named |= {p for p in part if isinstance(p, str)}
    return named


def readable_by(user: User, event: AuditEvent) -> bool:
    """Say whether a reader may see a record: it names no trust they cannot see."""
    codes = {trust.code for trust in user.trusts}
    return named_trusts(event) <= codes
