"""The safeguarding queue: items for safeguarding leads, what they did, and the alert outbox."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.extensions import db
from coprod.models.base import RandomId, UTCDateTime, random_id, utcnow
from coprod.models.surveys import Response


def this_hour() -> datetime:
    """Return the current time rounded down to the hour: as finely as an item is dated."""
    return utcnow().replace(minute=0, second=0, microsecond=0)


# Where an item is in its review.
STATES = ("new", "in_review", "closed")


class SafeguardingItem(db.Model):
    """A response a safeguarding lead must read: flagged by the screen or a structured answer,
    or (where the trust reads every free-text answer) one with free text to read.

    No exact time is kept with a response, so an open item keeps only the hour it was raised,
    to tell when it is overdue; both are cleared when it is closed.
    """

    __tablename__ = "safeguarding_items"

    id: Mapped[int] = mapped_column(
        RandomId, primary_key=True, autoincrement=False, default=random_id
    )
    response_id: Mapped[int] = mapped_column(RandomId, ForeignKey("responses.id"), unique=True)
    trust_id: Mapped[int] = mapped_column(ForeignKey("trusts.id"), index=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id"), index=True)
    # True when the screen or a structured answer raised it; False for "to read" items.
    flagged: Mapped[bool] = mapped_column(default=True)
    concerns: Mapped[list[str]] = mapped_column(JSON, default=list)
    # What raised it: screen rule names, and structured answers as "question=value".
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default="new", index=True)
    outcome: Mapped[str | None] = mapped_column(String(30))
    reference: Mapped[str | None] = mapped_column(String(60))
    week: Mapped[date] = mapped_column(Date, index=True)
    raised_hour: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Two leads acting at once: the second is told the item changed, rather than mixing both.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    response: Mapped[Response] = relationship()
    actions: Mapped[list[SafeguardingAction]] = relationship(
        back_populates="item", order_by="SafeguardingAction.id", cascade="all, delete-orphan"
    )


class SafeguardingAction(db.Model):
    """One thing a safeguarding lead did to an item, with their note; shown only in the queue."""

    __tablename__ = "safeguarding_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        RandomId, ForeignKey("safeguarding_items.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_email: Mapped[str] = mapped_column(String(254), default="")
    action: Mapped[str] = mapped_column(String(30))
    state: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(30))
    reference: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[SafeguardingItem] = relationship(back_populates="actions")


class Alert(db.Model):
    """A message waiting to be delivered (e-mail now, Slack later), written in the same
    transaction as what it announces, so it is never lost; `key` makes it never doubled.

    It carries no free text or answers: only that something is waiting, and where.
    """

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(
        RandomId, primary_key=True, autoincrement=False, default=random_id
    )
    key: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(254))
    trust_id: Mapped[int | None] = mapped_column(ForeignKey("trusts.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(
        RandomId, ForeignKey("safeguarding_items.id", ondelete="SET NULL"), index=True
    )
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # A path on the service, made a full link with the base address when sent.
    link: Mapped[str] = mapped_column(String(300), default="")
    # pending, sending (claimed by one process), sent, or cancelled (recipient no longer a lead)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=lambda: this_hour())
    # A random value written by the process that claims the alert, so only it marks it sent.
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    # Hours only, and the exact times of trying are cleared once sent: an alert is written
    # with a response, so its times must not date the response more finely than its item.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=lambda: this_hour())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
