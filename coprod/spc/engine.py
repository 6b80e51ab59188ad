"""XmR charts by NHS England's Making Data Count rules, as NHS-R's NHSRplotthedots draws them.

Pure functions on plain values: no Flask, no database. For each group of points (a new group
starts at every rebase date) the centre line is the mean; the moving ranges are the absolute
differences of neighbours, and (when screening, the default) those at or above 3.267 times
their mean are left out before the mean moving range is taken again; the process limits are
the mean plus and minus 2.66 mean moving ranges, and the "near" band two thirds of that.

A point's type comes from the first rule that holds, in this order:
  outside_limits  beyond a process limit (strictly);
  trend           part of 7 points in a row each strictly higher (or lower) than the last;
  two_of_three    2 of 3 points in a row beyond the near band but inside the limits, all 3 on
                  one side of the mean (only the points beyond the near band are flagged);
  shift           part of 7 points in a row on one side of the mean (a point on it breaks it).
The improvement direction turns a side into improvement or concern; with no direction the
type is neutral_high or neutral_low. A group of fewer than TRIAL_BELOW points has trial limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from statistics import fmean

LIMIT = 2.66
NEAR = 2 * LIMIT / 3
SCREEN = 3.267
RUN = 7  # points in a trend or a shift
TRIAL_BELOW = 12  # a group with fewer points has trial limits
IMPROVEMENTS = ("increase", "decrease", "neutral")
RULES = ("outside_limits", "trend", "two_of_three", "shift")
ASSURANCES = ("pass", "fail", "hit_and_miss", "none")


class SpcError(ValueError):
    """The series cannot be charted; the message says why, in plain words."""


@dataclass(frozen=True)
class Point:
    """One point of the chart with the limits of its group and what the rules say of it."""

    date: date
    value: float
    mean: float
    lower_limit: float
    upper_limit: float
    near_lower: float
    near_upper: float
    # common_cause, improvement, concern, neutral_high or neutral_low
    point_type: str
    # Every rule the point is part of, in RULES order (the first decides point_type).
    rules: tuple[str, ...]
    group: int  # 0 for the first group, 1 after the first rebase, ...
    trial: bool  # the group has fewer than TRIAL_BELOW points


@dataclass(frozen=True)
class Chart:
    """A charted series: its points, the latest variation and the assurance of a target."""

    points: tuple[Point, ...]
    improvement: str
    target: float | None
    # The latest point's type; and pass, fail, hit_and_miss, or none without a target.
    variation: str
    assurance: str


def xmr(
    dates: Sequence[date],
    values: Sequence[float],
    *,
    improvement: str = "increase",
    target: float | None = None,
    rebase: Iterable[date] = (),
    screen: bool = True,
) -> Chart:
    """Chart a series of (date, value) points; dates must be distinct."""
    if improvement not in IMPROVEMENTS:
        raise SpcError(f"improvement must be one of {', '.join(IMPROVEMENTS)}, not {improvement!r}")
    if len(dates) != len(values):
        raise SpcError("there must be one value for each date")
    if not dates:
        raise SpcError("there are no points to chart")
    order = sorted(range(len(dates)), key=lambda i: dates[i])
    ordered = [(dates[i], float(values[i])) for i in order]
    seen = [d for d, _v in ordered]
    repeated = sorted({d for a, d in pairwise(seen) if a == d})
    if repeated:
        raise SpcError(f"each date may appear once; {repeated[0].isoformat()} appears twice")
    starts = sorted(set(rebase))
    points: list[Point] = []
    for number, group in enumerate(_groups(ordered, starts)):
        points.extend(_chart_group(group, number, improvement, screen))
    latest = points[-1]
    return Chart(
        points=tuple(points),
        improvement=improvement,
        target=target,
        variation=latest.point_type,
        assurance=assurance(latest, improvement, target),
    )


def _groups(ordered: list[tuple[date, float]], starts: list[date]) -> list[list]:
    """Split the points at each rebase date: a new group starts at the first point on or
    after it. A rebase before the first point or after the last changes nothing."""
    groups: list[list] = [[]]
    pending = [d for d in starts if d > ordered[0][0]]
    for point in ordered:
        if pending and point[0] >= pending[0]:
            while pending and point[0] >= pending[0]:
                pending.pop(0)
            if groups[-1]:
                groups.append([])
        groups[-1].append(point)
    return groups


def limits(values: Sequence[float], screen: bool = True) -> tuple[float, float]:
    """Return (mean, mean moving range) of one group, screening large moving ranges."""
    mean = fmean(values)
    ranges = [abs(b - a) for a, b in pairwise(values)]
    if not ranges:
        return mean, 0.0
    average = fmean(ranges)
    if screen:
        kept = [r for r in ranges if r < SCREEN * average]
        average = fmean(kept) if kept else 0.0
    return mean, average


def _chart_group(group, number: int, improvement: str, screen: bool) -> list[Point]:
    dates = [d for d, _v in group]
    y = [v for _d, v in group]
    mean, mr = limits(y, screen)
    upper, lower = mean + LIMIT * mr, mean - LIMIT * mr
    near_upper, near_lower = mean + NEAR * mr, mean - NEAR * mr
    side = [_sign(v - mean) for v in y]
    outside = [v > upper or v < lower for v in y]
    near = [not o and (v < near_lower or v > near_upper) for v, o in zip(y, outside, strict=True)]
    trend_ends = _trend_ends(y)
    in_trend = _part_of_run(trend_ends)
    in_shift = _part_of_run(_shift_ends(side))
    in_two = _two_of_three(near, side)
    rising = _trend_direction(y, in_trend)
    trial = len(y) < TRIAL_BELOW
    points = []
    for i, value in enumerate(y):
        held = {
            "outside_limits": outside[i],
            "trend": in_trend[i],
            "two_of_three": in_two[i],
            "shift": in_shift[i],
        }
        rules = tuple(rule for rule in RULES if held[rule])
        if not rules:
            direction = 0
        elif rules[0] == "trend":
            direction = rising[i]
        else:
            direction = 1 if side[i] > 0 else -1
        points.append(
            Point(
                date=dates[i],
                value=value,
                mean=mean,
                lower_limit=lower,
                upper_limit=upper,
                near_lower=near_lower,
                near_upper=near_upper,
                point_type=_point_type(direction, improvement),
                rules=rules,
                group=number,
                trial=trial,
            )
        )
    return points


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _trend_ends(y: list[float]) -> list[int]:
    """1 (or -1) at a point ending 7 points each strictly higher (lower) than the last."""
    ends = [0] * len(y)
    for i in range(RUN - 1, len(y)):
        steps = [_sign(y[j] - y[j - 1]) for j in range(i - RUN + 2, i + 1)]
        if all(s == 1 for s in steps):
            ends[i] = 1
        elif all(s == -1 for s in steps):
            ends[i] = -1
    return ends


def _shift_ends(side: list[int]) -> list[int]:
    """1 at a point ending 7 points in a row on the same side of the mean."""
    ends = [0] * len(side)
    for i in range(RUN - 1, len(side)):
        window = side[i - RUN + 1 : i + 1]
        if window[0] != 0 and all(s == window[0] for s in window):
            ends[i] = 1
    return ends


def _part_of_run(ends: list[int]) -> list[bool]:
    """A point is part of a run if a run ends at it or at one of the next RUN - 1 points."""
    return [any(ends[i : i + RUN]) for i in range(len(ends))]


def _two_of_three(near: list[bool], side: list[int]) -> list[bool]:
    """Flag near points in any 3 in a row with 2 or more near and all 3 on one side."""
    n = len(near)
    hit = [False] * n
    for start in range(n - 2):
        window = range(start, start + 3)
        if sum(near[i] for i in window) >= 2 and abs(sum(side[i] for i in window)) == 3:
            for i in window:
                hit[i] = hit[i] or near[i]
    return hit


def _trend_direction(y: list[float], in_trend: list[bool]) -> list[int]:
    """The direction of the trend a point is part of: the step after it while the next
    point is in the trend too, else the step before it."""
    direction = []
    for i in range(len(y)):
        if in_trend[i] and i + 1 < len(y) and in_trend[i + 1]:
            direction.append(_sign(y[i + 1] - y[i]))
        else:
            direction.append(_sign(y[i] - y[i - 1]) if i > 0 else 0)
    return direction


def _point_type(direction: int, improvement: str) -> str:
    if direction == 0:
        return "common_cause"
    if improvement == "neutral":
        return "neutral_high" if direction > 0 else "neutral_low"
    good = direction if improvement == "increase" else -direction
    return "improvement" if good > 0 else "concern"


def assurance(latest: Point, improvement: str, target: float | None) -> str:
    """Say whether the process will meet a target: the target against the latest limits."""
    if target is None or improvement == "neutral":
        return "none"
    increasing = improvement == "increase"
    if target > latest.upper_limit:
        return "fail" if increasing else "pass"
    if target < latest.lower_limit:
        return "pass" if increasing else "fail"
    return "hit_and_miss"
