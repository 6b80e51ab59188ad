"""The alert outbox: messages written with what they announce, delivered after the commit,
retried with backoff until they go, and never sent twice.

Each message is claimed in its own committed update before it is sent, so two processes
delivering at once never both send it. A process that dies between claiming and marking a
message sent leaves it claimed; it is offered again after CLAIM_MINUTES, with the same
Message-ID, so a mail system that saw it already can drop the copy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from coprod.extensions import db
from coprod.models import Alert, Role, SafeguardingItem, Trust, User
from coprod.models.base import utcnow

logger = logging.getLogger(__name__)

CLAIM_MINUTES = 15
MAX_BACKOFF_MINUTES = 60
# A sender delivers one alert to its channel, given the service's base address, or raises.
Sender = Callable[[Alert, str], None]


def leads_of(trust: Trust) -> list[User]:
    """Return the enabled safeguarding leads of a trust."""
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.role == Role.SAFEGUARDING,
                User.is_enabled.is_(True),
                User.trusts.any(id=trust.id),
            )
            .order_by(User.id)
        )
    )


def queue_new_item(item: SafeguardingItem, trust: Trust) -> list[int]:
    """Queue an e-mail to each safeguarding lead of the trust saying a new item waits.

    It says nothing of what was answered. Returns the new alerts' ids; the caller commits.
    """
    leads = leads_of(trust)
    if not leads:
        logger.warning(
            "safeguarding item %s in trust %s has no safeguarding lead to alert",
            item.id,
            trust.code,
        )
    new = [
        Alert(
            key=f"item-{item.id}-new-email-{lead.id}",
            channel="email",
            recipient=lead.email,
            trust_id=trust.id,
            item_id=item.id,
            subject="A new safeguarding item is waiting in coprod",
            body=(
                f"A new item is waiting in the safeguarding queue for {trust.name}.\n\n"
                "This message holds no answers. Sign in to read it and record what you do."
            ),
            link=f"/safeguarding/{item.id}",
        )
        for lead in leads
    ]
    db.session.add_all(new)
    db.session.flush()
    return [alert.id for alert in new]


@dataclass(frozen=True)
class Delivery:
    """What one round of delivery did."""

    sent: int = 0
    failed: int = 0
    waiting: int = 0


def backoff(attempts: int) -> timedelta:
    """Return how long to wait before the next try: 1, 2, 4 ... minutes, at most an hour."""
    return timedelta(minutes=min(MAX_BACKOFF_MINUTES, 2 ** max(0, attempts - 1)))


def deliver(
    senders: Mapping[str, Sender],
    base_url: str,
    *,
    ids: Iterable[int] | None = None,
    now: datetime | None = None,
    limit: int = 200,
) -> Delivery:
    """Send alerts that are due through the sender of their channel; commits as it goes.

    Alerts whose channel has no sender (e-mail not set up) stay waiting.
    """
    now = now or utcnow()
    db.session.execute(
        update(Alert)
        .where(Alert.status == "sending", Alert.claimed_at < now - timedelta(minutes=CLAIM_MINUTES))
        .values(status="pending")
    )
    db.session.commit()
    query = select(Alert.id).where(Alert.status == "pending", Alert.next_attempt_at <= now)
    if ids is not None:
        query = query.where(Alert.id.in_(list(ids)))
    due = list(db.session.scalars(query.order_by(Alert.id).limit(limit)))
    sent = failed = 0
    for alert_id in due:
        alert = db.session.get(Alert, alert_id)
        sender = senders.get(alert.channel) if alert else None
        if sender is None or not _claim(alert_id, now):
            continue
        alert = db.session.get(Alert, alert_id)
        try:
            sender(alert, base_url)
        except Exception as exc:  # any failure of the far end: keep it and try again later
            db.session.rollback()
            alert = db.session.get(Alert, alert_id)
            alert.attempts += 1
            alert.status = "pending"
            alert.next_attempt_at = now + backoff(alert.attempts)
            alert.last_error = f"{type(exc).__name__}: {exc}"[:300]
            db.session.commit()
            logger.warning("alert %s not delivered (try %s): %s", alert_id, alert.attempts, exc)
            failed += 1
            continue
        alert.status = "sent"
        alert.sent_at = now
        alert.attempts += 1
        db.session.commit()
        sent += 1
    waiting = backlog()
    if waiting and not senders:
        logger.info("%s alert(s) wait in the outbox: e-mail is not set up (MAIL_SERVER)", waiting)
    return Delivery(sent, failed, waiting)


def _claim(alert_id: int, now: datetime) -> bool:
    """Mark an alert as being sent, in its own commit; False if another process has it."""
    result = db.session.execute(
        update(Alert)
        .where(Alert.id == alert_id, Alert.status == "pending")
        .values(status="sending", claimed_at=now)
    )
    db.session.commit()
    return result.rowcount == 1


def backlog() -> int:
    """Return how many alerts are waiting to be delivered."""
    return db.session.scalar(
        select(db.func.count()).select_from(Alert).where(Alert.status != "sent")
    )
