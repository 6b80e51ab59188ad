"""The alert outbox: messages written with what they announce, delivered after the commit,
retried with backoff until they go, and never sent twice.

Each message is claimed in its own committed update before it is sent, so two processes
delivering at once never both send it. A process that dies between claiming and marking a
message sent leaves it claimed; it is offered again after CLAIM_MINUTES, with the same
Message-ID, so a mail system that saw it already can drop the copy.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from coprod.extensions import db
from coprod.models import Alert, Role, SafeguardingItem, Trust, User
from coprod.models.base import utcnow
from coprod.models.safeguarding import this_hour

logger = logging.getLogger(__name__)

CLAIM_MINUTES = 15
BATCH_SECONDS = 300  # stop claiming after this long in one round: well inside CLAIM_MINUTES
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
    limit: int = 200,
    deadline_seconds: float = BATCH_SECONDS,
    stop_on_failure: bool = False,
) -> Delivery:
    """Send alerts that are due through the sender of their channel; commits as it goes.

    Alerts whose channel has no sender (e-mail not set up) stay waiting. No alert is claimed
    once deadline_seconds have passed, well inside CLAIM_MINUTES, so a slow round never
    outlives its claims; stop_on_failure ends the round at the first failure (a server that
    refuses one alert will refuse the rest).
    """
    started = time.monotonic()
    db.session.execute(
        update(Alert)
        .where(
            Alert.status == "sending",
            Alert.claimed_at < utcnow() - timedelta(minutes=CLAIM_MINUTES),
        )
        .values(status="pending", claim=None, claimed_at=None)
    )
    db.session.commit()
    channels = list(senders)
    due = list(
        db.session.scalars(
            select(Alert.id)
            .where(
                Alert.status == "pending",
                Alert.next_attempt_at <= utcnow(),
                Alert.channel.in_(channels),
            )
            .order_by(Alert.next_attempt_at, Alert.id)
            .limit(limit)
        )
    )
    sent = failed = 0
    for alert_id in due:
        if time.monotonic() - started > deadline_seconds:
            break
        claim = _claim(alert_id)
        if claim is None:
            continue  # another process has it
        alert = db.session.get(Alert, alert_id)
        if not _still_wanted(alert):
            _finish(alert_id, claim, status="cancelled")
            continue
        try:
            senders[alert.channel](alert, base_url)
        except Exception as exc:  # any failure of the far end: keep it and try again later
            db.session.rollback()
            attempts = alert.attempts + 1
            _finish(
                alert_id,
                claim,
                status="pending",
                attempts=attempts,
                next_attempt_at=utcnow() + backoff(attempts),
                last_error=f"{type(exc).__name__}: {exc}"[:300],
            )
            logger.warning("an alert was not delivered (try %s): %s", attempts, exc)
            failed += 1
            if stop_on_failure:
                break
            continue
        hour = this_hour()
        _finish(
            alert_id,
            claim,
            status="sent",
            attempts=alert.attempts + 1,
            sent_at=hour,
            next_attempt_at=hour,
            last_error="",
        )
        sent += 1
    waiting = backlog()
    if waiting and not senders:
        logger.info("%s alert(s) wait in the outbox: e-mail is not set up (MAIL_SERVER)", waiting)
    return Delivery(sent, failed, waiting)


def _claim(alert_id: int) -> str | None:
    """Mark an alert as being sent, in its own commit; None if another process has it."""
    claim = secrets.token_hex(16)
    result = db.session.execute(
        update(Alert)
        .where(Alert.id == alert_id, Alert.status == "pending")
        .values(status="sending", claim=claim, claimed_at=utcnow())
    )
    db.session.commit()
    return claim if result.rowcount == 1 else None


def _finish(alert_id: int, claim: str, **values) -> None:
    """Record how a claimed alert went, only if this process still holds its claim."""
    db.session.execute(
        update(Alert)
        .where(Alert.id == alert_id, Alert.claim == claim)
        .values(claim=None, claimed_at=None, **values)
    )
    db.session.commit()


def _still_wanted(alert: Alert) -> bool:
    """Say whether an e-mail's recipient is still an enabled safeguarding lead of its trust."""
    if alert.channel != "email" or alert.trust_id is None:
        return True
    return (
        db.session.scalar(
            select(User.id).where(
                User.email == alert.recipient,
                User.role == Role.SAFEGUARDING,
                User.is_enabled.is_(True),
                User.trusts.any(id=alert.trust_id),
            )
        )
        is not None
    )


WAITING = ("pending", "sending")


def backlog() -> int:
    """Return how many alerts are waiting to be delivered."""
    return db.session.scalar(
        select(db.func.count()).select_from(Alert).where(Alert.status.in_(WAITING))
    )


def delayed(hours: int = 2) -> bool:
    """Say whether any alert has waited longer than hours (for the health check, which must
    not reveal when a disclosure was just made)."""
    cutoff = this_hour() - timedelta(hours=hours)
    return (
        db.session.scalar(
            select(Alert.id).where(Alert.status.in_(WAITING), Alert.created_at <= cutoff).limit(1)
        )
        is not None
    )
