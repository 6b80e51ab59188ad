"""Plain words for what a chart shows, as a QI facilitator would say it to a ward team."""

from __future__ import annotations

from coprod.spc.engine import Chart, Point

TYPE_WORDS = {
    "common_cause": "common cause variation",
    "improvement": "improvement",
    "concern": "concern",
    "neutral_high": "special cause, higher",
    "neutral_low": "special cause, lower",
}
# {target} is what the goal is called: "target", or "aim" on a ward's improvement work.
ASSURANCE_WORDS = {
    "pass": "The process will consistently meet the {target}.",
    "fail": "The process will consistently fail to meet the {target} unless something changes.",
    "hit_and_miss": (
        "Hit and miss: the process will sometimes meet the {target} and sometimes miss it."
    ),
    "none": "",
}


def _day(point: Point) -> str:
    return f"{point.date.day} {point.date:%B %Y}"


def _run_start(chart: Chart) -> Point:
    """The first point of the run of special-cause points of one kind ending at the latest."""
    points = chart.points
    latest = points[-1]
    first = latest
    for point in reversed(points[:-1]):
        if point.point_type != latest.point_type or point.group != latest.group:
            break
        first = point
    return first


def assurance_words(chart: Chart, target: str = "target") -> str:
    """Say whether the process will meet its target (called target), or nothing."""
    return ASSURANCE_WORDS[chart.assurance].format(target=target)


def describe(chart: Chart, unit: str = "week", *, target: str = "target") -> str:
    """Say in one or two sentences what the latest point means, and whether to trust it."""
    latest = chart.points[-1]
    words = TYPE_WORDS[latest.point_type]
    if latest.point_type == "common_cause":
        text = (
            f"Common cause variation: the latest {unit} is within the usual range, "
            "with no sign of real change."
        )
    else:
        start = _run_start(chart)
        run = sum(1 for p in chart.points if p.group == latest.group and p.date >= start.date)
        rule = latest.rules[0]
        side = "above" if latest.value > latest.mean else "below"
        if rule == "outside_limits":
            limit = "upper" if side == "above" else "lower"
            what = f"the latest {unit} is beyond the {limit} process limit"
        elif rule == "trend":
            way = "higher" if latest.value >= start.value else "lower"
            what = f"{run} {unit}s in a row each {way} than the last, since {_day(start)}"
        elif rule == "two_of_three":
            what = f"2 of the last 3 {unit}s are close to the limit {side} the mean"
        else:
            what = f"{run} {unit}s in a row {side} the mean since {_day(start)}"
        text = f"{what[0].upper()}{what[1:]}: {words}."
    if latest.trial:
        text += f" These are trial limits: fewer than 12 {unit}s since the limits were set."
    return f"{text} {assurance_words(chart, target)}".strip()


def describe_changes(changes: list[tuple[int, str, str, bool]]) -> str:
    """Say which changes a chart marks: (number, title, date started, new limits) each."""
    if not changes:
        return ""
    parts = [
        f"{number}, {title}, from {started}" + (" (new limits from then)" if new else "")
        for number, title, started, new in changes
    ]
    many = len(parts) != 1
    return f"Change{'s' if many else ''} marked by number: {'; '.join(parts)}."
