"""Improvement work on a ward: change ideas with PDSA notes, and aims against a baseline.

Each change is checked whole before anything is written, and refused with an
ImprovementError naming the field at fault; the caller commits.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from sqlalchemy import select

from coprod.extensions import db
from coprod.models import Aim, ChangeIdea, PdsaNote, User, Ward
from coprod.models.base import utcnow
from coprod.models.measures import AIM_KINDS, PDSA_STAGES
from coprod.services import audit
from coprod.services.dashboards.keys import KeyedChart, chart_for_key
from coprod.spc import Chart, assurance, assurance_words

EARLIEST = date(2000, 1, 1)
PLAN_AHEAD = timedelta(days=366)  # a change idea may be planned up to a year ahead
BASELINE_WEEKS = 6  # fewer charted weeks give no mean worth aiming from
MAX_TITLE, MAX_DESCRIPTION, MAX_NOTE = 200, 4000, 2000


class ImprovementError(ValueError):
    """A change was refused; problems maps each field at fault to a message to show."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def day(value: date) -> str:
    """Return a date as people write it: 2 March 2026."""
    return f"{value.day} {value:%B %Y}"


def number(value: float) -> str:
    """Return a value to one decimal place, without a trailing .0."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# Change ideas


def change_ideas(ward: Ward) -> list[ChangeIdea]:
    """Return a ward's change ideas, newest first."""
    return list(
        db.session.scalars(
            select(ChangeIdea)
            .where(ChangeIdea.ward_id == ward.id)
            .order_by(ChangeIdea.started_on.desc(), ChangeIdea.id.desc())
        )
    )


def numbered(ideas: list[ChangeIdea]) -> dict[int, int]:
    """Return {change idea id: its number}, counting from the first started, so a number
    on a chart is the same as on the list of change ideas."""
    ordered = sorted(ideas, key=lambda i: (i.started_on, i.id))
    return {idea.id: n for n, idea in enumerate(ordered, start=1)}


def check_change_idea(title: str, description: str, started_on, ended_on, today: date) -> dict:
    """Return a change idea's fields cleaned, or refuse them with every problem found."""
    problems = {}
    title = " ".join((title or "").split())
    if not title:
        problems["title"] = "Enter the change idea's title"
    elif len(title) > MAX_TITLE:
        problems["title"] = f"The title must be {MAX_TITLE} characters or fewer"
    if len(description or "") > MAX_DESCRIPTION:
        problems["description"] = f"The description must be {MAX_DESCRIPTION} characters or fewer"
    if started_on is None:
        problems["started_on"] = "Enter the date the change started, like 2026-03-02"
    elif not EARLIEST <= started_on <= today + PLAN_AHEAD:
        problems["started_on"] = (
            f"The start must be between {day(EARLIEST)} and {day(today + PLAN_AHEAD)}"
        )
    if ended_on is not None and started_on is not None and ended_on < started_on:
        problems["ended_on"] = "The end must be on or after the start"
    elif ended_on is not None and ended_on > today + PLAN_AHEAD:
        problems["ended_on"] = f"The end must be by {day(today + PLAN_AHEAD)}"
    if problems:
        raise ImprovementError(problems)
    return {
        "title": title,
        "description": (description or "").strip(),
        "started_on": started_on,
        "ended_on": ended_on,
    }


def _state(idea: ChangeIdea) -> dict:
    """What a change idea says, as the audit log keeps it."""
    return {
        "title": idea.title,
        "started_on": idea.started_on.isoformat(),
        "ended_on": idea.ended_on.isoformat() if idea.ended_on else None,
        "new_limits": idea.new_limits,
    }


def _record(actor: User, action: str, obj, ward: Ward, **detail) -> None:
    """Audit a change on a ward, naming the ward so the record reads after a deletion."""
    audit.record(actor, action, obj, trust_id=ward.trust_id, ward=ward.name, **detail)


def save_change_idea(
    ward: Ward,
    idea: ChangeIdea | None,
    *,
    title: str,
    description: str,
    started_on: date | None,
    ended_on: date | None,
    new_limits: bool,
    actor: User,
    today: date,
) -> ChangeIdea:
    """Add a change idea to a ward (idea None) or change what one says."""
    fields = check_change_idea(title, description, started_on, ended_on, today)
    before = _state(idea) if idea is not None else None
    if idea is None:
        idea = ChangeIdea(ward=ward, created_by=actor)
        db.session.add(idea)
    else:
        idea.updated_by, idea.updated_at = actor, utcnow()
    for name, value in fields.items():
        setattr(idea, name, value)
    idea.new_limits = new_limits
    db.session.flush()
    if before is None:
        _record(actor, "change_idea.create", idea, ward, **_state(idea))
    else:
        _record(actor, "change_idea.update", idea, ward, before=before, after=_state(idea))
    return idea


def delete_change_idea(idea: ChangeIdea, *, actor: User) -> None:
    """Delete a change idea with its notes."""
    _record(actor, "change_idea.delete", idea, idea.ward, notes=len(idea.notes), **_state(idea))
    db.session.delete(idea)


def add_note(
    idea: ChangeIdea, *, noted_on: date | None, stage: str, text: str, actor: User, today: date
) -> PdsaNote:
    """Add a PDSA note to a change idea."""
    problems = {}
    text = (text or "").strip()
    if noted_on is None:
        problems["noted_on"] = "Enter the date of the note, like 2026-03-02"
    elif not EARLIEST <= noted_on <= today:
        problems["noted_on"] = f"The date must be between {day(EARLIEST)} and today"
    if stage not in PDSA_STAGES:
        problems["stage"] = "Choose the stage: plan, do, study or act"
    if not text:
        problems["text"] = "Enter the note"
    elif len(text) > MAX_NOTE:
        problems["text"] = f"The note must be {MAX_NOTE} characters or fewer"
    if problems:
        raise ImprovementError(problems)
    note = PdsaNote(change_idea=idea, noted_on=noted_on, stage=stage, text=text, by=actor)
    db.session.add(note)
    db.session.flush()
    _record(actor, "pdsa_note.create", note, idea.ward, title=idea.title, stage=stage)
    return note


@dataclass(frozen=True)
class Marked:
    """A change idea as a chart marks it: its number and where its limits start afresh."""

    number: int
    idea: ChangeIdea


def changes_between(ideas: list[ChangeIdea], start: date, end: date) -> list[Marked]:
    """Return the change ideas started in a period, numbered, oldest first."""
    numbers = numbered(ideas)
    first = start - timedelta(days=start.weekday())
    inside = [i for i in ideas if first <= i.started_on <= end]
    return [Marked(numbers[i.id], i) for i in sorted(inside, key=lambda i: numbers[i.id])]


def new_limit_dates(marked: list[Marked], start: date, end: date) -> tuple[date, ...]:
    """Return the dates from which limits start afresh for these change ideas."""
    return tuple(
        m.idea.started_on for m in marked if m.idea.new_limits and start < m.idea.started_on <= end
    )


# Aims


@dataclass(frozen=True)
class AimReading:
    """An aim with what the data say of it: the baseline mean and the target it gives."""

    aim: Aim
    baseline_mean: float | None
    baseline_weeks: int
    target: float | None
    problem: str | None  # why there is no target now, in plain words
    improvement: str = "increase"
    unit: str = "%"


def aims_by_key(ward: Ward) -> dict[str, Aim]:
    """Return a ward's aims by measure key."""
    return {a.measure_key: a for a in db.session.scalars(select(Aim).where(Aim.ward_id == ward.id))}


def aim_for(ward: Ward, key: str) -> Aim | None:
    """Return the ward's aim for a measure, if it has one."""
    return db.session.scalar(select(Aim).where(Aim.ward_id == ward.id, Aim.measure_key == key))


def target_of(kind: str, value: float, mean: float, improvement: str) -> float:
    """Return the value an aim asks for: per cent better than the mean, or the value."""
    if kind == "absolute":
        return value
    factor = 1 + value / 100 if improvement == "increase" else 1 - value / 100
    return mean * factor


def _baseline(key: str, ward: Ward, start: date, end: date):
    """Return (the keyed chart, its charted values) over a baseline period."""
    keyed = chart_for_key(key, ward, start=start, end=end)
    return keyed, ([v for _d, v in keyed.values] if keyed else [])


def _check_aim(keyed, values, start, end, kind, value, today) -> float:
    """Return the target of an aim, or refuse it with every problem found."""
    problems = {}
    if start is None:
        problems["baseline_from"] = "Enter the start of the baseline, like 2026-03-02"
    elif start < EARLIEST:
        problems["baseline_from"] = f"The baseline must start on or after {day(EARLIEST)}"
    if end is None:
        problems["baseline_to"] = "Enter the end of the baseline, like 2026-03-02"
    elif start is not None and end < start:
        problems["baseline_to"] = "The end of the baseline must be on or after its start"
    elif end > today:
        problems["baseline_to"] = "The baseline must end by today: it is data already collected"
    if kind not in AIM_KINDS:
        problems["kind"] = "Choose whether the aim is a change from the baseline or a value"
    if value is None or not math.isfinite(value):
        problems["value"] = "Enter the aim as a number, like 20"
    if keyed is not None and keyed.improvement == "neutral":
        problems["kind"] = "This measure has no direction of improvement, so it has no aim"
    if keyed is not None and len(values) < BASELINE_WEEKS and "baseline_from" not in problems:
        weeks = f"{len(values)} week{'' if len(values) == 1 else 's'}"
        problems["baseline_from"] = (
            f"The baseline has {weeks} with enough answers to chart; it needs at least "
            f"{BASELINE_WEEKS}: choose a longer period"
        )
    if problems:
        raise ImprovementError(problems)
    mean = fmean(values)
    higher = keyed.improvement == "increase"
    unit = "%" if keyed.share else ""
    if kind == "relative":
        if value <= 0:
            raise ImprovementError({"value": "Enter a change of more than 0%"})
        if not higher and value > 100:
            raise ImprovementError({"value": "A fall cannot be more than 100%"})
        target = target_of(kind, value, mean, keyed.improvement)
        if target == mean:
            raise ImprovementError(
                {"value": f"The baseline mean is {number(mean)}{unit}: set a value as the aim"}
            )
    else:
        target = value
        better = target > mean if higher else target < mean
        if not better:
            way = "above" if higher else "below"
            raise ImprovementError(
                {"value": f"The aim must be {way} the baseline mean of {number(mean)}{unit}"}
            )
    if keyed.share and not 0 <= target <= 100:
        raise ImprovementError(
            {
                "value": f"That aim would be {number(target)}%, and a percentage must be "
                "from 0 to 100: choose a smaller change"
            }
        )
    return target


def check_aim(
    ward: Ward,
    key: str,
    *,
    baseline_from: date | None,
    baseline_to: date | None,
    kind: str,
    value: float | None,
    today: date,
) -> tuple[KeyedChart, float]:
    """Return the measure an aim is for and the target it gives, or refuse it."""
    keyed, values = (None, [])
    if baseline_from is not None and baseline_to is not None and baseline_from <= baseline_to:
        keyed, values = _baseline(key, ward, baseline_from, baseline_to)
        if keyed is None:
            raise ImprovementError({"kind": "There is no such measure"})
    return keyed, _check_aim(keyed, values, baseline_from, baseline_to, kind, value, today)


def set_aim(
    ward: Ward,
    key: str,
    *,
    baseline_from: date | None,
    baseline_to: date | None,
    kind: str,
    value: float | None,
    actor: User,
    today: date,
) -> Aim:
    """Set (or replace) a ward's aim for a measure, after checking its baseline has data."""
    keyed, target = check_aim(
        ward,
        key,
        baseline_from=baseline_from,
        baseline_to=baseline_to,
        kind=kind,
        value=value,
        today=today,
    )
    aim = aim_for(ward, key)
    before = _aim_state(aim) if aim else None
    if aim is None:
        aim = Aim(ward=ward, measure_key=key)
        db.session.add(aim)
    aim.baseline_from, aim.baseline_to = baseline_from, baseline_to
    aim.kind, aim.value = kind, value
    aim.set_by, aim.set_at = actor, utcnow()
    db.session.flush()
    after = {**_aim_state(aim), "target": round(target, 1)}
    _record(actor, "aim.set", aim, ward, measure=keyed.label, before=before, after=after)
    return aim


def _aim_state(aim: Aim) -> dict:
    return {
        "key": aim.measure_key,
        "baseline_from": aim.baseline_from.isoformat(),
        "baseline_to": aim.baseline_to.isoformat(),
        "kind": aim.kind,
        "value": aim.value,
    }


def remove_aim(aim: Aim, *, actor: User, label: str) -> None:
    """Remove a ward's aim for a measure."""
    _record(actor, "aim.remove", aim, aim.ward, measure=label, before=_aim_state(aim))
    db.session.delete(aim)


def read_aim(aim: Aim) -> AimReading:
    """Return the aim's baseline mean and target as the data now stand."""
    keyed, values = _baseline(aim.measure_key, aim.ward, aim.baseline_from, aim.baseline_to)
    if keyed is None or len(values) < BASELINE_WEEKS:
        problem = (
            f"The baseline no longer has {BASELINE_WEEKS} weeks with enough answers to chart, "
            "so the aim cannot be drawn: set it again"
        )
        return AimReading(aim, None, len(values), None, problem)
    mean = fmean(values)
    target = target_of(aim.kind, aim.value, mean, keyed.improvement)
    unit = "%" if keyed.share else ""
    return AimReading(aim, mean, len(values), target, None, keyed.improvement, unit)


@dataclass(frozen=True)
class AimWords:
    """An aim in words: the chart's label for its line, a summary, its baseline, and
    whether the process will meet it."""

    aim: str
    summary: str
    baseline: str
    assurance: str


def aim_words(reading: AimReading, chart: Chart | None) -> AimWords:
    """Say what an aim is, what its baseline was, and whether the process will meet it."""
    aim = reading.aim
    if reading.target is None:
        return AimWords("", "", "", reading.problem or "")
    unit = reading.unit
    summary = f"Aim: {number(reading.target)}{unit}"
    if aim.kind == "relative":
        way = "above" if reading.improvement == "increase" else "below"
        summary += f", {number(aim.value)}% {way} the baseline mean"
    first, last = (d - timedelta(days=d.weekday()) for d in (aim.baseline_from, aim.baseline_to))
    baseline = (
        f"Baseline mean {number(reading.baseline_mean)}{unit} "
        f"(weeks {day(first)} to {day(last)}, {reading.baseline_weeks} weeks charted)."
    )
    verdict = ""
    if chart is not None:
        verdict = assurance_words(chart, "aim")
    return AimWords(f"Aim {number(reading.target)}{unit}", summary + ".", baseline, verdict)


def with_target(chart: Chart, target: float | None) -> Chart:
    """Return the chart with a target and its assurance against the latest limits."""
    return dataclasses.replace(
        chart,
        target=target,
        assurance=assurance(chart.points[-1], chart.improvement, target),
    )
