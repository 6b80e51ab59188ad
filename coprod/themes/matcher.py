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


def _blocked(book: Codebook, theme_id: str, stems: list[str], start: int, end: int) -> bool:
    """Say whether the phrase at stems[start:end] lies inside one of the theme's 'unless'."""
    return any(
        start in span and end - 1 in span
        for phrase in book.unless_index.get(theme_id, ())
        for span in _spans(stems, phrase)
    )


def match(book: Codebook, sentences: list[Sentence]) -> dict[str, Match]:
    """Return, per theme id, the phrases found and the sentences they were found in."""
    found: dict[str, Match] = {}
    index, lengths, unless = book.index, book.lengths, book.unless_index
    for n, sentence in enumerate(sentences):
        stems = [s for s, w in zip(sentence.stems, sentence.words, strict=True) if w[0].isalnum()]
        for start, first in enumerate(stems):
            for size in lengths.get(first, ()):
                if start + size > len(stems):
                    break
                key = tuple(stems[start : start + size])
                themes = index.get(key)
                if themes:
                    for theme_id in themes:
                        if theme_id in unless and _blocked(
                            book, theme_id, stems, start, start + size
                        ):
                            continue
                        hit = found.setdefault(theme_id, Match())
                        hit.phrases.add(key)
                        hit.sentences.add(n)
        words = set(stems)
        for theme_id, pairs in book.pair_index.items():
            for first, second in pairs:
                if words.isdisjoint(first) or words.isdisjoint(second):
                    continue
                a = [i for i, st in enumerate(stems) if st in first]
                b = [i for i, st in enumerate(stems) if st in second]
                pair = next(((i, j) for i in a for j in b if 0 < abs(i - j) <= PAIR_REACH), None)
                if pair is not None:
                    hit = found.setdefault(theme_id, Match())
                    hit.phrases.add((stems[pair[0]], "~", stems[pair[1]]))
                    hit.sentences.add(n)
    return found
