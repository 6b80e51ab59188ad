"""The Making Data Count icons: which one a chart calls for, and that each reads without
colour (a letter and a label in words)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from coprod.spc import xmr
from coprod.spc.icons import (
    ASSURANCES,
    VARIATIONS,
    assurance_icon,
    assurance_icon_for,
    variation_icon,
    variation_icon_for,
    variation_kind,
)

START = date(2026, 1, 5)
NOISE = [10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11, 10, 12]
BEYOND = [0, 20] * 6 + [100]  # the latest point is far above the upper limit


def weeks(n: int) -> list[date]:
    return [START + timedelta(weeks=i) for i in range(n)]


@pytest.mark.parametrize(
    ("values", "improvement", "kind"),
    [
        (NOISE, "increase", "common_cause"),
        (BEYOND, "increase", "improvement_high"),
        (BEYOND, "decrease", "concern_high"),
        (BEYOND, "neutral", "neutral_high"),
        ([100 - v for v in BEYOND], "increase", "concern_low"),
        ([100 - v for v in BEYOND], "decrease", "improvement_low"),
        ([100 - v for v in BEYOND], "neutral", "neutral_low"),
    ],
)
def test_the_latest_point_chooses_the_variation_icon(values, improvement, kind):
    chart = xmr(weeks(len(values)), values, improvement=improvement)
    assert variation_kind(chart) == kind
    assert f"coprod-icon--{kind}" in variation_icon(chart)


@pytest.mark.parametrize(
    ("kind", "colour", "letter"),
    [
        ("common_cause", "#a6a6a6", None),
        ("improvement_high", "#00b0f0", "H"),
        ("improvement_low", "#00b0f0", "L"),
        ("concern_high", "#e46c0a", "H"),
        ("concern_low", "#e46c0a", "L"),
        ("neutral_high", "#490092", "H"),
        ("neutral_low", "#490092", "L"),
    ],
)
def test_each_variation_icon_has_its_colour_letter_and_label(kind, colour, letter):
    svg = str(variation_icon_for(kind))
    assert svg.startswith("<svg ") and 'role="img"' in svg
    assert f'stroke="{colour}"' in svg  # the ring
    label = re.search(r'aria-label="([^"]+)"', svg).group(1)
    assert label == VARIATIONS[kind][2] and f"<title>{label}</title>" in svg
    letters = re.findall(r">([A-Z?])</text>", svg)
    assert letters == ([letter] if letter else [])


def test_improvement_and_concern_differ_in_shape_not_only_colour():
    improvement, concern = (
        variation_icon_for("improvement_high"),
        variation_icon_for("concern_high"),
    )
    assert improvement.count("<polygon") == 2 and "<rect" not in improvement  # triangles
    assert concern.count("<rect") == 2  # squares


@pytest.mark.parametrize(
    ("target", "assurance", "letter", "colour"),
    [
        (5, "pass", "P", "#00b0f0"),
        (30, "fail", "F", "#e46c0a"),
        (11.5, "hit_and_miss", "?", "#a6a6a6"),
    ],
)
def test_the_assurance_icon_says_whether_the_target_will_be_met(target, assurance, letter, colour):
    chart = xmr(weeks(len(NOISE)), NOISE, target=target)
    assert chart.assurance == assurance
    svg = str(assurance_icon(chart, target="aim"))
    assert f">{letter}</text>" in svg and f'stroke="{colour}"' in svg
    assert "stroke-dasharray" in svg  # the target line
    assert ASSURANCES[assurance][2].format(target="aim") in svg


def test_no_target_means_no_assurance_icon():
    assert assurance_icon(xmr(weeks(len(NOISE)), NOISE)) == ""
    assert assurance_icon(xmr(weeks(len(NOISE)), NOISE, improvement="neutral", target=5)) == ""
    assert assurance_icon_for("none") == ""


def test_the_label_is_escaped_and_the_size_is_given():
    svg = str(assurance_icon_for("pass", size=32, target='<b>"aim"</b>'))
    assert 'width="32" height="32"' in svg
    assert "<b>" not in svg and "&lt;b&gt;" in svg
