"""Survey versions: the exact wording of each survey file that respondents have seen."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from coprod.extensions import db
from coprod.models.base import UTCDateTime, utcnow


class SurveyVersion(db.Model):
    """One version of a survey, identified by the hash of its parsed content.

    A stored answer points at a version, so it always refers to the wording the
    respondent saw even after the file is edited.
    """

    __tablename__ = "survey_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[str] = mapped_column(String(80), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(String(20))
    variant: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(20))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_file: Mapped[str] = mapped_column(String(200), default="")
    first_loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
