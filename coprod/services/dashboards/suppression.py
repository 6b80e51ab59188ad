"""Which counts may be shown: small counts hidden, and every count that would let a reader
work a hidden one out hidden too. The one place that decides it, for every page and file.

Counts are tied by sums: a total is the sum of its parts (a site's responses are its
wards', a ward's are its versions'; a table's rows and columns add up to their totals).
- A count from 1 to minimum - 1 is hidden (primary suppression). A zero is shown, as the
  NHS convention is: it says nobody was there, which identifies no one.
- While some sum has exactly one hidden count, or its total is shown and its hidden parts
  add up to fewer than the minimum (the total less the parts shown would give that small
  group away), one more count of that sum is hidden (secondary suppression): the one the
  caller would rather lose, else the smallest. Never a zero: readers know zeros are shown,
  so a hidden zero would protect nothing.
- Last, the sums are solved together, and any hidden count they still pin down exactly
  has a neighbour hidden, and the rules run again.

Every hidden count reads the same (HIDDEN), small or hiding a small one, so that a reader
cannot tell the two apart and combine their bounds. Pure: no Flask, no database.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import gcd

HIDDEN = "Not shown"

Position = tuple[int, int]


@dataclass(frozen=True)
class Sum:
    """A sum: the count at total is the sum of the counts at parts."""

    total: Hashable
    parts: tuple[Hashable, ...]

    @property
    def keys(self) -> tuple[Hashable, ...]:
        """Return the parts and then the total."""
        return (*self.parts, self.total)


def hidden_note(minimums: Mapping[str, int]) -> str:
    """Return the sentences that say what a hidden count is, for each group's minimum."""
    groups = " or ".join(f"{n} {who}" for who, n in minimums.items())
    return (
        f"{HIDDEN}: fewer than {groups}, or a figure that would let such a small number be "
        "worked out from the others. Zero is shown: it identifies no one."
    )


def suppress_sums(
    values: Mapping[Hashable, int],
    sums: Sequence[Sum],
    minimum: int,
    *,
    hide: Iterable[Hashable] = (),
    first: Callable[[Hashable], object] | None = None,
) -> frozenset[Hashable]:
    """Return the keys whose counts must not be shown. hide adds keys hidden elsewhere;
    first ranks which count to hide when one more must go (lowest first, before size)."""
    if minimum < 1:
        raise ValueError("the minimum must be at least 1")
    _check(values, sums)
    hidden = {key for key, value in values.items() if 0 < value < minimum}
    for key in hide:
        if key not in values:
            raise ValueError(f"{key!r} is not a count")
        hidden.add(key)
    index = {key: k for k, key in enumerate(values)}
    totals: dict[Hashable, int] = {}
    touching: dict[Hashable, list[int]] = {}  # key: the sums it is in, by their place
    for n, each in enumerate(sums):
        totals[each.total] = totals.get(each.total, 0) + 1
        for key in each.keys:
            touching.setdefault(key, []).append(n)

    def order(key: Hashable) -> tuple:
        # Between equal counts, a part before a total, which says more.
        return (first(key) if first else 0, values[key], totals.get(key, 0), index[key])

    while True:
        _close(values, sums, touching, hidden, minimum, order)
        exposed = [key for key in determined(values, sums, hidden) if values[key]]
        if not exposed:
            return frozenset(hidden)
        # One more hidden neighbour of the first exposed count, then the sums again.
        target = min(exposed, key=index.__getitem__)
        near = [k for n in touching[target] for k in sums[n].keys if _can_hide(values, hidden, k)]
        # Every count of its sums hidden or zero: look further. Something is left, since
        # with every non-zero count hidden the sums could only pin a count to zero.
        pool = near or [k for k in values if _can_hide(values, hidden, k)]
        hidden.add(min(pool, key=order))


def _check(values: Mapping[Hashable, int], sums: Sequence[Sum]) -> None:
    """Refuse counts that are negative or sums that do not add up."""
    if any(value < 0 for value in values.values()):
        raise ValueError("counts cannot be negative")
    for each in sums:
        keys = each.keys
        if any(key not in values for key in keys):
            raise ValueError("every part and total of a sum needs a count")
        if len(set(keys)) != len(keys):
            raise ValueError("a sum names each count once")
        if sum(values[key] for key in each.parts) != values[each.total]:
            raise ValueError(f"the parts of {each.total!r} do not add up to it")


def _can_hide(values: Mapping[Hashable, int], hidden: set, key: Hashable) -> bool:
    return key not in hidden and values[key] != 0


def _exposes(values: Mapping[Hashable, int], each: Sum, hidden: set, minimum: int) -> bool:
    """Say whether the sum gives away a hidden count or a small group of them."""
    # A zero hidden elsewhere needs no protecting; counting it as protection would be unsafe.
    shut = [key for key in each.keys if key in hidden and values[key]]
    if len(shut) == 1:
        return True
    if each.total in hidden:
        return False
    amount = sum(values[key] for key in each.parts if key in hidden)
    return 0 < amount < minimum


def _close(values, sums: Sequence[Sum], touching, hidden: set, minimum: int, order) -> None:
    """Hide one more count of each sum that gives something away, until none does."""
    # Only the sums of a count just hidden can change: look at those again, in order.
    pending = deque(range(len(sums)))
    waiting = set(pending)
    while pending:
        n = pending.popleft()
        waiting.discard(n)
        if not _exposes(values, sums[n], hidden, minimum):
            continue
        # There is always one: the total, or a part if the total is what is hidden.
        key = min((k for k in sums[n].keys if _can_hide(values, hidden, k)), key=order)
        hidden.add(key)
        for m in touching[key]:
            if m not in waiting:
                pending.append(m)
                waiting.add(m)


def determined(
    values: Mapping[Hashable, int], sums: Sequence[Sum], hidden: Iterable[Hashable]
) -> set[Hashable]:
    """Return the hidden keys whose counts follow exactly from the shown counts and the sums."""
    hidden = set(hidden)
    unknowns = [key for key in values if key in hidden]
    column = {key: k for k, key in enumerate(unknowns)}
    rows = []
    for each in sums:
        row = {column[key]: -1 for key in each.parts if key in column}
        if each.total in column:
            row[column[each.total]] = 1
        if row:
            rows.append(row)
    return {unknowns[k] for k in _pinned(rows)}


def _pinned(rows: list[dict[int, int]]) -> set[int]:
    """Return the unknowns that rows (sparse whole-number equations) fix to one value.

    An unknown is fixed exactly when the equations combine into one naming it alone; in
    reduced row echelon form that is a row with a single entry. Whole numbers, scaled down
    by their common divisor, keep this exact and quick."""
    pivots: dict[int, dict[int, int]] = {}
    for row in rows:
        for k in [k for k in row if k in pivots]:
            row = _eliminate(row, pivots[k], k)
        if not row:
            continue
        lead = min(row)
        for k, other in pivots.items():
            if lead in other:
                pivots[k] = _eliminate(other, row, lead)
        pivots[lead] = row
    return {k for k, row in pivots.items() if len(row) == 1}


def _eliminate(row: dict[int, int], pivot: dict[int, int], k: int) -> dict[int, int]:
    """Return row less a multiple of pivot that clears unknown k, scaled to small numbers."""
    a, b = pivot[k], row[k]
    found = {}
    for j in row.keys() | pivot.keys():
        value = row.get(j, 0) * a - pivot.get(j, 0) * b
        if value:
            found[j] = value
    divisor = 0
    for value in found.values():
        divisor = gcd(divisor, value)
    return {j: v // divisor for j, v in found.items()} if divisor > 1 else found


@dataclass(frozen=True)
class Suppressed:
    """A table with its totals, the positions that must not be shown, and other splits of
    its grand total (each a list of counts adding up to it) as shown, None where hidden."""

    grid: tuple[tuple[int, ...], ...]
    hidden: frozenset[Position]
    minimum: int
    splits: tuple[tuple[int | None, ...], ...] = ()

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


def table_sums(grid: Sequence[Sequence[int]]) -> tuple[dict[Position, int], list[Sum]]:
    """Return a table's counts by (row, column), and each of its rows and columns as a sum;
    the last row and column are the totals, so the last position is the grand total."""
    height, width = len(grid), len(grid[0])
    values = {(i, j): grid[i][j] for i in range(height) for j in range(width)}
    sums = [Sum((i, width - 1), tuple((i, j) for j in range(width - 1))) for i in range(height)]
    sums += [Sum((height - 1, j), tuple((i, j) for i in range(height - 1))) for j in range(width)]
    return values, sums


def suppress(
    rows: Sequence[Sequence[int]],
    minimum: int,
    *,
    hide: Iterable[Position] = (),
    splits: Sequence[Sequence[int]] = (),
) -> Suppressed:
    """Return the table with its totals and the positions to hide; hide adds positions
    hidden elsewhere, and splits are other lists of counts that add up to the grand total
    (answers to a question), suppressed with the table so that neither gives the other away."""
    grid = with_totals(rows)
    values, sums = table_sums(grid)
    grand = (len(grid) - 1, len(grid[0]) - 1)
    for k, counts in enumerate(splits):
        parts = tuple(("split", k, n) for n in range(len(counts)))
        values.update(zip(parts, counts, strict=True))
        sums.append(Sum(grand, parts))
    hidden = suppress_sums(values, sums, minimum, hide=hide)
    shown = tuple(
        tuple(None if ("split", k, n) in hidden else c for n, c in enumerate(counts))
        for k, counts in enumerate(splits)
    )
    positions = frozenset(key for key in hidden if len(key) == 2)
    return Suppressed(grid, positions, minimum, shown)


def suppress_column(counts: Sequence[int], minimum: int, *, hide_total: bool = False):
    """Return (shown count or None for each, shown total or None) for one list of counts
    that adds up to a total; hide_total when the total is hidden elsewhere."""
    values: dict[Hashable, int] = dict(enumerate(counts))
    values["total"] = sum(counts)
    sums = [Sum("total", tuple(range(len(counts))))]
    hidden = suppress_sums(values, sums, minimum, hide=["total"] if hide_total else [])
    cells = [None if n in hidden else count for n, count in enumerate(counts)]
    return cells, None if "total" in hidden else values["total"]


def across(columns: Sequence[Sequence[int | None]]) -> list[int | None]:
    """Return each row's total across already suppressed columns (None where hidden): a
    row is hidden wherever any column hides it, since its total less the counts shown
    would give back the one hidden."""
    return [None if any(v is None for v in row) else sum(row) for row in zip(*columns, strict=True)]
