"""Theme codes of free-text answers, and facilitators' corrections of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.extensions import db
from coprod.models.base import RandomId, UTCDateTime, random_id, utcnow

SOURCE_ANSWER = "answer"


class TextCoding(db.Model):
    """How one piece of free text was coded, and by which codebook and model.

    Keyed by source and id so that Slack feedback can be coded alongside survey answers.
    No time is stored: coding soon after submission would date the response exactly.
    """

    __tablename__ = "text_codings"
    __table_args__ = (UniqueConstraint("source", "source_id"),)

    id: Mapped[int] = mapped_column(
        RandomId, primary_key=True, autoincrement=False, default=random_id
    )
    source: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(RandomId)
    text_hash: Mapped[str] = mapped_column(String(64))
    engine_version: Mapped[str] = mapped_column(String(80), index=True)
    sentiment: Mapped[str] = mapped_column(String(10))
    score: Mapped[float] = mapped_column(Float)
    problem: Mapped[str | None] = mapped_column(String(20))

    codes: Mapped[list[ThemeCode]] = relationship(
        back_populates="coding", cascade="all, delete-orphan", order_by="ThemeCode.theme"
    )


class ThemeCode(db.Model):
    """One theme found in a piece of text, with confidence and that theme's sentiment."""

    __tablename__ = "theme_codes"
    __table_args__ = (UniqueConstraint("coding_id", "theme"),)

    id: Mapped[int] = mapped_column(
        RandomId, primary_key=True, autoincrement=False, default=random_id
    )
    coding_id: Mapped[int] = mapped_column(
        RandomId, ForeignKey("text_codings.id", ondelete="CASCADE"), index=True
    )
    theme: Mapped[str] = mapped_column(String(40), index=True)
    confidence: Mapped[float] = mapped_column(Float)
    sentiment: Mapped[str] = mapped_column(String(10))
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)

    coding: Mapped[TextCoding] = relationship(back_populates="codes")


class ThemeCorrection(db.Model):
    """A facilitator saying a theme does or does not apply to a piece of text.

    Corrections outlive recoding: they are applied over every new coding and become
    training examples for the next model.
    """

    __tablename__ = "theme_corrections"
    __table_args__ = (UniqueConstraint("source", "source_id", "theme"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(RandomId)
    theme: Mapped[str] = mapped_column(String(40))
    applies: Mapped[bool] = mapped_column(Boolean)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
