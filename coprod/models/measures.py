"""Improvement work on a ward's measures: change ideas with their PDSA notes, and aims.

An aim belongs to a measure by a plain key rather than a foreign key, so that series of
other kinds (imported from other systems) can have aims too: see
coprod/services/dashboards/improvement.py for how a key is read.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.extensions import db
from coprod.models.base import UTCDateTime, utcnow
from coprod.models.org import Ward
from coprod.models.people import User

PDSA_STAGES = {"plan": "Plan", "do": "Do", "study": "Study", "act": "Act"}
AIM_KINDS = ("relative", "absolute")


class ChangeIdea(db.Model):
    """Something a ward team tried in order to improve, from the date they started it."""

    __tablename__ = "change_ideas"
    __table_args__ = (
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    # The limits start afresh from this date: the change is expected to move the process.
    new_limits: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    ward: Mapped[Ward] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    notes: Mapped[list[PdsaNote]] = relationship(
        back_populates="change_idea",
        order_by="(PdsaNote.noted_on, PdsaNote.id)",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    def __repr__(self) -> str:
        return f"<ChangeIdea {self.id} {self.title!r}>"


class PdsaNote(db.Model):
    """A note of one stage of a Plan-Do-Study-Act cycle testing a change idea."""

    __tablename__ = "pdsa_notes"
    __table_args__ = (CheckConstraint("stage IN ('plan', 'do', 'study', 'act')", name="stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    change_idea_id: Mapped[int] = mapped_column(
        ForeignKey("change_ideas.id", ondelete="CASCADE"), index=True
    )
    noted_on: Mapped[date] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(String(2000))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    change_idea: Mapped[ChangeIdea] = relationship(back_populates="notes")
    by: Mapped[User | None] = relationship()

    @property
    def stage_label(self) -> str:
        """Return the stage's name as people write it."""
        return PDSA_STAGES.get(self.stage, self.stage)


class Aim(db.Model):
    """A ward's aim for one measure, against the mean of a baseline period."""

    __tablename__ = "aims"
    __table_args__ = (
        UniqueConstraint("ward_id", "measure_key"),
        CheckConstraint("kind IN ('relative', 'absolute')", name="kind"),
        CheckConstraint("baseline_to >= baseline_from", name="baseline_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id", ondelete="CASCADE"), index=True)
    # survey:<survey id>:<measure id>, or another kind of series: never a foreign key.
    measure_key: Mapped[str] = mapped_column(String(200))
    baseline_from: Mapped[date] = mapped_column(Date)
    baseline_to: Mapped[date] = mapped_column(Date)
    # relative: per cent better than the baseline mean; absolute: the value to reach.
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ward: Mapped[Ward] = relationship()
    set_by: Mapped[User | None] = relationship()
