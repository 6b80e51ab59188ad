"""Print how fast the theming engine codes answers on one core, and its peak memory.

Run from the repository root:
    .venv/bin/python benchmarks/themes_speed.py [--answers 100000] [--model PATH]
Run it with OMP_NUM_THREADS=1 for a fair single-core figure.
Target: 100,000 answers in under 60 seconds, under 500 MB. The answers are made from a
fixed seed out of ward-comment fragments, so every run codes the same text.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coprod.themes import Engine, ThemeModel

OPENINGS = ["", "Honestly, ", "On nights ", "Since I came in ", "The staff say ", "tbh "]
PARTS = [
    "the food is cold and there is not much choice",
    "staff are kind but always too busy to talk",
    "I don't feel safe when the ward is noisy at night",
    "a man keeps making sexual comments in the lounge",
    "my leave was cancelled again and nobody told me why",
    "I was restrained and put in seclusion",
    "there is nothing to do at the weekend, the OT groups stopped",
    "my mum can only visit for an hour",
    "the side effects of my medication are awful",
    "waited weeks for a ward round",
    "the bathroom has no lock and people walk in",
    "it is clean and calm, the nurses listen",
    "agency staff don't know us",
    "Dr Patel explained my care plan well",
    "the bus takes two hours to get here",
]


def answers(count: int, seed: int = 1) -> list[str]:
    """Return count ward-style answers of one to four ideas, from a fixed seed."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        ideas = rng.sample(PARTS, rng.randint(1, 4))
        text = rng.choice(OPENINGS) + ". ".join(ideas) + rng.choice([".", "!", "", "..."])
        out.append(text)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--model", type=Path, help="a model from flask themes train")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = answers(args.answers)
    engine = Engine(model=ThemeModel.load(args.model) if args.model else None)
    engine.code("warm up the stemmer and lexicon")
    started = time.perf_counter()
    themed = 0
    for coding in engine.code_many(texts):
        themed += bool(coding.themes)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"coded {len(texts):,} answers in {elapsed:.1f} s on one core "
        f"({len(texts) / elapsed:,.0f} answers/s), {themed:,} with at least one theme"
    )
    print(
        f"model: {'yes' if args.model else 'codebook alone'}; peak memory {peak_mb:.0f} MB "
        "(whole process)"
    )
    print(
        f"target: 100,000 in under 60 s and 500 MB -> "
        f"{'met' if elapsed * 100_000 / len(texts) < 60 and peak_mb < 500 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
