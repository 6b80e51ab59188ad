"""Reports of harm per ward per week, for safeguarding leads only.

Respondents are anonymous, so action is often ward-wide: a lead needs to see a ward where
several people reported the same kind of harm. This view is restricted to safeguarding
leads, so small numbers are shown as they are; nothing here feeds a facilitator's page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from coprod.extensions import db
from coprod.models import SafeguardingItem, User, Ward
from coprod.services.responses import week_of


@dataclass
class WardPattern:
    """One ward's flagged reports, per week and per concern."""

    ward: Ward
    weeks: dict[date, Counter] = field(default_factory=dict)
    structured: int = 0
    total: Counter = field(default_factory=Counter)

    def cell(self, week: date) -> Counter:
        """Return the concerns reported in one week."""
        return self.weeks.get(week, Counter())


@dataclass
class Patterns:
    """Flagged reports per ward over a run of weeks, and wards with repeated reports."""

    weeks: list[date]
    wards: list[WardPattern]
    repeated: list[tuple[WardPattern, str, int]]


def patterns_for(user: User, *, today: date, weeks: int = 8, repeat_weeks: int = 4) -> Patterns:
    """Count flagged reports per ward and week in the lead's trusts, newest week first.

    A ward with two or more reports of one concern in the last repeat_weeks is listed first.
    """
    last = week_of(today)
    run = [last - timedelta(weeks=n) for n in range(weeks)]
    items = db.session.scalars(
        select(SafeguardingItem).where(
            SafeguardingItem.trust_id.in_(user.trust_ids),
            SafeguardingItem.flagged.is_(True),
            SafeguardingItem.week >= run[-1],
        )
    )
    by_ward: dict[int, WardPattern] = {}
    recent: dict[int, Counter] = defaultdict(Counter)
    for item in items:
        pattern = by_ward.get(item.ward_id)
        if pattern is None:
            pattern = by_ward[item.ward_id] = WardPattern(db.session.get(Ward, item.ward_id))
        cell = pattern.weeks.setdefault(item.week, Counter())
        cell.update(item.concerns)
        pattern.total.update(item.concerns)
        pattern.structured += any("=" in reason for reason in item.reasons)
        if item.week >= last - timedelta(weeks=repeat_weeks - 1):
            recent[item.ward_id].update(item.concerns)
    repeated = [
        (by_ward[ward_id], concern, count)
        for ward_id, counts in recent.items()
        for concern, count in counts.most_common()
        if count >= 2
    ]
    repeated.sort(key=lambda entry: -entry[2])
    wards = sorted(by_ward.values(), key=lambda p: (-sum(p.total.values()), p.ward.name))
    return Patterns(run, wards, repeated)
