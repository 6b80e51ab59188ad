"""Secondary suppression: no hidden count can be worked out from what is shown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.services.dashboards.suppression import (
    across,
    determined,
    lines,
    suppress,
    suppress_column,
    with_totals,
)


def _shown(table):
    return [[table.value(i, j) for j in range(len(row))] for i, row in enumerate(table.grid)]


def test_hiding_only_the_small_count_would_leak_it_by_subtraction():
    # 20 = 12 + 5 + 3: with only the 3 hidden, 20 - 12 - 5 gives it away.
    cells, total = suppress_column([12, 5, 3], minimum=5)
    assert cells == [12, None, None]
    assert total == 20


def test_counts_at_the_minimum_show_and_zeros_show():
    cells, total = suppress_column([5, 0, 7], minimum=5)
    assert cells == [5, 0, 7]
    assert total == 12


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
    assert determined(table.grid, table.hidden) == set()


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


def test_bad_tables_are_refused():
    with pytest.raises(ValueError):
        suppress([[1, 2], [3]], minimum=5)
    with pytest.raises(ValueError):
        suppress([[-1]], minimum=5)
    with pytest.raises(ValueError):
        suppress([[1]], minimum=0)
    assert with_totals([[1, 2], [3, 4]]) == ((1, 2, 3), (3, 4, 7), (4, 6, 10))


tables = st.integers(1, 5).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(0, 30), min_size=width, max_size=width), min_size=1, max_size=6
    )
)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 11))
def test_no_hidden_count_is_the_only_unknown_of_any_line(rows, minimum):
    table = suppress(rows, minimum)
    for line in lines(table.grid):
        assert sum(p in table.hidden for p in line) != 1


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 11))
def test_no_hidden_count_follows_from_all_the_equations_together(rows, minimum):
    table = suppress(rows, minimum)
    assert determined(table.grid, table.hidden) == set()


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
    grid = with_totals([[12], [5], [3]])
    # Only the 3 (and its copy as a row total) hidden: 20 - 12 - 5 pins it.
    assert determined(grid, {(2, 0), (2, 1)}) == {(2, 0), (2, 1)}
    assert determined(grid, {(1, 0), (1, 1), (2, 0), (2, 1)}) == set()


def test_a_count_pinned_by_several_equations_together_is_protected_too():
    # Every line has two hidden entries or none, yet the equations taken together pin the
    # total of the third column (2): that needs solving them, not only reading each line.
    table = suppress([[0, 0, 1, 0], [0, 0, 1, 0], [0, 1, 0, 2]], minimum=2)
    assert determined(table.grid, table.hidden) == set()
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
    assert determined(grid, hidden) == set()
    for total in row_totals:
        assert total is None or not 0 < total < minimum
