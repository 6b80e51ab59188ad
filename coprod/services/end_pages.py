"""The thank-you page after a Send: shown only to the browser that sent, and only briefly.

The page says whether the answers were flagged ("Thank you for telling us"), so it must
never be shown to the next person on a shared tablet, or to anyone holding the address.

A row is found by the hash of a random key kept in the sender's session together with the
draft's token, so it holds nothing that can be worked out from an address or an access
log. Its expiry is rounded up to a whole number of minutes past a five-minute mark, so it
does not give the moment of sending either.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from coprod.extensions import db
from coprod.models import EndPage, Response
from coprod.models.base import utcnow
from coprod.models.surveys import SentDraft

MINUTES = 5  # the page is shown for at least this long, and for less than twice it
SENT_MINUTES = MINUTES  # how long a repeated Send is told that the answers were sent


def _hash(key: str, token: str) -> str:
    return hashlib.sha256(f"{key}:{token}".encode()).hexdigest()


def _expiry(now: datetime, minutes: int = MINUTES) -> datetime:
    """Return a time between minutes and minutes plus MINUTES from now, on a MINUTES mark."""
    step = MINUTES * 60
    later = now + timedelta(minutes=minutes)
    seconds = later.minute * 60 + later.second + later.microsecond / 1e6
    rounded = later.replace(minute=0, second=0, microsecond=0)
    return rounded + timedelta(seconds=(int(seconds // step) + 1) * step)


def create(response: Response, token: str, *, flagged: bool) -> str:
    """Record an end page for a sent response; return the value for the sender's session.

    The caller commits.
    """
    key = secrets.token_urlsafe(32)
    db.session.add(
        EndPage(
            key_hash=_hash(key, token),
            ward_id=response.ward_id,
            survey_version_id=response.survey_version_id,
            flagged=flagged,
            mode=response.mode,
            expires_at=_expiry(utcnow()),
        )
    )
    return f"{key}:{token}"


def _parts(value: str | None) -> tuple[str, str] | None:
    if not value or len(value) > 200 or value.count(":") != 1:
        return None
    key, token = value.split(":")
    return (key, token) if key and token else None


def find(value: str | None, token: str) -> EndPage | None:
    """Return the end page this session holds for this token, if it has not expired."""
    parts = _parts(value)
    if parts is None or parts[1] != token:
        return None
    page = db.session.scalar(select(EndPage).where(EndPage.key_hash == _hash(*parts)))
    if page is None or page.expires_at <= utcnow():
        return None
    return page


def forget(value: str | None) -> None:
    """Delete the end page this session holds, as the next person starts; caller commits."""
    parts = _parts(value)
    if parts is not None:
        db.session.execute(delete(EndPage).where(EndPage.key_hash == _hash(*parts)))


def purge_expired() -> int:
    """Delete expired end pages and notes of sent drafts; return how many. The caller commits."""
    now = utcnow()
    pages = db.session.execute(delete(EndPage).where(EndPage.expires_at <= now)).rowcount
    sent = db.session.execute(delete(SentDraft).where(SentDraft.expires_at <= now)).rowcount
    return (pages or 0) + (sent or 0)


def _sent_hash(token: str, sender: str) -> str:
    return hashlib.sha256(f"sent:{token}:{sender}".encode()).hexdigest()


def mark_sent(token: str, sender: str) -> None:
    """Note, for a while, that this browser sent the draft with this token. sender is a
    secret only that browser's session holds, new for each person who starts there, so the
    note can be found by that person alone, and by nothing in an address or the database.
    The caller commits, after the response's own transaction and never in it."""
    db.session.add(
        SentDraft(token_hash=_sent_hash(token, sender), expires_at=_expiry(utcnow(), SENT_MINUTES))
    )


def was_sent(token: str, sender: str | None) -> bool:
    """Say whether this browser sent the draft with this token a little while ago."""
    if not sender:
        return False
    expires_at = db.session.scalar(
        select(SentDraft.expires_at).where(SentDraft.token_hash == _sent_hash(token, sender))
    )
    return expires_at is not None and expires_at > utcnow()
