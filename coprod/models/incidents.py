"""Measures from other systems: incident counts (restraints, seclusions, ...) per ward and
week, imported from a file and charted beside the survey measures."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.extensions import db
from coprod.models.base import UTCDateTime, utcnow
from coprod.models.org import Trust, Ward
from coprod.models.people import User

# What a series counts, with the words people use for it.
KINDS = {
    "restraint": "Restraint",
    "seclusion": "Seclusion",
    "rapid_tranquillisation": "Rapid tranquillisation",
    "sexual_safety_incident": "Sexual safety incident",
    "other": "Other",
}
# Which way is better; fewer incidents, as a rule.
DIRECTIONS = {
    "decrease": "Lower is better",
    "increase": "Higher is better",
    "neutral": "Neither: no direction is better",
}


class IncidentSeries(db.Model):
    """A named series of one trust, such as its wards' restraints week by week."""

    __tablename__ = "incident_series"
    __table_args__ = (UniqueConstraint("trust_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trust_id: Mapped[int] = mapped_column(ForeignKey("trusts.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30))
    improvement: Mapped[str] = mapped_column(String(10), default="decrease")
    # Where the figures come from, such as the trust's incident reporting system.
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    trust: Mapped[Trust] = relationship()
    created_by: Mapped[User | None] = relationship()
    values: Mapped[list[IncidentValue]] = relationship(
        back_populates="series", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def kind_label(self) -> str:
        """Return what the series counts, in words."""
        return KINDS.get(self.kind, self.kind)

    @property
    def direction_label(self) -> str:
        """Return which way is better, in words."""
        return DIRECTIONS.get(self.improvement, self.improvement)


class IncidentValue(db.Model):
    """A series' figure for one ward in one week (the week's Monday): the days added up."""

    __tablename__ = "incident_values"
    __table_args__ = (
        UniqueConstraint("series_id", "ward_id", "week"),
        CheckConstraint("value >= 0", name="value_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("incident_series.id", ondelete="CASCADE"))
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id", ondelete="CASCADE"), index=True)
    week: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)

    series: Mapped[IncidentSeries] = relationship(back_populates="values")
    ward: Mapped[Ward] = relationship()
