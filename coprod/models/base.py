"""Shared column helpers for models."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, DateTime, Integer
from sqlalchemy.types import TypeDecorator

# Ids of rows made from a response (the response, its answers, their codings, its
# safeguarding item and alerts) are random, so their order says nothing of the order
# in which people answered. 64-bit on PostgreSQL; SQLite's INTEGER is 64-bit already and
# must stay INTEGER to remain the row id.
RandomId = BigInteger().with_variant(Integer(), "sqlite")

# Random ids start above every id a sequence could have given before they were random.
RANDOM_ID_FLOOR = 2**32


def random_id() -> int:
    """Return a random positive id that fits a signed 64-bit column."""
    return RANDOM_ID_FLOOR + secrets.randbelow(2**63 - RANDOM_ID_FLOOR)


def utcnow() -> datetime:
    """Return the current time in UTC, timezone-aware."""
    return datetime.now(UTC)


# The service's own clock: weeks begin on a Monday where the wards are.
LOCAL_ZONE = ZoneInfo("Europe/London")


def local_today() -> date:
    """Return today's date in Europe/London (after midnight there, not after midnight UTC)."""
    return utcnow().astimezone(LOCAL_ZONE).date()


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no zone, so values are normalised on the way in and out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                value = value.replace(tzinfo=UTC)
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value
