"""Train the safeguarding screen's model from coprod/screening/data/screen_training.csv.

    .venv/bin/python scripts/train_screen.py [--threshold 0.5]

Writes coprod/screening/data/screen_model.npz, which is committed; run this after changing
the training answers or the rules. The rules that flag on their own are those precise on
the training answers (at least TRUSTED_PRECISION, from at least TRUSTED_HITS matches).
Nothing here reads the tuning or held-out sets; choose --threshold with
benchmarks/safeguarding_quality.py --sweep on the tuning set.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coprod.screening import engine
from coprod.screening import model as screen_model

TRUSTED_PRECISION = 0.95
TRUSTED_HITS = 3
log = logging.getLogger("train_screen")


def trusted_rules(rows: list[tuple[str, set[str]]]) -> list[str]:
    """Return the rules whose matches on labelled answers are nearly always disclosures."""
    hits: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for text, labels in rows:
        for rule in engine.screen_rules(text).matched_rules:
            hits[rule] += 1
            right[rule] += bool(labels)
    return sorted(
        rule
        for rule, count in hits.items()
        if count >= TRUSTED_HITS and right[rule] / count >= TRUSTED_PRECISION
    )


def main(argv: list[str] | None = None) -> int:
    """Train and save the model; print what was learned."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--training", type=Path, default=screen_model.DEFAULT_TRAINING)
    parser.add_argument("--out", type=Path, default=screen_model.DEFAULT_MODEL)
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = screen_model.read_labelled(args.training)
    trusted = trusted_rules(rows)
    trained = screen_model.train(
        [engine.normalise(text) for text, _ in rows],
        [labels for _, labels in rows],
        threshold=args.threshold,
        meta={
            "training_sha256": screen_model.file_hash(args.training),
            "trusted_rules": trusted,
        },
    )
    trained.save(args.out)
    log.info("trained on %s answers; %s rules flag on their own", len(rows), len(trusted))
    log.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
