"""The Making Data Count icons as small inline SVGs: what the latest point's variation is,
and whether the process will meet its target (assurance).

Drawn after NHS England's icons as NHS-R's NHSRplotthedots ships them: a ring in the
variation's colour round a few points of a series (the last two high or low for special
cause), and a ring round a letter above a dashed target line for assurance. Each has a
letter (H, L, P, F, ?) in near-black, so it still reads printed in black and white and for
people who cannot tell the colours apart; each is an image with a label in words.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from coprod.spc.engine import Chart

GREY = "#a6a6a6"  # common cause, and the ordinary points of a special-cause icon
BLUE = "#00b0f0"  # improvement
ORANGE = "#e46c0a"  # concern
PURPLE = "#490092"  # special cause on a measure with no direction of improvement
INK = "#212b32"  # letters: dark enough to read on white and in black and white

VARIATIONS = {
    # kind: (ring colour, letter, label)
    "common_cause": (GREY, "", "Common cause variation: no sign of real change"),
    "improvement_high": (BLUE, "H", "Special cause variation: improvement, higher"),
    "improvement_low": (BLUE, "L", "Special cause variation: improvement, lower"),
    "concern_high": (ORANGE, "H", "Special cause variation: concern, higher"),
    "concern_low": (ORANGE, "L", "Special cause variation: concern, lower"),
    "neutral_high": (PURPLE, "H", "Special cause variation, higher (no better or worse way)"),
    "neutral_low": (PURPLE, "L", "Special cause variation, lower (no better or worse way)"),
}
ASSURANCES = {
    # assurance: (ring colour, letter, label)
    "pass": (BLUE, "P", "Assurance: the process will consistently meet the {target}"),
    "fail": (ORANGE, "F", "Assurance: the process will consistently fail to meet the {target}"),
    "hit_and_miss": (GREY, "?", "Assurance: hit and miss, it will sometimes meet the {target}"),
}


def variation_kind(chart: Chart) -> str:
    """Return which variation icon the latest point calls for, such as improvement_high."""
    kind = chart.variation
    if kind == "common_cause" or kind.startswith("neutral"):
        return kind
    higher_is_better = chart.improvement == "increase"
    high = (kind == "improvement") == higher_is_better
    return f"{kind}_{'high' if high else 'low'}"


def _svg(label: str, colour: str, body: str, size: int, kind: str) -> Markup:
    label = str(escape(label))
    return Markup(  # noqa: S704 - the label is escaped; the rest is numbers and markup
        f'<svg class="coprod-icon coprod-icon--{kind}" width="{size}" height="{size}" '
        f'viewBox="0 0 100 100" role="img" aria-label="{label}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{label}</title>'
        f'<circle cx="50" cy="50" r="44" fill="#ffffff" stroke="{colour}" stroke-width="7"/>'
        f"{body}</svg>"
    )


def _letter(letter: str, y: float) -> str:
    if not letter:
        return ""
    return (
        f'<text x="50" y="{y}" text-anchor="middle" font-family="Arial, sans-serif" '
        f'font-size="30" font-weight="bold" fill="{INK}">{escape(letter)}</text>'
    )


def _dot(x: float, y: float, colour: str, shape: str) -> str:
    """A point, shaped as on the charts: so improvement and concern differ in print too."""
    if shape == "triangle":
        return f'<polygon points="{x},{y - 7} {x - 7},{y + 5} {x + 7},{y + 5}" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 5.5}" y="{y - 5.5}" width="11" height="11" fill="{colour}"/>'
    if shape == "diamond":
        return (
            f'<polygon points="{x},{y - 7} {x + 7},{y} {x},{y + 7} {x - 7},{y}" fill="{colour}"/>'
        )
    return f'<circle cx="{x}" cy="{y}" r="5" fill="{colour}"/>'


SHAPES = {"improvement": "triangle", "concern": "square", "neutral": "diamond"}


def _points(ys: list[float], colour: str = GREY, shape: str = "circle") -> str:
    """Five points of a series; the last two in the colour and shape of special cause."""
    xs = [24, 37, 50, 63, 76]
    line = " ".join(f"{x},{y}" for x, y in zip(xs, ys, strict=True))
    dots = "".join(
        _dot(x, y, GREY, "circle") if i < 3 else _dot(x, y, colour, shape)
        for i, (x, y) in enumerate(zip(xs, ys, strict=True))
    )
    return f'<polyline points="{line}" fill="none" stroke="{GREY}" stroke-width="3"/>{dots}'


def variation_icon_for(kind: str, size: int = 48) -> Markup:
    """Return the variation icon of one kind (a key of VARIATIONS)."""
    colour, letter, label = VARIATIONS[kind]
    shape = SHAPES.get(kind.split("_")[0], "circle")
    if kind == "common_cause":
        body = _points([56, 46, 60, 44, 54])
    elif kind.endswith("high"):
        body = _letter(letter, 40) + _points([74, 66, 72, 56, 50], colour, shape)
    else:
        body = _points([30, 38, 32, 48, 54], colour, shape) + _letter(letter, 82)
    return _svg(label, colour, body, size, kind)


def variation_icon(chart: Chart, size: int = 48) -> Markup:
    """Return the icon for the variation of a chart's latest point."""
    return variation_icon_for(variation_kind(chart), size)


def assurance_icon_for(assurance: str, size: int = 48, target: str = "target") -> Markup:
    """Return the assurance icon (pass, fail or hit_and_miss), or nothing for none."""
    if assurance not in ASSURANCES:
        return Markup("")
    colour, letter, label = ASSURANCES[assurance]
    # The dashed line is the target; the grey line the process, above, below or across it.
    process = {
        "pass": "20,56 32,50 44,54 56,48 68,53 80,49",
        "fail": "20,78 32,72 44,76 56,70 68,75 80,71",
    }
    squiggle = process.get(assurance, "20,70 32,56 44,74 56,58 68,76 80,60")
    body = (
        _letter(letter, 42)
        + f'<line x1="16" x2="84" y1="64" y2="64" stroke="{INK}" stroke-width="3" '
        'stroke-dasharray="7 4"/>'
        + f'<polyline points="{squiggle}" fill="none" stroke="#768692" stroke-width="4"/>'
    )
    return _svg(label.format(target=target), colour, body, size, assurance)


def assurance_icon(chart: Chart, size: int = 48, target: str = "target") -> Markup:
    """Return the icon for whether a chart's process will meet its target, or nothing."""
    return assurance_icon_for(chart.assurance, size, target)
