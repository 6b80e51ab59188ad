"""Print how well the safeguarding screen finds disclosures: recall and false-alarm rate,
overall and per kind, for the screen as shipped, the rules alone and the model alone.

Run from the repository root:
    .venv/bin/python benchmarks/safeguarding_quality.py [--sweep]

Both sets in tests/data/safeguarding/ were written by people who had not seen the rules or
the training answers, half disclosures and half look-alikes:
- screen_tune.csv: read answer by answer while improving the screen, and used to choose the
  model's threshold (--sweep prints the choice of thresholds on this set only);
- screen_holdout.csv: only ever measured, never read while changing the screen, so its
  figures are the fairest guess at what patients and staff really write.
The model is trained on coprod/screening/data/screen_training.csv, written apart from both.
Target on the held-out set: recall at least 0.95 with at most 15% false alarms.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coprod.screening import engine
from coprod.screening import model as screen_model

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "safeguarding"
SETS = {"tuning": DATA / "screen_tune.csv", "held-out": DATA / "screen_holdout.csv"}
KINDS = screen_model.CONCERNS


def _by_model(text: str) -> set[str]:
    return set(engine.model().found(engine.normalise(text))) if text.strip() else set()


SCREENS: dict[str, Callable[[str], set[str]]] = {
    "screen (shipped)": lambda text: {c.value for c in engine.screen(text).concerns},
    "rules alone": lambda text: {c.value for c in engine.screen_rules(text).concerns},
    "model alone": _by_model,
}


def measure(rows: list[tuple[str, set[str]]], found: list[set[str]]) -> dict[str, float]:
    """Return recall and false-alarm figures, overall and per kind."""
    truth = np.array([bool(labels) for _, labels in rows])
    flagged = np.array([bool(f) for f in found])
    figures = {
        "recall": float((flagged & truth).sum() / truth.sum()),
        "false alarms": float((flagged & ~truth).sum() / (~truth).sum()),
    }
    for kind in KINDS:
        has = np.array([kind in labels for _, labels in rows])
        named = np.array([kind in f for f in found])
        figures[f"{kind} recall"] = float((flagged & has).sum() / max(1, has.sum()))
        figures[f"{kind} named"] = float((named & has).sum() / max(1, has.sum()))
        figures[f"{kind} false alarms"] = float((named & ~truth).sum() / (~truth).sum())
    return figures


def report(name: str, rows: list[tuple[str, set[str]]]) -> None:
    """Print every screen's figures on one set."""
    positives = sum(bool(labels) for _, labels in rows)
    print(f"\n== {name}: {len(rows)} answers, {positives} disclosures ==")
    print(
        f"{'':18} {'recall':>7} {'false alarms':>13}   per kind: recall / kind named / false alarms"
    )
    for screen_name, screen in SCREENS.items():
        started = time.perf_counter()
        found = [screen(text) for text, _ in rows]
        elapsed = time.perf_counter() - started
        f = measure(rows, found)
        kinds = "  ".join(
            f"{k}: {f[k + ' recall']:.2f}/{f[k + ' named']:.2f}/{f[k + ' false alarms']:.2f}"
            for k in KINDS
        )
        print(f"{screen_name:18} {f['recall']:7.3f} {f['false alarms']:13.3f}   {kinds}")
        print(f"{'':18} ({len(rows) / elapsed:,.0f} answers a second)")


def sweep(rows: list[tuple[str, set[str]]]) -> None:
    """Print recall and false alarms of the model at a range of thresholds (tuning set only)."""
    trained = engine.model()
    scores = trained.probabilities([engine.normalise(text) for text, _ in rows])[:, 0]
    trusted = np.array(
        [bool(trained.trusted_rules & set(engine.screen_rules(t).matched_rules)) for t, _ in rows]
    )
    truth = np.array([bool(labels) for _, labels in rows])
    print("\n== threshold sweep on the tuning set (model, and model with trusted rules) ==")
    for threshold in np.arange(0.3, 0.71, 0.05):
        for label, flagged in (
            ("model", scores >= threshold),
            ("+rules", (scores >= threshold) | trusted),
        ):
            recall = (flagged & truth).sum() / truth.sum()
            alarms = (flagged & ~truth).sum() / (~truth).sum()
            print(
                f"threshold {threshold:.2f} {label:7} recall {recall:.3f} false alarms {alarms:.3f}"
            )


def main() -> int:
    """Measure the screen on both sets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="thresholds on the tuning set")
    args = parser.parse_args()
    meta = engine.model().meta
    print(
        f"model: {meta['answers']} training answers, threshold {meta['threshold']}, "
        f"{len(meta['trusted_rules'])} rules flag on their own"
    )
    data = {name: screen_model.read_labelled(path) for name, path in SETS.items()}
    if args.sweep:
        sweep(data["tuning"])
        return 0
    for name, rows in data.items():
        report(name, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
