"""What a chart says in words, and how it is drawn: gaps, shapes for print, escaped text."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from coprod.spc import assurance_words, describe, describe_changes, draw, xmr

START = date(2026, 1, 5)


def weeks(n: int) -> list[date]:
    return [START + timedelta(weeks=i) for i in range(n)]


SHIFT = [0, 20, 0, 20, 0, 20, 0, 12, 13, 12, 13, 12, 13, 12]
TREND = [0, 20, 0, 20, 0, 20, 8, 9, 10, 11, 12, 13, 14]


def test_common_cause_is_said_plainly():
    text = describe(xmr(weeks(14), [10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11, 10, 12]))
    assert text.startswith("Common cause variation: the latest week is within the usual range")
    assert "trial" not in text


def test_a_shift_says_how_many_weeks_and_since_when():
    text = describe(xmr(weeks(14), SHIFT))
    # The run starts at the 8th week: 23 February 2026.
    assert text.startswith("7 weeks in a row above the mean since 23 February 2026: improvement.")


def test_a_trend_a_limit_and_two_of_three_are_named():
    assert describe(xmr(weeks(13), TREND)).startswith(
        "7 weeks in a row each higher than the last, since 16 February 2026: improvement."
    )
    beyond = describe(xmr(weeks(13), [0, 20] * 6 + [100], improvement="decrease"))
    assert beyond.startswith("The latest week is beyond the upper process limit: concern.")
    noise = [9, 11] * 10
    two = describe(xmr(weeks(23), [*noise, 16, 12, 16]))
    assert two.startswith("2 of the last 3 weeks are close to the limit above the mean")


def test_trial_limits_and_assurance_are_said():
    text = describe(xmr(weeks(5), [10, 12, 11, 13, 12], target=5))
    assert "These are trial limits: fewer than 12 weeks" in text
    assert text.endswith("The process will consistently meet the target.")


def test_a_missing_week_is_a_gap_in_the_line():
    periods = weeks(6)
    shown = [d for i, d in enumerate(periods) if i != 3]
    svg = draw(
        xmr(shown, [50, 60, 55, 65, 60]),
        periods,
        ident="c",
        title="Calm",
        description="Words",
    )
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert [len(line.split()) for line in lines] == [3, 2]


def test_each_kind_of_point_has_its_own_shape_for_black_and_white_print():
    values = [0, 20] * 6 + [100]
    up = draw(xmr(weeks(13), values), weeks(13), ident="u", title="t", description="d")
    down = draw(
        xmr(weeks(13), values, improvement="decrease"),
        weeks(13),
        ident="d",
        title="t",
        description="d",
        clip=False,
    )
    assert up.count("<polygon") == 1 and up.count("<circle") == 12  # a triangle: improvement
    assert down.count("<rect") == 1  # a square: concern
    assert 'fill="#00b0f0"' in up and 'fill="#e46c0a"' in down


def test_titles_are_escaped_and_named_for_screen_readers():
    svg = draw(
        xmr(weeks(3), [1, 2, 3]),
        weeks(3),
        ident="m1",
        title="<script>alert(1)</script>",
        description='Says "hello" & more',
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'aria-labelledby="m1-title m1-desc"' in svg and 'role="img"' in svg
    assert "&amp; more" in svg


def test_an_aim_a_baseline_and_changes_are_drawn_distinctly_for_print():
    periods = weeks(14)
    chart = xmr(periods, [10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11, 10, 12], target=30)
    plain = draw(chart, periods, ident="p", title="t", description="d", target=30)
    assert 'stroke-dasharray="10 4 2 4"' in plain  # dash-dot: unlike the dashed limits
    assert ">Target 30</text>" in plain
    assert "coprod-spc__baseline" not in plain and "coprod-spc__change" not in plain
    svg = draw(
        chart,
        periods,
        ident="a",
        title="t",
        description="d",
        target=30,
        target_label="Aim <30%>",
        baseline=(periods[0], periods[5]),
        changes=[(1, periods[3]), (2, periods[8] + timedelta(days=3)), (3, date(2020, 1, 6))],
    )
    assert ">Aim &lt;30%&gt;</text>" in svg
    assert svg.count('class="coprod-spc__baseline"') == 1 and ">Baseline</text>" in svg
    # Numbered upright lines for the changes in the period; one long before it is left out.
    numbers = re.findall(r'font-weight="bold">(\d+)</text></g>', svg)
    assert numbers == ["1", "2"]
    xs = [float(x) for x in re.findall(r'<g class="coprod-spc__change"><line x1="([\d.]+)"', svg)]
    step = (720 - 56 - 16) / 13
    # A change on a Thursday is drawn between its week and the next, where it happened.
    assert xs == pytest.approx([56 + 3 * step, 56 + (8 + 3 / 7) * step], abs=0.1)


def test_changes_are_said_in_words():
    assert describe_changes([]) == ""
    text = describe_changes(
        [(1, "Meal times", "2 March 2026", True), (2, "Huddles", "9 March 2026", False)]
    )
    assert text == (
        "Changes marked by number: 1, Meal times, from 2 March 2026 (new limits from then); "
        "2, Huddles, from 9 March 2026."
    )


def test_assurance_can_be_said_of_an_aim():
    chart = xmr(weeks(14), [10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11, 10, 12], target=30)
    assert describe(chart, target="aim").endswith(
        "The process will consistently fail to meet the aim unless something changes."
    )
    assert assurance_words(chart) == (
        "The process will consistently fail to meet the target unless something changes."
    )
