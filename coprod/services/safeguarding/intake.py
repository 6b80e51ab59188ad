"""Decide on submission whether a response goes to the safeguarding queue, and put it there.

Runs inside the submission's transaction, so a response, its queue item and its alerts are
stored together or not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from coprod.extensions import db
from coprod.models import Response, SafeguardingItem, Trust
from coprod.models.base import utcnow
from coprod.screening import Concern, screen_many
from coprod.services.safeguarding import alerts
from coprod.services.survey_schema import Question, SurveyDefinition

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Assessment:
    """What a response says that a safeguarding lead must see."""

    concerns: frozenset[Concern]
    reasons: tuple[str, ...]
    has_free_text: bool
    # The screen failed: a person reads the answer rather than nobody.
    unscreened: bool = False

    @property
    def flagged(self) -> bool:
        """Say whether the screen or a structured answer raised a concern."""
        return bool(self.concerns) or self.unscreened


def assess(shown: Iterable[Question], answers: dict[str, Any]) -> Assessment:
    """Screen the free text and read the structured reports among the answers shown."""
    texts: list[str] = []
    has_free_text = False
    concerns: set[Concern] = set()
    reasons: list[str] = []
    for question in shown:
        value = answers.get(question.id)
        if value is None:
            continue
        if question.type == "free_text":
            has_free_text = True
            if question.screen:
                texts.append(value)
        elif question.report is not None:
            chosen = value if isinstance(value, list) else [value]
            for choice in chosen:
                if choice in question.report.values:
                    concerns.add(Concern(question.report.concern))
                    reasons.append(f"{question.id}={choice}")
    try:
        screening = screen_many(texts)
    except Exception:  # never lose a response because the screen broke: flag it instead
        logger.exception("the safeguarding screen failed; the answer is queued to be read")
        return Assessment(frozenset(concerns), ("screen_unavailable", *reasons), True, True)
    concerns |= screening.concerns
    return Assessment(frozenset(concerns), (*screening.matched_rules, *reasons), has_free_text)


def reads_every_answer(trust: Trust, definition: SurveyDefinition) -> bool:
    """Say whether this trust reads every free-text answer to this survey, flagged or not."""
    setting = trust.read_free_text
    return setting == "all" or (setting == "sexual_safety" and definition.sexual_safety)


def queue(
    response: Response,
    assessment: Assessment,
    *,
    trust: Trust,
    definition: SurveyDefinition,
    now: datetime | None = None,
    alert: bool = True,
) -> tuple[SafeguardingItem | None, list[int]]:
    """Add the response to the queue if it needs a reading; return the item and alert ids.

    A flagged item queues an alert to each of the trust's leads unless alert is False (demo
    data). The response must be flushed; the caller commits.
    """
    to_read = assessment.has_free_text and reads_every_answer(trust, definition)
    if not assessment.flagged and not to_read:
        return None, []
    now = now or utcnow()
    item = SafeguardingItem(
        response_id=response.id,
        trust_id=trust.id,
        ward_id=response.ward_id,
        flagged=assessment.flagged,
        concerns=sorted(c.value for c in assessment.concerns),
        reasons=list(assessment.reasons),
        state="new",
        week=response.week,
        # The hour only: enough to tell when it is overdue, too coarse to date the answer.
        raised_hour=now.replace(minute=0, second=0, microsecond=0),
    )
    db.session.add(item)
    db.session.flush()
    alert_ids: list[int] = []
    if item.flagged and alert:
        alert_ids = alerts.queue_new_item(item, trust)
    return item, alert_ids
