"""Secondary suppression: no hidden count can be worked out from what is shown, through
any of the ways the pages use the one rule (a table, a column, or any sums)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.services.dashboards.overview import hide_first, trust_sums
from coprod.services.dashboards.suppression import (
    Sum,
    across,
    determined,
    suppress,
    suppress_column,
    suppress_sums,
    table_sums,
    with_totals,
)


def _shown(table):
    return [[table.value(i, j) for j in range(len(row))] for i, row in enumerate(table.grid)]


def _exposed(table):
    """Return the hidden positions of a suppressed table that its sums pin down."""
    values, sums = table_sums(table.grid)
    return determined(values, sums, table.hidden)


def assert_safe(values, sums, hidden, minimum):
    """Check the rule: small counts hidden, zeros shown, and nothing hidden given away."""
    for key, value in values.items():
        if 0 < value < minimum:
            assert key in hidden, key
        if value == 0:
            assert key not in hidden, key
    for each in sums:
        shut = [key for key in each.keys if key in hidden]
        assert len(shut) != 1, each
        if each.total not in hidden:
            amount = sum(values[key] for key in shut)
            assert amount == 0 or amount >= minimum, each
    assert determined(values, sums, hidden) == set()


def test_hiding_only_the_small_count_would_leak_it_by_subtraction():
    # 20 = 12 + 5 + 3: with only the 3 hidden, 20 - 12 - 5 gives it away.
    cells, total = suppress_column([12, 5, 3], minimum=5)
    assert cells == [12, None, None]
    assert total == 20


def test_counts_at_the_minimum_show_and_zeros_show():
    cells, total = suppress_column([5, 0, 7], minimum=5)
    assert cells == [5, 0, 7]
    assert total == 12


def test_small_counts_hidden_together_must_add_up_to_the_minimum():
    # 2 and 1 hide each other, but 25 less the rest would say they are 3 people together.
    cells, total = suppress_column([12, 10, 2, 1, 0], minimum=5)
    assert cells == [12, None, None, None, 0]
    assert total == 25


def test_a_zero_is_never_hidden_to_protect_another_count():
    # The 2 needs a partner: the 6, not the 0, since readers know zeros are shown.
    cells, total = suppress_column([2, 0, 6, 9], minimum=5)
    assert cells == [None, 0, None, 9]
    assert total == 17


def test_a_total_below_the_minimum_is_hidden_with_its_cells():
    cells, total = suppress_column([1, 2, 0], minimum=5)
    assert cells == [None, None, 0]
    assert total is None


def test_a_total_hidden_elsewhere_takes_a_cell_with_it():
    # Were only the total hidden, adding up the cells would give it back.
    cells, total = suppress_column([6, 8, 9], minimum=5, hide_total=True)
    assert total is None
    assert cells == [None, 8, 9]


def test_secondary_suppression_crosses_rows_and_columns():
    table = suppress([[3, 10, 12], [8, 9, 15]], minimum=5)
    shown = _shown(table)
    # The 3 takes the 8 below it (its column) and the 10 beside it (its row), and the 9
    # then completes the square, so every row and column has two hidden counts.
    assert shown[0] == [None, None, 12, 25]
    assert shown[1] == [None, None, 15, 32]
    assert shown[2] == [11, 19, 27, 57]
    assert _exposed(table) == set()


def test_a_small_row_total_is_hidden_and_protected_in_the_totals_column():
    table = suppress([[1, 2], [6, 7], [9, 8]], minimum=5)
    assert table.value(0, 2) is None  # 1 + 2 = 3 is itself too small
    # The totals column 3 + 13 + 17 = 33 would give the 3 back: the 13 goes too.
    assert table.value(1, 2) is None
    assert table.value(3, 2) == 33


def test_percentages_of_a_hidden_count_or_total_are_hidden():
    table = suppress([[12], [5], [3]], minimum=5)
    assert table.percent((0, 0), (3, 0)) == pytest.approx(60)
    assert table.percent((1, 0), (3, 0)) is None
    small = suppress([[2], [1]], minimum=5)
    assert small.percent((0, 0), (2, 0)) is None


def test_bad_tables_and_sums_are_refused():
    with pytest.raises(ValueError):
        suppress([[1, 2], [3]], minimum=5)
    with pytest.raises(ValueError):
        suppress([[-1]], minimum=5)
    with pytest.raises(ValueError):
        suppress([[1]], minimum=0)
    with pytest.raises(ValueError, match="do not add up"):
        suppress_sums({"a": 2, "b": 3, "T": 6}, [Sum("T", ("a", "b"))], 5)
    with pytest.raises(ValueError, match="needs a count"):
        suppress_sums({"a": 2, "T": 2}, [Sum("T", ("a", "b"))], 5)
    with pytest.raises(ValueError, match="not a count"):
        suppress_sums({"a": 2, "T": 2}, [Sum("T", ("a",))], 5, hide=["x"])
    with pytest.raises(ValueError):
        suppress([[1, 2]], minimum=5, splits=[[1, 1]])
    assert with_totals([[1, 2], [3, 4]]) == ((1, 2, 3), (3, 4, 7), (4, 6, 10))


def test_a_total_hidden_in_one_split_is_hidden_in_the_table_too():
    # 30 responses; the answers to one question split them 27 + 3: the 3 takes the 27 with
    # it, never the total, which both tables share.
    table = suppress([[10, 20]], minimum=5, splits=[[27, 3]])
    assert table.splits == ((None, None),)
    assert table.value(1, 2) == 30
    # Hidden elsewhere, the shared total takes a count of each split and of the table.
    table = suppress([[10, 20]], minimum=5, splits=[[15, 15]], hide=[(1, 2)])
    assert table.value(1, 2) is None
    assert None in table.splits[0] and None in _shown(table)[0][:2]
    assert _exposed(table) == set()


def test_a_zero_hidden_elsewhere_needs_no_protecting():
    hidden = suppress_sums({"a": 0, "b": 8, "T": 8}, [Sum("T", ("a", "b"))], 5, hide=["a"])
    assert hidden == {"a"}


tables = st.integers(1, 5).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(0, 30), min_size=width, max_size=width), min_size=1, max_size=6
    )
)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 11))
def test_no_hidden_count_is_the_only_unknown_of_any_line(rows, minimum):
    table = suppress(rows, minimum)
    for each in table_sums(table.grid)[1]:
        assert sum(p in table.hidden for p in each.keys) != 1


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 11))
def test_no_hidden_count_follows_from_all_the_equations_together(rows, minimum):
    table = suppress(rows, minimum)
    assert _exposed(table) == set()
    assert_safe(*table_sums(table.grid), table.hidden, minimum)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 11))
def test_every_small_count_is_hidden_and_every_zero_shown(rows, minimum):
    table = suppress(rows, minimum)
    for i, row in enumerate(table.grid):
        for j, count in enumerate(row):
            if 0 < count < minimum:
                assert not table.shown(i, j)
            if count == 0:
                assert table.shown(i, j)


def test_the_check_finds_a_count_that_subtraction_gives_away():
    values, sums = table_sums(with_totals([[12], [5], [3]]))
    # Only the 3 (and its copy as a row total) hidden: 20 - 12 - 5 pins it.
    assert determined(values, sums, {(2, 0), (2, 1)}) == {(2, 0), (2, 1)}
    assert determined(values, sums, {(1, 0), (1, 1), (2, 0), (2, 1)}) == set()


def test_a_count_pinned_by_several_equations_together_is_protected_too():
    # Every line has two hidden entries or none, yet the equations taken together pin the
    # total of the third column (2): that needs solving them, not only reading each line.
    table = suppress([[0, 0, 1, 0], [0, 0, 1, 0], [0, 1, 0, 2]], minimum=2)
    assert _exposed(table) == set()
    assert not table.shown(3, 2)


wards = st.integers(1, 4).flatmap(
    lambda height: st.lists(
        st.lists(st.integers(0, 20), min_size=height, max_size=height), min_size=1, max_size=5
    )
)


@settings(max_examples=300, deadline=None)
@given(wards, st.integers(2, 11))
def test_totals_across_suppressed_columns_give_nothing_back(columns, minimum):
    # Each column is one ward, suppressed on its own page; the trust shows totals across.
    shown = [suppress_column(column, minimum) for column in columns]
    row_totals = across([cells for cells, _total in shown])
    grand = across([[total] for _cells, total in shown])[0]
    rows = [list(row) for row in zip(*columns, strict=True)]
    grid = with_totals(rows)
    height, width = len(rows), len(columns)
    hidden = {
        (i, j) for j, (cells, _t) in enumerate(shown) for i, v in enumerate(cells) if v is None
    }
    hidden |= {(height, j) for j, (_c, total) in enumerate(shown) if total is None}
    hidden |= {(i, width) for i, v in enumerate(row_totals) if v is None}
    if grand is None:
        hidden.add((height, width))
    assert determined(*table_sums(grid), hidden) == set()
    for total in row_totals:
        assert total is None or not 0 < total < minimum


@st.composite
def systems(draw):
    """Counts and sums of any shape: totals of counts and of other totals, some of them
    also read straight from the counts beneath (a trust is its sites and its wards)."""
    leaves = draw(st.lists(st.integers(0, 30), min_size=1, max_size=8))
    values = {("count", n): v for n, v in enumerate(leaves)}
    sums, beneath = [], {}
    for n in range(draw(st.integers(1, 5))):
        parts = draw(st.lists(st.sampled_from(list(values)), min_size=1, max_size=4, unique=True))
        total = ("total", n)
        values[total] = sum(values[key] for key in parts)
        sums.append(Sum(total, tuple(parts)))
        flat = [leaf for key in parts for leaf in beneath.get(key, [key])]
        beneath[total] = flat
        if flat != parts and len(set(flat)) == len(flat):
            sums.append(Sum(total, tuple(flat)))
    return values, sums


@settings(max_examples=300, deadline=None)
@given(systems(), st.integers(2, 11))
def test_no_hidden_count_follows_from_any_sums(system, minimum):
    values, sums = system
    assert_safe(values, sums, suppress_sums(values, sums, minimum), minimum)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 11))
def test_a_table_hides_what_its_rows_and_columns_as_sums_hide(rows, minimum):
    table = suppress(rows, minimum)
    assert table.hidden == suppress_sums(*table_sums(table.grid), minimum)


trusts = st.lists(
    st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=3),
    min_size=1,
    max_size=3,
)


def _trust(sites):
    """Return a trust of these sites (each a list of wards' standard and Easy Read counts)
    as the overview reads it, with its counts by version."""
    made, by_variant, ward_id = [], {"standard": {}, "easy_read": {}}, 0
    for site_id, wards in enumerate(sites):
        ward_list = []
        for standard, easy_read in wards:
            ward_id += 1
            by_variant["standard"][ward_id] = standard
            by_variant["easy_read"][ward_id] = easy_read
            ward_list.append(SimpleNamespace(id=ward_id))
        made.append(SimpleNamespace(id=site_id, wards=ward_list))
    return SimpleNamespace(id=1, sites=made), by_variant


@settings(max_examples=300, deadline=None)
@given(trusts, st.integers(2, 11))
def test_the_overviews_wards_sites_trust_and_versions_give_nothing_away(sites, minimum):
    values, sums = trust_sums(*_trust(sites))
    hidden = suppress_sums(values, sums, minimum, first=hide_first)
    assert_safe(values, sums, hidden, minimum)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30), st.integers(2, 11))
def test_the_overview_and_who_took_part_hide_the_same_counts_of_a_ward(
    standard, easy_read, minimum
):
    # The overview: one ward by version. Who took part: its table of format by help.
    values, sums = trust_sums(*_trust([[(standard, easy_read)]]))
    hidden = suppress_sums(values, sums, minimum, first=hide_first)
    table = suppress([[0, 0, standard], [0, 0, easy_read]], minimum)
    for row, variant in enumerate(("standard", "easy_read", None)):
        assert (("ward", 1, variant) in hidden) == (not table.shown(row, 3)), variant
