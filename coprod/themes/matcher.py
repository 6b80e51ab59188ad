"""Zero-shot coding: find the codebook's phrases in an answer's stemmed sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codebook import Codebook
from .text import Sentence

# Confidence from the number of distinct phrases found: one 0.6, two 0.84, three 0.94.
MISS_PER_PHRASE = 0.4
PAIR_REACH = 5  # words from one of a pair's words to the other, either way round


@dataclass
class Match:
    """Where one theme's phrases were found in an answer."""

    phrases: set[tuple[str, ...]] = field(default_factory=set)
    sentences: set[int] = field(default_factory=set)

    @property
    def confidence(self) -> float:
        """Return how sure the phrase evidence alone makes the theme."""
        return 1.0 - MISS_PER_PHRASE ** len(self.phrases)


def _spans(stems: list[str], phrase: tuple[str, ...]) -> list[range]:
    n = len(phrase)
    return [range(i, i + n) for i in range(len(stems) - n + 1) if tuple(stems[i : i + n]) == phrase]


def match(book: Codebook, sentences: list[Sentence]) -> dict[str, Match]:
    """Return, per theme id, the phrases found and the sentences they were found in."""
    found: dict[str, Match] = {}
    index, longest = book.index, book.longest
    for n, sentence in enumerate(sentences):
        stems = [s for s, w in zip(sentence.stems, sentence.words, strict=True) if w[0].isalnum()]
        blocked: dict[str, list[range]] = {}  # per theme, where its 'unless' phrases sit
        for theme_id, phrases in book.unless_index.items():
            spans = [span for phrase in phrases for span in _spans(stems, phrase)]
            if spans:
                blocked[theme_id] = spans
        for start in range(len(stems)):
            for size in range(1, min(longest, len(stems) - start) + 1):
                key = tuple(stems[start : start + size])
                themes = index.get(key)
                if themes:
                    for theme_id in themes:
                        if any(
                            start in span and start + size - 1 in span
                            for span in blocked.get(theme_id, ())
                        ):
                            continue
                        hit = found.setdefault(theme_id, Match())
                        hit.phrases.add(key)
                        hit.sentences.add(n)
        for theme_id, pairs in book.pair_index.items():
            for first, second in pairs:
                a = [i for i, st in enumerate(stems) if st in first]
                b = [i for i, st in enumerate(stems) if st in second] if a else []
                pair = next(((i, j) for i in a for j in b if 0 < abs(i - j) <= PAIR_REACH), None)
                if pair is not None:
                    hit = found.setdefault(theme_id, Match())
                    hit.phrases.add((stems[pair[0]], "~", stems[pair[1]]))
                    hit.sentences.add(n)
    return found
