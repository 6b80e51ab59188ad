"""Draw a chart as SVG on the server: the points, the mean, the process limits and any
target, readable in colour and printed in black and white (each kind of point has its own
shape as well as its Making Data Count colour). Weeks left out are gaps in the line.

Improvement work is drawn too: a target (aim) as a labelled dash-dot line, a baseline
period as a shaded, labelled band, and each change as a numbered vertical line at the date
it started. Each differs from the others by its form, not only by its colour."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta

from markupsafe import Markup, escape

from coprod.spc.engine import Chart

COLOURS = {
    "common_cause": "#a6a6a6",
    "improvement": "#00b0f0",
    "concern": "#e46c0a",
    "neutral_high": "#490092",
    "neutral_low": "#490092",
}
WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 28, 40
TARGET_DASH = "10 4 2 4"  # dash-dot: unlike the dashed limits and the solid mean


def _marker(kind: str, x: float, y: float) -> str:
    colour = COLOURS[kind]
    if kind == "improvement":  # a triangle pointing up
        return (
            f'<polygon points="{x:.1f},{y - 6:.1f} {x - 6:.1f},{y + 5:.1f} '
            f'{x + 6:.1f},{y + 5:.1f}" fill="{colour}" stroke="#212b32" stroke-width="1"/>'
        )
    if kind == "concern":  # a square
        return (
            f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" '
            f'fill="{colour}" stroke="#212b32" stroke-width="1"/>'
        )
    if kind.startswith("neutral"):  # a diamond
        return (
            f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} '
            f'{x - 6:.1f},{y:.1f}" fill="{colour}" stroke="#212b32" stroke-width="1"/>'
        )
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#ffffff" stroke="#4c6272" '
        'stroke-width="2"/>'
    )


def draw(
    chart: Chart,
    periods: Sequence[date],
    *,
    ident: str,
    title: str,
    description: str,
    target: float | None = None,
    low: float = 0.0,
    high: float = 100.0,
    clip: bool = True,
    target_label: str | None = None,
    baseline: tuple[date, date] | None = None,
    changes: Sequence[tuple[int, date]] = (),
    months: bool = False,
) -> Markup:
    """Return the chart as an <svg> element over these periods (those without a point are
    gaps), on a scale from low to high (widened to fit, unless clip), titled and described
    for screen readers; ident makes the ids of its title and description unique on the
    page. The target's line is labelled target_label (by default "Target" and its value).
    A baseline (first and last day) is shaded; each change (number, date it started)
    is a numbered vertical line. With months, the periods are months (their first days),
    labelled by month."""
    ident = str(escape(ident))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    index = {d: i for i, d in enumerate(periods)}
    step = plot_w / max(len(periods) - 1, 1)
    if clip:
        # A share cannot pass 0 or 100: limits beyond them are drawn at the edge.
        values = [low, high]
    else:
        values = [p.value for p in chart.points] + [p.upper_limit for p in chart.points]
        values += [p.lower_limit for p in chart.points]
        values += [target] if target is not None else []
        low, high = min(low, *values), max(high, *values)
    span = (high - low) or 1.0

    def xy(day: date, value: float) -> tuple[float, float]:
        value = min(max(value, low), high)
        return LEFT + index[day] * step, TOP + plot_h * (1 - (value - low) / span)

    def at(day: date) -> float:
        """Where a day falls across the chart: between the periods either side of it."""
        place = bisect_right(periods, day) - 1
        if place < 0:
            return LEFT
        if place >= len(periods) - 1:
            return LEFT + (len(periods) - 1) * step
        length = (periods[place + 1] - periods[place]).days
        return LEFT + (place + (day - periods[place]).days / length) * step

    parts = [
        f'<svg class="coprod-spc" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    if baseline is not None and baseline[1] >= periods[0] and baseline[0] <= periods[-1]:
        x1, x2 = at(baseline[0]), at(baseline[1])
        parts.append(
            f'<g class="coprod-spc__baseline"><rect x="{x1:.1f}" y="{TOP}" '
            f'width="{max(x2 - x1, 2):.1f}" height="{plot_h}" fill="#e8edee" '
            'stroke="#768692" stroke-width="1" stroke-dasharray="1 3"/>'
            f'<text x="{x1 + 4:.1f}" y="{TOP + plot_h - 6}" font-size="12">Baseline</text></g>'
        )
    for tick in (low, (low + high) / 2, high):
        _x, y = xy(periods[0], tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e8edee"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">'
            f"{tick:.0f}</text>"
        )
    for group in sorted({p.group for p in chart.points}):
        points = [p for p in chart.points if p.group == group]
        first, last = points[0], points[-1]
        for value, dash, width in (
            (first.mean, "", 2),
            (first.upper_limit, "6 4", 1.5),
            (first.lower_limit, "6 4", 1.5),
        ):
            x1, y = xy(first.date, value)
            x2, _y = xy(last.date, value)
            parts.append(
                f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#212b32" '
                f'stroke-width="{width}"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
            )
    if target is not None:
        _x, y = xy(periods[0], target)
        label = escape(target_label if target_label is not None else f"Target {target:.0f}")
        parts.append(
            f'<g class="coprod-spc__target"><line x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{y:.1f}" y2="{y:.1f}" stroke="#330072" stroke-width="2" '
            f'stroke-dasharray="{TARGET_DASH}"/>'
            f'<text x="{WIDTH - RIGHT - 2}" y="{y - 5:.1f}" text-anchor="end" font-size="12" '
            f'font-weight="bold" fill="#330072">{label}</text></g>'
        )
    last_day = periods[-1] + timedelta(days=30 if months else 6)
    for number, started in changes:
        if not periods[0] - timedelta(days=6) <= started <= last_day:
            continue
        x = at(started)
        parts.append(
            f'<g class="coprod-spc__change"><line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" '
            f'y2="{TOP + plot_h}" stroke="#212b32" stroke-width="1.5"/>'
            f'<rect x="{x - 9:.1f}" y="{TOP - 22}" width="18" height="18" fill="#ffffff" '
            'stroke="#212b32" stroke-width="1.5"/>'
            f'<text x="{x:.1f}" y="{TOP - 8}" text-anchor="middle" font-size="12" '
            f'font-weight="bold">{int(number)}</text></g>'
        )
    # The line joins neighbouring weeks only: a week left out is a gap.
    run: list[str] = []
    previous = None
    for point in chart.points:
        x, y = xy(point.date, point.value)
        if previous is not None and index[point.date] != index[previous] + 1:
            parts.append(_polyline(run))
            run = []
        run.append(f"{x:.1f},{y:.1f}")
        previous = point.date
    parts.append(_polyline(run))
    for point in chart.points:
        parts.append(_marker(point.point_type, *xy(point.date, point.value)))
    ticks = [(periods[0], "start"), (periods[len(periods) // 2], "middle")]
    ticks += [(periods[-1], "end")] if len(periods) > 2 else []
    for day, anchor in ticks:
        x, _y = xy(day, low)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="{anchor}" font-size="12">'
            + (f"{day:%b %Y}" if months else f"{day.day} {day:%b %y}")
            + "</text>"
        )
    parts.append("</svg>")
    # Safe: every piece of text in it was escaped above; the rest is numbers and markup.
    return Markup("".join(parts))  # noqa: S704


def _polyline(run: list[str]) -> str:
    if len(run) < 2:
        return ""
    return f'<polyline points="{" ".join(run)}" fill="none" stroke="#4c6272" stroke-width="2"/>'
