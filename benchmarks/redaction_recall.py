"""Print how much personal detail redaction catches on the hand-written test set of ward
comments (tests/data/themes/redaction_cases.csv): recall and precision per kind.

Run from the repository root: .venv/bin/python benchmarks/redaction_recall.py [--misses]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coprod.themes.redact import find, redact

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "themes" / "redaction_cases.csv"
PLACEHOLDER = re.compile(r"\[(name|phone|email|nhs_number|date_of_birth|postcode|address)\]")


@dataclass
class Score:
    """Counts per kind: details expected, caught, and spans redacted that were not details."""

    expected: dict[str, int] = field(default_factory=dict)
    caught: dict[str, int] = field(default_factory=dict)
    false: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        """Return the share of this kind's details that were redacted."""
        return self.caught.get(kind, 0) / self.expected[kind] if self.expected.get(kind) else 1.0

    def precision(self, kind: str) -> float:
        """Return the share of this kind's redactions that were real details."""
        hits = self.caught.get(kind, 0)
        return hits / (hits + self.false.get(kind, 0)) if hits + self.false.get(kind, 0) else 1.0


def expected_spans(text: str, expected: str) -> list[tuple[str, int, int]]:
    """Return (kind, start, end) of each detail in text, from the hand-redacted version."""
    kinds = PLACEHOLDER.findall(expected)
    pattern = "".join(
        re.escape(part) if n % 2 == 0 else "(.+?)"
        for n, part in enumerate(PLACEHOLDER.split(expected))
    )
    found = re.fullmatch(pattern, text, re.DOTALL)
    if found is None:
        raise ValueError(f"expected text does not line up with the original: {expected!r}")
    return [(kind, found.start(n + 1), found.end(n + 1)) for n, kind in enumerate(kinds)]


def score(rows: list[dict[str, str]]) -> Score:
    """Compare redaction with the hand-redacted rows."""
    result = Score()
    for row in rows:
        truth = expected_spans(row["text"], row["expected"])
        found = find(row["text"])
        for kind, start, end in truth:
            result.expected[kind] = result.expected.get(kind, 0) + 1
            if any(f.kind == kind and f.start <= start + 1 and f.end >= end - 1 for f in found):
                result.caught[kind] = result.caught.get(kind, 0) + 1
            else:
                result.misses.append(
                    f"{row['id']} {kind}: {row['text'][start:end]!r} in "
                    f"{row['text']!r} -> {redact(row['text'])!r}"
                )
        for f in found:
            if not any(f.start < end and f.end > start for _, start, end in truth):
                result.false[f.kind] = result.false.get(f.kind, 0) + 1
                result.misses.append(
                    f"{row['id']} extra {f.kind}: "
                    f"{row['text'][f.start : f.end]!r} in {row['text']!r}"
                )
    return result


def load_cases(path: Path = CASES) -> list[dict[str, str]]:
    """Read the hand-written cases."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    rows = load_cases()
    result = score(rows)
    print(f"{len(rows)} comments, {sum(result.expected.values())} personal details")
    print(f"{'kind':15} {'details':>7} {'recall':>7} {'precision':>9}")
    for kind in sorted(result.expected):
        print(
            f"{kind:15} {result.expected[kind]:7d} {result.recall(kind):7.2f} "
            f"{result.precision(kind):9.2f}"
        )
    total = sum(result.expected.values())
    caught = sum(result.caught.values())
    false = sum(result.false.values())
    print(f"overall recall {caught / total:.3f}, precision {caught / (caught + false):.3f}")
    if args.misses:
        print("\n".join(result.misses))


if __name__ == "__main__":
    main()
