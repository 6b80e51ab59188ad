"""The thank-you page after a Send: shown only to the browser that sent, and only briefly.

The page says whether the answers were flagged ("Thank you for telling us"), so it must
never be shown to the next person on a shared tablet, or to anyone holding the address.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from coprod.extensions import db
from coprod.models import EndPage, Response
from coprod.models.base import utcnow

MINUTES = 5


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def create(response: Response, token: str, *, flagged: bool) -> str:
    """Record an end page for a sent response; return the key for the sender's session.

    The caller commits.
    """
    key = secrets.token_urlsafe(32)
    db.session.add(
        EndPage(
            key_hash=_hash(key),
            token_hash=_hash(token),
            ward_id=response.ward_id,
            survey_version_id=response.survey_version_id,
            flagged=flagged,
            mode=response.mode,
            expires_at=utcnow() + timedelta(minutes=MINUTES),
        )
    )
    return key


def find(key: str | None, token: str) -> EndPage | None:
    """Return the end page of this session's key for this token, if it has not expired."""
    if not key or not token or len(key) > 100 or len(token) > 64:
        return None
    page = db.session.scalar(
        select(EndPage).where(EndPage.key_hash == _hash(key), EndPage.token_hash == _hash(token))
    )
    if page is None or page.expires_at <= utcnow():
        return None
    return page


def forget(key: str | None) -> None:
    """Delete the end page of this session's key, as the next person starts; caller commits."""
    if key:
        db.session.execute(delete(EndPage).where(EndPage.key_hash == _hash(key)))


def purge_expired() -> int:
    """Delete expired end pages; return how many. The caller commits."""
    result = db.session.execute(delete(EndPage).where(EndPage.expires_at <= utcnow()))
    return result.rowcount or 0
