"""Who was on a ward in a period, as the trust counts them, by the about-you categories."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.extensions import db
from coprod.models.base import UTCDateTime, utcnow
from coprod.models.org import Ward


class WardPopulation(db.Model):
    """How many people were patients on a ward in a period, entered or imported by the
    trust; entering the same period again replaces its counts."""

    __tablename__ = "ward_populations"
    __table_args__ = (
        UniqueConstraint("ward_id", "starts_on", "ends_on"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("total >= 0", name="total_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id", ondelete="CASCADE"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    total: Mapped[int] = mapped_column()
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ward: Mapped[Ward] = relationship()
    counts: Mapped[list[PopulationCount]] = relationship(
        back_populates="population", cascade="all, delete-orphan", order_by="PopulationCount.id"
    )

    def count(self, category: str, value: str) -> int:
        """Return how many people of the period were in this category's value (0 if none)."""
        return next(
            (c.count for c in self.counts if c.category == category and c.value == value), 0
        )


class PopulationCount(db.Model):
    """How many of a period's patients had one value of one category (age_band: age_18_24)."""

    __tablename__ = "population_counts"
    __table_args__ = (
        UniqueConstraint("population_id", "category", "value"),
        CheckConstraint("count >= 0", name="count_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    population_id: Mapped[int] = mapped_column(
        ForeignKey("ward_populations.id", ondelete="CASCADE")
    )
    category: Mapped[str] = mapped_column(String(50))
    value: Mapped[str] = mapped_column(String(50))
    count: Mapped[int] = mapped_column()

    population: Mapped[WardPopulation] = relationship(back_populates="counts")
