"""Survey versions: the exact wording of each survey file that respondents have seen."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coprod.extensions import db
from coprod.models.base import RandomId, UTCDateTime, random_id, utcnow
from coprod.models.org import Ward


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


class WardSurvey(db.Model):
    """A survey open (or closed) on a ward, with the short code of its personal link."""

    __tablename__ = "ward_surveys"
    __table_args__ = (UniqueConstraint("ward_id", "survey_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id"), index=True)
    survey_id: Mapped[str] = mapped_column(String(80))
    is_open: Mapped[bool] = mapped_column(default=True)
    link_code: Mapped[str] = mapped_column(String(16), unique=True)

    ward: Mapped[Ward] = relationship()


class Draft(db.Model):
    """Answers in progress, held on the server under an unguessable token.

    Deleted when the response is submitted, the person starts again, or it goes idle.
    """

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id"))
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"), index=True)
    # For personal links: a random value also kept in the person's session cookie.
    owner_key: Mapped[str | None] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(10))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Random, and never in a URL or a log: the response is stored under it, so a repeated
    # Send stores nothing new, and nothing that was ever in a URL can find the response.
    submission_key: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(32))
    # "Tell us more" after a one-tap answer: the sent response these answers are added to.
    adds_to_response_id: Mapped[int | None] = mapped_column(
        RandomId, ForeignKey("responses.id", ondelete="CASCADE")
    )

    ward: Mapped[Ward] = relationship()
    survey_version: Mapped[SurveyVersion] = relationship()


class EndPage(db.Model):
    """What the thank-you page after a Send needs, for the browser that sent it, briefly.

    Found by the hash of a random key kept in that browser's session together with the
    draft's token, so no other browser, and no address alone, shows that an answer was
    flagged, and nothing in the row can be matched to an access log. Deleted when the next
    person starts, and once expired.
    """

    __tablename__ = "end_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id", ondelete="CASCADE"))
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"))
    flagged: Mapped[bool] = mapped_column(default=False)
    mode: Mapped[str] = mapped_column(String(10))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    ward: Mapped[Ward] = relationship()
    survey_version: Mapped[SurveyVersion] = relationship()


class Response(db.Model):
    """A submitted survey response: what was answered, where, and the week; nothing more.

    No IP address, browser, device or exact time is kept. submission_key, the draft's
    random key, makes a repeated submission of the same draft store nothing new.
    """

    __tablename__ = "responses"
    # The dashboards count a survey's responses by week and ward from this index alone.
    __table_args__ = (
        Index("ix_responses_version_week_ward", "survey_version_id", "week", "ward_id"),
    )

    # Random, like the ids of everything made from it, so ids keep no order of answering.
    id: Mapped[int] = mapped_column(
        RandomId, primary_key=True, autoincrement=False, default=random_id
    )
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id"), index=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"), index=True)
    audience: Mapped[str] = mapped_column(String(20))
    variant: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str] = mapped_column(String(10))
    helped: Mapped[bool | None] = mapped_column()
    week: Mapped[date] = mapped_column(Date, index=True)

    ward: Mapped[Ward] = relationship()
    survey_version: Mapped[SurveyVersion] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="Answer.id"
    )


class Answer(db.Model):
    """One answer to one question; a multiple-choice answer is one row per choice."""

    __tablename__ = "answers"

    # The dashboards read a question's choices per response from this index alone.
    __table_args__ = (
        Index("ix_answers_response_question_choice", "response_id", "question_id", "choice"),
    )

    id: Mapped[int] = mapped_column(
        RandomId, primary_key=True, autoincrement=False, default=random_id
    )
    response_id: Mapped[int] = mapped_column(
        RandomId, ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(50))
    choice: Mapped[str | None] = mapped_column(String(50))
    text: Mapped[str | None] = mapped_column(Text)

    response: Mapped[Response] = relationship(back_populates="answers")


class SentDraft(db.Model):
    """That a person sent the draft with a token, for a few minutes: so a second Send whose
    first reply never arrived (a double tap, a dropped connection) is told the answers were
    sent, not that nothing was. Found by the hash of the token with a secret only the
    sender's session holds, and written after the response's own transaction, it holds
    nothing of the response: not which one, not the ward, not the survey.
    """

    __tablename__ = "sent_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
