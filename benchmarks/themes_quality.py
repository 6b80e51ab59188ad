"""Print how well the theming engine codes labelled answers: per-theme precision, recall and
F1, micro and macro F1, and sentiment accuracy, for the codebook alone and for the codebook
plus a model trained with cross-validation.

Run from the repository root:
    .venv/bin/python benchmarks/themes_quality.py [--dev ../shared/eval/themes_dev.csv]

The dev file (NHS patient feedback, ambulance and community services) is cross-validated:
the model never codes an answer it was trained on. Three sets of inpatient ward comments are
coded by the codebook alone and by a model trained on the whole dev file, to show how the
engine carries over to wards it has no labelled answers from:
- ward_comments.csv: written with the codebook, for the ward themes the dev data lacks;
- inpatient_feedback_tune.csv: written apart from the codebook, looked at to improve it;
- inpatient_feedback_holdout.csv: written apart from the codebook and never looked at
  answer by answer, so its figures are the fairest guess at unseen wards.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coprod.themes.codebook import load
from coprod.themes.csvio import Row, read_rows
from coprod.themes.engine import Engine
from coprod.themes.sentiment import SentimentScorer

ROOT = Path(__file__).resolve().parent.parent

DATA = ROOT / "tests" / "data" / "themes"
WARD_SETS = {
    "ward comments": DATA / "ward_comments.csv",
    "inpatient feedback (tune)": DATA / "inpatient_feedback_tune.csv",
    "inpatient feedback (held out)": DATA / "inpatient_feedback_holdout.csv",
}


def scores(truth: Sequence[set[str]], predicted: Sequence[set[str]], themes: Sequence[str]):
    """Return per-theme (precision, recall, f1, support) and micro and macro F1."""
    table, tp_all, fp_all, fn_all = {}, 0, 0, 0
    for theme in themes:
        tp = sum(theme in t and theme in p for t, p in zip(truth, predicted, strict=True))
        fp = sum(theme not in t and theme in p for t, p in zip(truth, predicted, strict=True))
        fn = sum(theme in t and theme not in p for t, p in zip(truth, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[theme] = (precision, recall, f1, tp + fn)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    micro = 2 * tp_all / (2 * tp_all + fp_all + fn_all) if tp_all else 0.0
    present = [v[2] for v in table.values() if v[3]]
    return table, micro, (sum(present) / len(present) if present else 0.0)


def report(title: str, rows: list[Row], coded, themes: Sequence[str], book) -> float:
    """Print one evaluation; return its micro F1."""
    truth = [book.with_ancestors(r.themes) for r in rows]
    predicted = [set(c.themes) for c in coded]
    table, micro, macro = scores(truth, predicted, themes)
    labelled = [(r.sentiment, c.sentiment) for r, c in zip(rows, coded, strict=True) if r.sentiment]
    accuracy = sum(a == b for a, b in labelled) / len(labelled) if labelled else 0.0
    print(f"\n## {title}")
    print(f"{'theme':20} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    for theme, (p, r, f, n) in table.items():
        if n or p:
            print(f"{theme:20} {p:9.2f} {r:7.2f} {f:6.2f} {n:8d}")
    print(
        f"micro F1 {micro:.3f}   macro F1 {macro:.3f} (themes with support)   "
        f"sentiment accuracy {accuracy:.3f} ({len(labelled)} labelled)"
    )
    return micro


def report_wards(wards: dict[str, list[Row]], engine: Engine, how: str, themes, book) -> None:
    """Print one evaluation per set of ward comments, coded by engine."""
    for name, rows in wards.items():
        report(f"{name}, {how}", rows, list(engine.code_many(r.text for r in rows)), themes, book)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "themes_dev.csv"))
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    book = load()
    themes = book.ids()
    dev = read_rows(args.dev, labelled=True, known_themes=themes)
    wards = {
        name: read_rows(path, labelled=True, known_themes=themes)
        for name, path in WARD_SETS.items()
    }
    print(
        f"codebook {book.version}: {len(themes)} themes, "
        f"{sum(len(t.phrases) for t in book.themes.values())} phrases; "
        f"dev answers {len(dev)}; "
        + ", ".join(f"{name} {len(rows)}" for name, rows in wards.items())
    )

    for adjust in (False, True):
        scorer = SentimentScorer(adjust)
        labelled = [r for r in dev if r.sentiment]
        right = sum(scorer.label(scorer.compound(r.text)) == r.sentiment for r in labelled)
        print(
            f"VADER {'with ward adjustments' if adjust else 'as shipped':22} on dev: "
            f"sentiment accuracy {right / len(labelled):.3f}"
        )

    zero = Engine(book)
    started = time.perf_counter()
    report("dev, codebook alone", dev, list(zero.code_many(r.text for r in dev)), themes, book)
    report_wards(wards, zero, "codebook alone", themes, book)

    coded = [None] * len(dev)
    folds = KFold(n_splits=args.folds, shuffle=True, random_state=0)
    for train_index, test_index in folds.split(np.arange(len(dev))):
        engine = Engine(book)
        engine.train([(dev[i].text, dev[i].themes, dev[i].sentiment) for i in train_index])
        for i, coding in zip(
            test_index, engine.code_many(dev[i].text for i in test_index), strict=True
        ):
            coded[i] = coding
    report(
        f"dev, codebook plus model ({args.folds}-fold cross-validation)", dev, coded, themes, book
    )
    full = Engine(book)
    full.train([(r.text, r.themes, r.sentiment) for r in dev])
    report_wards(wards, full, "codebook plus model trained on all of dev", themes, book)
    print(f"\n(took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
