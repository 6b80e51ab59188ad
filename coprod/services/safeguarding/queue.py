"""The safeguarding leads' queue: what waits, what is overdue, and each change of state.

Every change is recorded twice: as an action on the item, with the lead's note, shown only
in the queue; and in the audit log, without the note, so admins can see who acted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, String, cast, select
from sqlalchemy.orm import selectinload

from coprod.extensions import db
from coprod.models import Response, SafeguardingAction, SafeguardingItem, User, Ward
from coprod.models.base import utcnow
from coprod.screening import Concern
from coprod.services import audit

OUTCOMES = {
    "incident": "Raised as an incident",
    "ward_manager": "Shared with the ward manager",
    "safeguarding_referral": "Referred to the safeguarding team or local authority",
    "care_team": "Passed to the person's care team",
    "no_action": "No action needed",
    "nothing_of_concern": "Read, nothing of concern",
}
STATE_LABELS = {"new": "New", "in_review": "In review", "closed": "Closed"}
ACTIONS = {
    "review": "Started the review",
    "note": "Added a note",
    "close": "Closed",
    "reopen": "Reopened",
    "bulk_read": "Read, nothing of concern",
}
MAX_NOTE = 2000
MAX_REFERENCE = 60
PAGE_SIZE = 50


class QueueError(ValueError):
    """A change to an item was refused; the message says why and nothing was changed."""


def due_at(item: SafeguardingItem, hours: Mapping[str, int]) -> datetime | None:
    """Return when a new item becomes overdue; None once a lead has taken it into review."""
    if item.state != "new" or item.raised_hour is None:
        return None
    kinds = item.concerns or ["other"]
    limit = min(hours.get(kind, hours.get("other", 24)) for kind in kinds)
    return item.raised_hour + timedelta(hours=limit)


def is_overdue(item: SafeguardingItem, hours: Mapping[str, int], now: datetime) -> bool:
    """Say whether an item is still waiting past its time."""
    due = due_at(item, hours)
    return due is not None and due <= now


@dataclass(frozen=True)
class Filters:
    """What the queue is narrowed to; None means any."""

    state: str | None = "open"  # "open" is new or in review
    ward_id: int | None = None
    concern: str | None = None
    kind: str | None = None  # "flagged" or "to_read"


def _scoped(user: User) -> Select[tuple[SafeguardingItem]]:
    return select(SafeguardingItem).where(SafeguardingItem.trust_id.in_(user.trust_ids))


@dataclass(frozen=True)
class Page:
    """One page of the queue."""

    items: list[SafeguardingItem]
    number: int
    has_next: bool


def items_for(
    user: User,
    filters: Filters,
    hours: Mapping[str, int],
    now: datetime | None = None,
    page: int = 1,
) -> Page:
    """Return a page of the lead's items that match: open ones most urgent first (flagged,
    then overdue, then by when they are due), closed ones newest first."""
    now = now or utcnow()
    query = _scoped(user).options(
        selectinload(SafeguardingItem.response).selectinload(Response.survey_version)
    )
    if filters.state == "open":
        query = query.where(SafeguardingItem.state != "closed")
    elif filters.state:
        query = query.where(SafeguardingItem.state == filters.state)
    if filters.ward_id:
        query = query.where(SafeguardingItem.ward_id == filters.ward_id)
    if filters.kind:
        query = query.where(SafeguardingItem.flagged.is_(filters.kind == "flagged"))
    if filters.concern:
        # concerns is a JSON list of known words, so its text holds each one quoted.
        query = query.where(cast(SafeguardingItem.concerns, String).like(f'%"{filters.concern}"%'))
    offset = (page - 1) * PAGE_SIZE
    if filters.state in ("open", "new", "in_review"):
        # Open items are few; they are sorted by urgency, which SQL cannot see.
        far = now + timedelta(days=3650)
        items = sorted(
            db.session.scalars(query),
            key=lambda item: (
                not item.flagged,
                not is_overdue(item, hours, now),
                due_at(item, hours) or far,
                item.id,
            ),
        )
        return Page(items[offset : offset + PAGE_SIZE], page, len(items) > offset + PAGE_SIZE)
    rows = list(
        db.session.scalars(
            query.order_by(SafeguardingItem.week.desc(), SafeguardingItem.id)
            .offset(offset)
            .limit(PAGE_SIZE + 1)
        )
    )
    return Page(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE)


def record_list_view(user: User, items: Iterable[SafeguardingItem]) -> None:
    """Audit that a lead was shown the unredacted answers of these items in the list."""
    by_trust: dict[int, list[int]] = {}
    for item in items:
        by_trust.setdefault(item.trust_id, []).append(item.id)
    for trust_id, ids in by_trust.items():
        audit.record(user, "safeguarding.view_list", trust_id=trust_id, items=ids)


def open_counts(user: User, hours: Mapping[str, int], now: datetime | None = None) -> dict:
    """Return how many items wait for the lead's trusts: open, overdue, flagged and to read."""
    now = now or utcnow()
    items = list(db.session.scalars(_scoped(user).where(SafeguardingItem.state != "closed")))
    return {
        "open": len(items),
        "overdue": sum(is_overdue(item, hours, now) for item in items),
        "flagged": sum(item.flagged for item in items),
        "to_read": sum(not item.flagged for item in items),
    }


def get_item(user: User, item_id: int) -> SafeguardingItem | None:
    """Return an item of the lead's trusts, or None (another trust's item is not there)."""
    item = db.session.get(SafeguardingItem, item_id)
    return item if item is not None and user.can_reach(item.trust_id) else None


def record_view(user: User, item: SafeguardingItem) -> None:
    """Audit that a lead read an item's unredacted answers; the caller commits."""
    audit.record(user, "safeguarding.view", item, trust_id=item.trust_id)


def _clean_note(note: str | None) -> str:
    note = (note or "").replace("\r\n", "\n").strip()
    if "\x00" in note:
        raise QueueError("The note contains characters that cannot be saved")
    if len(note) > MAX_NOTE:
        raise QueueError(f"The note must be {MAX_NOTE} characters or fewer. It is {len(note)}.")
    return note


def change(
    user: User,
    item: SafeguardingItem,
    action: str,
    *,
    outcome: str | None = None,
    reference: str | None = None,
    note: str | None = None,
) -> SafeguardingAction:
    """Apply one action to an item (review, note, close, reopen), or refuse it; caller commits."""
    note = _clean_note(note)
    reference = (reference or "").strip() or None
    state = item.state
    if action == "review":
        if state != "new":
            raise QueueError("Only a new item can be taken into review")
        state = "in_review"
    elif action == "note":
        if not note:
            raise QueueError("Enter a note")
    elif action == "close":
        if state == "closed":
            raise QueueError("This item is already closed")
        if outcome not in OUTCOMES:
            raise QueueError("Choose an outcome")
        if outcome == "incident" and not reference:
            raise QueueError("Enter the incident reference")
        if reference and len(reference) > MAX_REFERENCE:
            raise QueueError(f"The reference must be {MAX_REFERENCE} characters or fewer")
        state = "closed"
    elif action == "reopen":
        if state != "closed":
            raise QueueError("Only a closed item can be reopened")
        if not note:
            raise QueueError("Say why the item is reopened")
        state = "in_review"
    else:
        raise QueueError("That is not something that can be done to an item")
    if action != "close":
        outcome = reference = None
    return _apply(user, item, action, state, outcome, reference, note)


def _apply(user, item, action, state, outcome, reference, note) -> SafeguardingAction:
    if action == "reopen":
        item.outcome = item.reference = None
        # A reopened item is due again from the hour it was reopened.
        item.raised_hour = utcnow().replace(minute=0, second=0, microsecond=0)
    if state == "closed":
        item.outcome, item.reference = outcome, reference
        item.raised_hour = None  # nothing dates a closed item more finely than its week
    item.state = state
    done = SafeguardingAction(
        item=item,
        actor_id=user.id,
        actor_email=user.email,
        action=action,
        state=state,
        outcome=outcome,
        reference=reference,
        note=note,
    )
    db.session.add(done)
    detail = {"state": state}
    if outcome:
        detail["outcome"] = outcome
    audit.record(user, f"safeguarding.{action}", item, trust_id=item.trust_id, **detail)
    return done


def mark_read(user: User, item_ids: Iterable[int]) -> int:
    """Close "to read" items with nothing of concern in them; return how many. Caller commits.

    Flagged items are never closed this way: each needs its own outcome.
    """
    count = 0
    for item_id in set(item_ids):
        item = get_item(user, item_id)
        if item is None or item.flagged or item.state == "closed":
            continue
        _apply(user, item, "bulk_read", "closed", "nothing_of_concern", None, "")
        count += 1
    return count


def concern_label(value: str) -> str:
    """Return a concern kind in plain words."""
    try:
        return Concern(value).label
    except ValueError:
        return value.replace("_", " ")


def wards_of(user: User) -> list[Ward]:
    """Return the wards of the lead's trusts, for filters."""
    from coprod.services import org

    return [ward for trust in org.trusts_for(user) for site in trust.sites for ward in site.wards]
