"""Print how many free-text answers the safeguarding screen checks per second: one at a
time as on submission, and in batches as `flask safeguarding screen` does, beside the rules
alone (the first screen) measured in the same run as the baseline.

Run from the repository root: .venv/bin/python benchmarks/screening_speed.py
The answers are generated from a fixed seed: mostly everyday feedback, with some
disclosures, typos, shouting, emoji and the occasional very long answer mixed in.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coprod.screening import screen, screen_all
from coprod.screening.engine import screen_rules

ANSWERS = 20_000

EVERYDAY = [
    "The staff are kind and I feel safe most of the time",
    "I'd like more activities at the weekend",
    "The food is killing me, can we have more choice",
    "Nobody has ever touched me inappropriately here",
    "I don't want to die, I want to go home",
    "There aren't enough staff on nights",
    "My leave was cut again and nobody explained why",
    "We watched a film about suicide prevention week",
    "I need to touch base with my named nurse more often",
    "It's noisy at night and I can't sleep",
]
DISCLOSURES = [
    "He keeps touching me when staff aren't looking",
    "a patient showed me his private parts",
    "Staff slapped me during restraint",
    "I have been cutting again",
    "I wish I wasn't here anymore",
    "i took all my tablets at once",
    "thinking about sucide a lot",
    "he rapd me",
]
DECORATIONS = ["", "", "", " 😭", "!!!", " lol", "..."]


def answers(count: int, seed: int = 2024) -> list[str]:
    """Generate a fixed mix of answers, about one in eight a disclosure."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        sentences = [rng.choice(EVERYDAY) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.125:
            sentences[rng.randrange(len(sentences))] = rng.choice(DISCLOSURES)
        text = ". ".join(sentences)
        if rng.random() < 0.1:
            text = text.upper()
        if rng.random() < 0.002:
            text = (rng.choice(EVERYDAY) + ". ") * 200  # about 10,000 characters
        made.append(text + rng.choice(DECORATIONS))
    return made


def _batched(texts: list[str], size: int = 500):
    for start in range(0, len(texts), size):
        yield from screen_all(texts[start : start + size])


def main() -> None:
    """Screen the generated answers each way and print the rates."""
    texts = answers(ANSWERS)
    screen("warm up: load the model")
    ways = {
        "rules alone (baseline)": lambda: (screen_rules(t) for t in texts),
        "screen, one at a time": lambda: (screen(t) for t in texts[: ANSWERS // 4]),
        "screen, batches of 500": lambda: _batched(texts),
    }
    for name, run in ways.items():
        started = time.perf_counter()
        results = list(run())
        seconds = time.perf_counter() - started
        flagged = sum(result.flagged for result in results)
        sys.stdout.write(
            f"{name:24} {len(results):6} answers in {seconds:6.2f} s "
            f"({len(results) / seconds:7,.0f} per second); {flagged} flagged\n"
        )


if __name__ == "__main__":
    main()
