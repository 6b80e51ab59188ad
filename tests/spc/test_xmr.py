"""The XmR engine by the Making Data Count rules, on series whose results are written out.

The rule helpers are also run on the vectors of NHSRplotthedots' own unit tests
(tests/testthat/test-ptd_calculate_point_type.R), with the results that file expects.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coprod.spc import SpcError, engine, limits, xmr

START = date(2026, 1, 5)  # a Monday


def weeks(n: int) -> list[date]:
    return [START + timedelta(weeks=i) for i in range(n)]


def chart(values, **options):
    return xmr(weeks(len(values)), values, **options)


def types(result) -> list[str]:
    return [p.point_type for p in result.points]


# The limits.


def test_limits_are_the_mean_plus_and_minus_2_66_mean_moving_ranges():
    result = chart([10, 12, 11, 13, 12])
    point = result.points[0]
    # mean 11.6; moving ranges 2, 1, 2, 1, mean 1.5
    assert point.mean == pytest.approx(11.6)
    assert point.upper_limit == pytest.approx(11.6 + 2.66 * 1.5)
    assert point.lower_limit == pytest.approx(11.6 - 2.66 * 1.5)
    assert point.near_upper == pytest.approx(11.6 + 2 / 3 * 2.66 * 1.5)
    assert point.near_lower == pytest.approx(11.6 - 2 / 3 * 2.66 * 1.5)
    assert {p.mean for p in result.points} == {point.mean}


def test_large_moving_ranges_are_screened_out_before_the_limits_are_set():
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 40]
    # Moving ranges: eight of 1 and one of 30; mean 38 / 9 = 4.22, and 30 is over 3.267
    # times that, so it is left out and the mean moving range is 1.
    assert limits(values) == (pytest.approx(13.4), pytest.approx(1.0))
    assert limits(values, screen=False) == (pytest.approx(13.4), pytest.approx(38 / 9))
    screened, kept = chart(values), chart(values, screen=False)
    assert screened.points[0].upper_limit == pytest.approx(13.4 + 2.66)
    assert kept.points[0].upper_limit == pytest.approx(13.4 + 2.66 * 38 / 9)


# Each rule, firing and not firing.


def test_a_point_beyond_a_limit_is_special_cause_by_its_side_and_the_direction():
    swings = [0, 20] * 6
    # Mean 220 / 13 = 16.9; moving ranges eleven of 20 and one of 80, mean 25, none screened;
    # limits 16.9 +/- 66.5, so only 100 is beyond one.
    up = chart([*swings, 100])
    assert up.points[0].upper_limit == pytest.approx(220 / 13 + 2.66 * 25)
    assert types(up) == ["common_cause"] * 12 + ["improvement"]
    assert up.points[-1].rules == ("outside_limits",)
    assert types(chart([*swings, 100], improvement="decrease"))[-1] == "concern"
    assert types(chart([*swings, 100], improvement="neutral"))[-1] == "neutral_high"
    # The range of 100 down to -80 is screened out: the limits are 3.08 +/- 53.2.
    low = chart([*swings, -80], improvement="decrease")
    assert types(low) == ["common_cause"] * 12 + ["improvement"]
    assert types(chart([*swings, -80], improvement="neutral"))[-1] == "neutral_low"


# Wide swings keep the limits wide, so only the rule under test can fire.
TREND = [0, 20, 0, 20, 0, 20, 8, 9, 10, 11, 12, 13, 14, 0, 20, 0]


def test_seven_points_each_higher_than_the_last_are_a_trend():
    result = chart(TREND)
    expected = ["common_cause"] * 6 + ["improvement"] * 7 + ["common_cause"] * 3
    assert types(result) == expected
    assert all(p.rules == ("trend",) for p in result.points[6:13])
    assert types(chart(TREND, improvement="decrease"))[6:13] == ["concern"] * 7
    falling = [0, 20, 0, 20, 0, 20, 14, 13, 12, 11, 10, 9, 8, 20, 0, 20]
    assert types(chart(falling))[6:13] == ["concern"] * 7


def test_a_tie_breaks_a_trend_and_six_rising_points_are_not_one():
    tied = [*TREND[:9], 10, *TREND[10:]]  # 8, 9, 10, 10, 12, 13, 14
    assert types(chart(tied)) == ["common_cause"] * len(tied)
    six = [*TREND[:12], 0, *TREND[13:]]  # 8 to 13, then down
    assert "trend" not in {r for p in chart(six).points for r in p.rules}


SHIFT = [0, 20, 0, 20, 0, 20, 0, 12, 13, 12, 13, 12, 13, 12, 0, 20]


def test_seven_points_on_one_side_of_the_mean_are_a_shift():
    result = chart(SHIFT)
    assert result.points[0].mean == pytest.approx(167 / 16)  # 10.44: 12 and 13 are above
    assert types(result) == ["common_cause"] * 7 + ["improvement"] * 7 + ["common_cause"] * 2
    assert all(p.rules == ("shift",) for p in result.points[7:14])
    assert types(chart(SHIFT, improvement="neutral"))[7:14] == ["neutral_high"] * 7


def test_a_point_on_the_mean_breaks_a_shift():
    # The mean is exactly 10, and the fourth point of the run sits on it.
    on_mean = [0, 20, 0, 20, 0, 20, 0, 12, 13, 12, 10, 13, 12, 13, 0, 20, 5]
    result = chart(on_mean)
    assert result.points[0].mean == pytest.approx(10)
    assert "shift" not in {r for p in result.points for r in p.rules}
    # Without the point on the mean the same run is a shift.
    above = [*on_mean[:10], 12, *on_mean[11:]]
    assert "shift" in {r for p in chart(above).points for r in p.rules}


NOISE = [9, 11] * 10  # mean 10, moving ranges of 2: narrow limits


def test_two_of_three_beyond_the_near_band_on_one_side_flag_only_those_two():
    result = chart([*NOISE, 16, 12, 16, 10, 11])
    p = result.points[0]
    # Mean 265 / 25 = 10.6, mean moving range 58 / 24: 16 lies beyond the near band and
    # inside the limit, and 12 above the mean but inside the near band.
    assert p.mean == pytest.approx(10.6) and p.near_upper < 16 < p.upper_limit
    assert p.mean < 12 < p.near_upper
    flagged = [i for i, q in enumerate(result.points) if "two_of_three" in q.rules]
    assert flagged == [20, 22]
    assert types(result)[20:23] == ["improvement", "common_cause", "improvement"]
    assert set(types(result)[:20] + types(result)[23:]) == {"common_cause"}


def test_two_of_three_does_not_fire_across_the_mean_or_on_opposite_sides():
    across = chart([*NOISE, 16, 9, 16, 10, 11])  # the middle point is below the mean
    assert across.points[0].near_upper < 16 < across.points[0].upper_limit
    assert not [q for q in across.points if "two_of_three" in q.rules]
    opposite = chart([*NOISE, 16, 12, 5, 10, 11])  # one beyond each near band
    p = opposite.points[0]
    assert p.near_upper < 16 < p.upper_limit and p.lower_limit < 5 < p.near_lower
    assert not [q for q in opposite.points if "two_of_three" in q.rules]


def test_the_first_rule_that_holds_gives_the_type_and_every_rule_is_listed():
    # A long run above the mean that ends beyond the limit: shift and outside both hold.
    values = [0, 20, 0, 20, 0, 20, 0, 16, 17, 16, 17, 16, 17, 60]
    last = chart(values).points[-1]
    assert last.rules[0] == "outside_limits" and "shift" in last.rules
    assert last.point_type == "improvement"


# Trial limits and rebasing.


def test_fewer_than_twelve_points_have_trial_limits():
    assert all(p.trial for p in chart([10, 11] * 5 + [10]).points)
    assert not any(p.trial for p in chart([10, 11] * 6).points)


def test_rebasing_starts_a_new_group_with_its_own_limits():
    before = [10, 12, 9, 11, 10, 12, 9, 11, 10, 12, 9, 11]
    after = [v + 10 for v in before]
    dates = weeks(24)
    plain = xmr(dates, before + after)
    # One set of limits across a step change: the second half is a shift above the mean.
    assert set(types(plain)[12:]) == {"improvement"}
    rebased = xmr(dates, before + after, rebase=[dates[12]])
    assert [p.group for p in rebased.points] == [0] * 12 + [1] * 12
    assert rebased.points[0].mean == pytest.approx(10.5)
    assert rebased.points[-1].mean == pytest.approx(20.5)
    assert set(types(rebased)) == {"common_cause"}
    # A rebase date between two points starts the group at the next point.
    between = xmr(dates, before + after, rebase=[dates[12] - timedelta(days=3)])
    assert [p.group for p in between.points] == [p.group for p in rebased.points]
    # A rebase before the first point changes nothing.
    assert xmr(dates, before + after, rebase=[dates[0] - timedelta(days=7)]) == plain


# Assurance against a target, with the latest limits.


@pytest.mark.parametrize(
    ("improvement", "target", "expected"),
    [
        ("increase", 5, "pass"),  # the lower limit is above the target
        ("increase", 20, "fail"),  # the upper limit is below the target
        ("increase", 11, "hit_and_miss"),
        ("decrease", 20, "pass"),
        ("decrease", 5, "fail"),
        ("decrease", 11, "hit_and_miss"),
        ("neutral", 5, "none"),
        ("increase", None, "none"),
    ],
)
def test_assurance_compares_the_target_with_the_latest_limits(improvement, target, expected):
    result = chart([10, 12, 11, 13, 12], improvement=improvement, target=target)
    assert (result.points[-1].lower_limit, result.points[-1].upper_limit) == (
        pytest.approx(7.61),
        pytest.approx(15.59),
    )
    assert result.assurance == expected


def test_the_variation_is_the_latest_points_type():
    assert chart([10, 11, 10, 11, 10, 11, 10, 11, 10, 40]).variation == "improvement"
    assert chart([10, 12, 11, 13, 12]).variation == "common_cause"


@pytest.mark.parametrize(
    ("dates", "values", "improvement", "message"),
    [
        ([], [], "increase", "no points"),
        (weeks(2), [1.0], "increase", "one value for each date"),
        ([START, START], [1.0, 2.0], "increase", "appears twice"),
        (weeks(2), [1.0, 2.0], "up", "improvement must be one of"),
    ],
)
def test_a_series_that_cannot_be_charted_is_refused(dates, values, improvement, message):
    with pytest.raises(SpcError, match=message):
        xmr(dates, values, improvement=improvement)


def test_points_are_charted_in_date_order_whatever_order_they_come_in():
    dates = weeks(5)
    values = [10, 12, 11, 13, 12]
    shuffled = xmr(list(reversed(dates)), list(reversed(values)))
    assert shuffled == xmr(dates, values)


# NHSRplotthedots' own vectors for its rule helpers, and the results its tests expect.


@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        ([1] * 6, [0] * 6),
        ([1] * 6 + [-1], [0] * 7),
        ([1] * 8 + [-1], [0] * 6 + [1, 1, 0]),
        ([-1] * 8 + [1], [0] * 6 + [1, 1, 0]),
    ],
)
def test_seven_on_one_side_ends_as_nhsrplotthedots(sides, expected):
    assert engine._shift_ends(sides) == expected


@pytest.mark.parametrize(
    ("ends", "expected"),
    [
        ([0] * 6, [0] * 6),
        ([0] * 6 + [1, 0], [1] * 7 + [0]),
        ([0] * 7 + [1, 0], [0] + [1] * 7 + [0]),
        ([0] * 6 + [-1, 0], [1] * 7 + [0]),
    ],
)
def test_part_of_a_run_as_nhsrplotthedots(ends, expected):
    assert engine._part_of_run(ends) == [bool(e) for e in expected]


@pytest.mark.parametrize(
    ("y", "expected"),
    [
        (list(range(1, 7)), [0] * 6),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7),
        (list(range(1, 8)), [0] * 6 + [1]),
        ([2, *range(1, 8), 3], [0] * 7 + [1, 0]),
        (list(range(7, 0, -1)), [0] * 6 + [-1]),
        ([2, *range(7, 0, -1), 3], [0] * 7 + [-1, 0]),
    ],
)
def test_seven_point_trend_ends_as_nhsrplotthedots(y, expected):
    assert engine._trend_ends(y) == expected


@pytest.mark.parametrize(
    ("near", "sides", "expected"),
    [
        ([1, 0, 1], [1, 1, 1], [1, 0, 1]),
        ([0, 1, 1], [1, 1, 1], [0, 1, 1]),
        ([0, 0, 1, 0, 1, 0, 0], [1] * 7, [0, 0, 1, 0, 1, 0, 0]),
        ([0, 0, 1, 1, 0, 0, 0], [1] * 7, [0, 0, 1, 1, 0, 0, 0]),
        ([1, 0, 0, 1], [1] * 4, [0, 0, 0, 0]),
        ([1, 0, 0, 1, 1], [1] * 5, [0, 0, 0, 1, 1]),
        ([1, 0, 1], [1, -1, 1], [0, 0, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], [0] * 7),
    ],
)
def test_two_of_three_as_nhsrplotthedots(near, sides, expected):
    assert engine._two_of_three([bool(n) for n in near], sides) == [bool(e) for e in expected]


# NHSRplotthedots' own example (tests/testthat/test-ptd_spc_standard.R): set.seed(123);
# rnorm(20), daily from 2020-01-02; its recorded results (the _snaps file) are below.
RNORM_123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774,
    1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197,
    1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113,
    1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "screen", "mean", "lower", "upper"),
    [
        (None, True, 0.1416238, -3.01138, 3.294627),
        (10, True, 0.6694159, -2.383666, 3.722497),  # the 15th point set to 10
        (10, False, 0.6694159, -4.596625, 5.935457),
    ],
)
def test_limits_match_nhsrplotthedots_on_its_own_example(change, screen, mean, lower, upper):
    values = list(RNORM_123)
    if change is not None:
        values[14] = change
    days = [date(2020, 1, 2) + timedelta(days=i) for i in range(20)]
    point = xmr(days, values, screen=screen).points[0]
    assert point.mean == pytest.approx(mean, abs=1e-6)
    assert point.lower_limit == pytest.approx(lower, abs=1e-5)
    assert point.upper_limit == pytest.approx(upper, abs=1e-5)
    if change is None:
        sides = [1 if v > point.mean else -1 for v in values[:15]]
        assert sides == [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]
