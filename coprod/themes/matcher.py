"""Zero-shot coding: find the codebook's phrases in an answer's stemmed sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codebook import Codebook
from .text import Sentence

# Confidence from the number of distinct phrases found: one 0.6, two 0.84, three 0.94.
MISS_PER_PHRASE = 0.4


@dataclass
class Match:
    """Where one theme's phrases were found in an answer."""

    phrases: set[tuple[str, ...]] = field(default_factory=set)
    sentences: set[int] = field(default_factory=set)

    @property
    def confidence(self) -> float:
        """Return how sure the phrase evidence alone makes the theme."""
        return 1.0 - MISS_PER_PHRASE ** len(self.phrases)


def match(book: Codebook, sentences: list[Sentence]) -> dict[str, Match]:
    """Return, per theme id, the phrases found and the sentences they were found in."""
    found: dict[str, Match] = {}
    index, longest = book.index, book.longest
    for n, sentence in enumerate(sentences):
        stems = [s for s, w in zip(sentence.stems, sentence.words, strict=True) if w[0].isalnum()]
        for start in range(len(stems)):
            for size in range(1, min(longest, len(stems) - start) + 1):
                key = tuple(stems[start : start + size])
                themes = index.get(key)
                if themes:
                    for theme_id in themes:
                        hit = found.setdefault(theme_id, Match())
                        hit.phrases.add(key)
                        hit.sentences.add(n)
    return found
