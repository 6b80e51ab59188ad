"""The organisation structure: NHS trusts, their sites and their wards."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.extensions import db
from coprod.models.base import UTCDateTime, utcnow


class WardType(enum.Enum):
    """The kinds of inpatient ward the programme covers."""

    ACUTE_ADULT = "acute_adult"
    PICU = "picu"
    FORENSIC_SECURE = "forensic_secure"
    LD_AUTISM = "ld_autism"
    OLDER_ADULT = "older_adult"
    CAMHS = "camhs"

    @property
    def label(self) -> str:
        """Return the name people use for this kind of ward."""
        return WARD_TYPE_LABELS[self]


WARD_TYPE_LABELS = {
    WardType.ACUTE_ADULT: "Acute adult",
    WardType.PICU: "Psychiatric intensive care (PICU)",
    WardType.FORENSIC_SECURE: "Forensic or secure",
    WardType.LD_AUTISM: "Learning disability and autism",
    WardType.OLDER_ADULT: "Older adult",
    WardType.CAMHS: "Children and young people (CAMHS)",
}


def _enum_values(enum_cls):
    return [member.value for member in enum_cls]


# Which free-text answers enter the safeguarding queue "to read" even when nothing flags them.
READ_FREE_TEXT = {
    "sexual_safety": "Every free-text answer to a sexual-safety survey",
    "all": "Every free-text answer to any survey",
    "flagged": "Only answers the screen or a structured answer flags",
}


class Trust(db.Model):
    """An NHS trust (or other provider) taking part in a safety network."""

    __tablename__ = "trusts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # The trust's own places to get help, shown at the end of patients' and of staff
    # surveys before the national ones (coprod/services/signposting.py); None for none.
    support_contacts: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    staff_contacts: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    # Which free-text answers a safeguarding lead reads, flagged or not: see READ_FREE_TEXT.
    read_free_text: Mapped[str] = mapped_column(
        String(20), default="sexual_safety", server_default="sexual_safety"
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sites: Mapped[list[Site]] = relationship(
        back_populates="trust", order_by="Site.name", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Trust {self.code}>"


class Site(db.Model):
    """A hospital or unit belonging to one trust."""

    __tablename__ = "sites"
    __table_args__ = (UniqueConstraint("trust_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trust_id: Mapped[int] = mapped_column(ForeignKey("trusts.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    trust: Mapped[Trust] = relationship(back_populates="sites")
    wards: Mapped[list[Ward]] = relationship(
        back_populates="site", order_by="Ward.name", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Site {self.name}>"


class Ward(db.Model):
    """An inpatient ward on a site; surveys and tablets belong to wards."""

    __tablename__ = "wards"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    ward_type: Mapped[WardType] = mapped_column(
        Enum(
            WardType,
            name="ward_type",
            values_callable=_enum_values,
            native_enum=False,
            length=30,
            validate_strings=True,
        )
    )
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    site: Mapped[Site] = relationship(back_populates="wards")

    @property
    def trust_id(self) -> int:
        """Return the id of the trust this ward belongs to."""
        return self.site.trust_id

    def __repr__(self) -> str:
        return f"<Ward {self.code}>"


class Device(db.Model):
    """A shared ward tablet, enrolled to one ward by a one-time link.

    Only hashes of the enrolment code and of the tablet's secret are stored, so a
    copy of the database cannot be used to pose as a tablet.
    """

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    enrol_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrol_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    secret_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ward: Mapped[Ward] = relationship()

    @property
    def status(self) -> str:
        """Return revoked, active or waiting (for its enrolment link to be opened)."""
        if self.revoked_at is not None:
            return "revoked"
        return "active" if self.secret_hash else "waiting"
