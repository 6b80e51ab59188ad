"""Demo improvement work beside the demo responses: Willow Ward's change idea with its PDSA
notes and aims, incident series from another system, and who was on the ward, so the
dashboards show what a ward team would record."""

# Made-up data from a seeded generator: repeatable, and nothing to do with security.
# ruff: noqa: S311

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from coprod.demo_responses import CHANGE_IDEA, CHANGE_WARD, CHANGE_WEEKS_AGO, WEEKS
from coprod.extensions import db
from coprod.models import Aim, ChangeIdea, IncidentSeries, IncidentValue, PdsaNote, Trust, Ward
from coprod.models.base import local_today
from coprod.services import responses
from coprod.services.dashboards import population

# (measure key, relative change in per cent): the programme's aims are stated so.
AIMS = (
    ("survey:patient-sexual-safety:feel_sexually_safe", 50.0),
    ("survey:ward-weather:ward_calm", 30.0),
)
BASELINE_WEEKS = 12
NOTES = (
    (
        -7,
        "plan",
        "Try it on Willow Ward for four weeks. Predict: more patients will say staff "
        "listen, and feel safer. Measure with the weekly surveys and the restraint count.",
    ),
    (
        0,
        "do",
        "Started on the early shift. Two nurses on leave, so the late shift covered "
        "their patients' time on the first three days.",
    ),
    (
        28,
        "study",
        "Patients say staff listen more, and the ward weather is calmer. Restraints "
        "fell from about six a week to two. Nights were harder to cover.",
    ),
    (
        42,
        "act",
        "Adopt on Willow Ward and include night staff. Share with Cedar Ward at the "
        "network meeting.",
    ),
)
# (name, kind, usual per ward per week, and on the change ward after its change)
SERIES = (
    ("Restraints", "restraint", 5.5, 2.0),
    ("Sexual safety incidents", "sexual_safety_incident", 1.5, 0.8),
)
# Who was on the change ward: more Black and Asian patients than answer the surveys.
POPULATION_TOTAL = 24
POPULATION = {
    "age_band": {
        "age_18_24": 5,
        "age_25_34": 7,
        "age_35_44": 6,
        "age_45_54": 3,
        "age_55_64": 2,
        "age_65_plus": 1,
    },
    "gender": {"woman": 9, "man": 14, "non_binary": 1},
    "ethnic_group": {"asian": 5, "black": 7, "mixed": 2, "white": 9, "other": 1},
    "first_language": {"english": 18, "other": 5, "not_known": 1},
}


def seed_improvement(trust: Trust, *, seed: int = 11) -> None:
    """Add the demo change idea, aims, incident series and ward population, once."""
    ward = db.session.scalar(select(Ward).where(Ward.code == CHANGE_WARD))
    if ward is None or db.session.scalar(
        select(ChangeIdea.id).where(ChangeIdea.ward_id == ward.id)
    ):
        return
    today = local_today()
    first = responses.week_of(today - timedelta(weeks=WEEKS))
    changed = responses.week_of(today - timedelta(weeks=CHANGE_WEEKS_AGO))
    title, description = CHANGE_IDEA
    idea = ChangeIdea(ward=ward, title=title, description=description, started_on=changed)
    idea.notes = [
        PdsaNote(noted_on=changed + timedelta(days=days), stage=stage, text=text)
        for days, stage, text in NOTES
        if changed + timedelta(days=days) <= today
    ]
    db.session.add(idea)
    for key, change in AIMS:
        db.session.add(
            Aim(
                ward=ward,
                measure_key=key,
                baseline_from=first,
                baseline_to=first + timedelta(weeks=BASELINE_WEEKS - 1),
                kind="relative",
                value=change,
            )
        )
    rng = random.Random(seed)
    wards = [w for site in trust.sites for w in site.wards]
    weeks = [first + timedelta(weeks=i) for i in range(WEEKS)]
    for name, kind, usual, after in SERIES:
        series = IncidentSeries(
            trust=trust, name=name, kind=kind, improvement="decrease", note="Demo incident data"
        )
        db.session.add(series)
        for each in wards:
            for week in weeks:
                mean = after if each.id == ward.id and week >= changed else usual
                db.session.add(
                    IncidentValue(series=series, ward=each, week=week, value=_count(rng, mean))
                )
    _seed_population(ward, today)


def _count(rng: random.Random, mean: float) -> int:
    """Return a count of events in a week with this mean (Poisson, by counting gaps)."""
    count, elapsed = 0, rng.expovariate(1.0)
    while elapsed < mean:
        count += 1
        elapsed += rng.expovariate(1.0)
    return count


def _seed_population(ward: Ward, today) -> None:
    """Record who was on the ward over the last eight weeks, by the surveys' categories."""
    counts = {
        (category, value): count
        for category, values in POPULATION.items()
        for value, count in values.items()
    }
    ends_on = responses.week_of(today) - timedelta(days=1)
    starts_on = ends_on - timedelta(weeks=8) + timedelta(days=1)
    population.save_population(ward, starts_on, ends_on, counts, POPULATION_TOTAL, actor=None)
