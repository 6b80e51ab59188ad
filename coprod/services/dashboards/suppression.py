"""Which counts of a table may be shown: small counts hidden, and every count that would
let a reader work a hidden one out from the totals hidden too.

A table is its counts (rows of cells) with a total for each row, each column and the whole.
Each row and each column is an equation: its cells add up to its total. A count from 1 to
minimum - 1 is hidden (primary suppression). A zero is shown, as the NHS convention is: it
says nobody was there, which identifies no one. Then, while some row or column has exactly
one hidden entry (a cell or its total), the next smallest shown entry of that line that is
not zero is hidden too (secondary suppression): a hidden zero would protect nothing, since
readers know zeros are shown. Last, the equations are solved together, and any hidden count
they still pin down exactly has a neighbour hidden, and the rules run again.

Positions are (row, column); row len(rows) is the totals row, column len(rows[0]) the
totals column, so (len(rows), len(rows[0])) is the grand total. Pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

Position = tuple[int, int]


@dataclass(frozen=True)
class Suppressed:
    """A table with its totals, and the positions that must not be shown."""

    grid: tuple[tuple[int, ...], ...]
    hidden: frozenset[Position]
    minimum: int

    @property
    def total_row(self) -> int:
        return len(self.grid) - 1

    @property
    def total_column(self) -> int:
        return len(self.grid[0]) - 1

    def shown(self, row: int, column: int) -> bool:
        """Return whether the count at this position may be shown."""
        return (row, column) not in self.hidden

    def value(self, row: int, column: int) -> int | None:
        """Return the count at this position, or None if it is hidden."""
        return self.grid[row][column] if self.shown(row, column) else None

    def percent(self, part: Position, whole: Position) -> float | None:
        """Return part as a percentage of whole, or None if either is hidden or whole is 0."""
        count, total = self.value(*part), self.value(*whole)
        if count is None or not total:
            return None
        return 100 * count / total


def with_totals(rows: Sequence[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    """Return the rows with a total added to each row, and a totals row beneath."""
    if not rows or not rows[0]:
        raise ValueError("a table needs at least one row and one column")
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError("every row needs the same number of cells")
    if any(count < 0 for row in rows for count in row):
        raise ValueError("counts cannot be negative")
    body = [(*row, sum(row)) for row in rows]
    totals = tuple(sum(row[j] for row in body) for j in range(width + 1))
    return (*(tuple(row) for row in body), totals)


def lines(grid: Sequence[Sequence[int]]) -> list[list[Position]]:
    """Return every equation of the table as its positions, the total last."""
    height, width = len(grid), len(grid[0])
    found = [[(i, j) for j in range(width)] for i in range(height)]
    found += [[(i, j) for i in range(height)] for j in range(width)]
    return found


def suppress(
    rows: Sequence[Sequence[int]], minimum: int, *, hide: Iterable[Position] = ()
) -> Suppressed:
    """Return the table with its totals and the positions to hide; hide adds positions
    already hidden elsewhere (a total another table could not show)."""
    if minimum < 1:
        raise ValueError("the minimum must be at least 1")
    grid = with_totals(rows)
    hidden = {(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if 0 < v < minimum}
    hidden |= set(hide)
    equations = lines(grid)
    while True:
        _close_lines(grid, equations, hidden)
        exposed = determined(grid, hidden)
        if not exposed:
            return Suppressed(grid, frozenset(hidden), minimum)
        # One more hidden neighbour of the first exposed count, then the line rule again.
        target = min(exposed)
        candidates = [
            p for line in equations if target in line for p in line if _can_hide(grid, hidden, p)
        ]
        if not candidates:  # every count of its lines is hidden or zero: look further
            candidates = [p for line in equations for p in line if _can_hide(grid, hidden, p)]
        hidden.add(min(candidates, key=lambda p: _order(grid, p)))


def _can_hide(grid, hidden: set[Position], position: Position) -> bool:
    return position not in hidden and grid[position[0]][position[1]] != 0


def _order(grid, position: Position) -> tuple[int, bool, Position]:
    """Smallest first; between equal counts, a cell before a total (which says more)."""
    i, j = position
    is_total = i == len(grid) - 1 or j == len(grid[0]) - 1
    return grid[i][j], is_total, position


def _close_lines(grid, equations: list[list[Position]], hidden: set[Position]) -> None:
    """Hide, in any line with exactly one hidden entry, its next smallest non-zero entry."""
    changed = True
    while changed:
        changed = False
        for line in equations:
            if sum(p in hidden for p in line) != 1:
                continue
            candidates = [p for p in line if _can_hide(grid, hidden, p)]
            # There is always one: the lone hidden entry is not zero, so neither is the
            # rest of its line taken together.
            hidden.add(min(candidates, key=lambda p: _order(grid, p)))
            changed = True


def determined(grid: Sequence[Sequence[int]], hidden: Iterable[Position]) -> set[Position]:
    """Return the hidden positions whose counts follow exactly from the shown counts."""
    unknowns = sorted(hidden)
    if not unknowns:
        return set()
    index = {p: k for k, p in enumerate(unknowns)}
    matrix: list[list[Fraction]] = []
    for line in lines(grid):
        total = line[-1]
        row = [Fraction(0)] * len(unknowns)
        for p in line:
            if p in index:
                row[index[p]] += -1 if p == total else 1
        if any(row):
            matrix.append(row)
    pivots = _reduce(matrix)
    # A hidden count is pinned exactly when its pivot row names no other unknown.
    found = set()
    for r, column in pivots:
        if all(matrix[r][k] == 0 for k in range(len(unknowns)) if k != column):
            found.add(unknowns[column])
    return found


def _reduce(matrix: list[list[Fraction]]) -> list[tuple[int, int]]:
    """Bring matrix to reduced row echelon form in place; return (row, column) of pivots."""
    pivots = []
    r = 0
    width = len(matrix[0]) if matrix else 0
    for column in range(width):
        pivot = next((k for k in range(r, len(matrix)) if matrix[k][column] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        lead = matrix[r][column]
        matrix[r] = [v / lead for v in matrix[r]]
        for k in range(len(matrix)):
            if k != r and matrix[k][column] != 0:
                factor = matrix[k][column]
                matrix[k] = [a - factor * b for a, b in zip(matrix[k], matrix[r], strict=True)]
        pivots.append((r, column))
        r += 1
    return pivots


def suppress_column(counts: Sequence[int], minimum: int, *, hide_total: bool = False):
    """Return (shown count or None for each, shown total or None) for one list of counts
    that adds up to a total; hide_total when the total is hidden elsewhere."""
    if not counts:
        return [], None if hide_total else 0
    table = suppress([[c] for c in counts], minimum, hide=[(len(counts), 1)] if hide_total else [])
    # A one-column table repeats each count as its row total; read the column itself.
    cells = [table.value(i, 0) for i in range(len(counts))]
    return cells, table.value(len(counts), 0)


def across(columns: Sequence[Sequence[int | None]]) -> list[int | None]:
    """Return each row's total across already suppressed columns (None where hidden): a
    row is hidden wherever any column hides it, since its total less the counts shown
    would give back the one hidden."""
    return [None if any(v is None for v in row) else sum(row) for row in zip(*columns, strict=True)]
