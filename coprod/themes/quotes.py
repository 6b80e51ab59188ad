"""Pick quotes for a theme: short, redacted, typical of what people said, and different from
one another, never from a group smaller than the minimum that may be shown."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from .engine import Coding
from .redact import redact
from .text import sentences

MIN_CHARS, MAX_CHARS = 15, 240
SIMILARITY_WEIGHT = 0.6  # MMR: how much being typical counts against repeating another quote


@dataclass(frozen=True)
class Quote:
    """A redacted sentence or two that speaks for a theme."""

    text: str
    sentiment: str
    source: Hashable


def _bag(text: str) -> Counter:
    return Counter(
        st
        for s in sentences(text)
        for st, w in zip(s.stems, s.words, strict=True)
        if w[0].isalnum() and len(w) > 2
    )


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def pick_quotes(
    coded: Iterable[tuple[Hashable, Hashable, Coding]],
    theme: str,
    group_sizes: Mapping[Hashable, int],
    min_group: int,
    k: int = 3,
) -> list[Quote]:
    """Choose up to k quotes for theme from (source, group, coding) triples.

    group_sizes gives how many people answered in each group; a group below min_group gives
    no quote, whatever it said.
    """
    candidates = []
    for source, group, coding in coded:
        if coding.problem or theme not in coding.themes:
            continue
        if group_sizes.get(group, 0) < min_group:
            continue
        for mention in coding.mentions:
            if mention.theme != theme:
                continue
            text = redact(mention.sentence.strip())
            if MIN_CHARS <= len(text) <= MAX_CHARS:
                candidates.append((source, text, mention.sentiment, coding.themes[theme]))
    if not candidates:
        return []
    seen_texts: set[str] = set()
    unique = []
    for c in candidates:
        key = c[1].lower()
        if key not in seen_texts:
            seen_texts.add(key)
            unique.append(c)
    bags = [_bag(c[1]) for c in unique]
    centre: Counter = Counter()
    for bag in bags:
        centre.update(bag)
    typical = [
        c[3] * (0.5 + 0.5 * _cosine(bag, centre)) for c, bag in zip(unique, bags, strict=True)
    ]
    chosen: list[int] = []
    feelings: Counter = Counter()
    while len(chosen) < min(k, len(unique)):

        def gain(i: int) -> float:
            repeat = max((_cosine(bags[i], bags[j]) for j in chosen), default=0.0)
            # Prefer a feeling not yet represented, so a theme's quotes show both sides.
            return (
                SIMILARITY_WEIGHT * typical[i]
                - (1 - SIMILARITY_WEIGHT) * repeat
                - 0.1 * feelings[unique[i][2]]
            )

        best = max((i for i in range(len(unique)) if i not in chosen), key=gain)
        chosen.append(best)
        feelings[unique[best][2]] += 1
    return [Quote(unique[i][1], unique[i][2], unique[i][0]) for i in chosen]
