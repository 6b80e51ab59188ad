"""Zero-shot coding: find the codebook's phrases in an answer's stemmed sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codebook import Codebook
from .text import TURNING_WORDS, Sentence

# Confidence from the number of distinct phrases found: one 0.6, two 0.84, three 0.94.
MISS_PER_PHRASE = 0.4
PAIR_REACH = 5  # words from one of a pair's words to the other, either way round
# Where a clause ends for a pair: at punctuation ("staff busy, lovely garden" pairs nothing)
# but a full stop or an apostrophe (Punkt has split sentences already; "Dr." is not an end),
# and at words that turn the sentence. "so" and "because" do not end one.
NOT_ENDS = frozenset([".", "'"])


@dataclass
class Match:
    """Where one theme's phrases were found in an answer."""

    phrases: set[tuple[str, ...]] = field(default_factory=set)
    sentences: set[int] = field(default_factory=set)

    @property
    def confidence(self) -> float:
        """Return how sure the phrase evidence alone makes the theme."""
        return 1.0 - MISS_PER_PHRASE ** len(self.phrases)


def _blocked(unless: list[tuple[str, ...]], words: list[str], start: int, end: int) -> bool:
    """Say whether words[start:end] lies inside one of a theme's 'unless' phrases."""
    for phrase in unless:
        size = len(phrase)
        for at in range(max(0, end - size), start + 1):
            if tuple(words[at : at + size]) == phrase:
                return True
    return False


def _scan(
    found: dict[str, Match],
    n: int,
    tokens: list[str],
    words: list[str],
    index: dict[tuple[str, ...], frozenset[str]],
    lengths: dict[str, tuple[int, ...]],
    unless: dict[str, list[tuple[str, ...]]],
) -> None:
    """Record every phrase of index found in tokens (stems or words) of sentence n."""
    for start, first in enumerate(tokens):
        for size in lengths.get(first, ()):
            if start + size > len(tokens):
                break
            key = tuple(tokens[start : start + size])
            for theme_id in index.get(key, ()):
                if theme_id in unless and _blocked(unless[theme_id], words, start, start + size):
                    continue
                hit = found.setdefault(theme_id, Match())
                hit.phrases.add(key)
                hit.sentences.add(n)


def match(book: Codebook, sentences: list[Sentence]) -> dict[str, Match]:
    """Return, per theme id, the phrases found and the sentences they were found in."""
    found: dict[str, Match] = {}
    for n, sentence in enumerate(sentences):
        stems: list[str] = []
        words: list[str] = []
        clauses: list[int] = []  # pairs stay within a clause: punctuation and "but" end one
        clause = 0
        for st, word in zip(sentence.stems, sentence.words, strict=True):
            if word in TURNING_WORDS or (not word[0].isalnum() and word not in NOT_ENDS):
                clause += 1
            if not word[0].isalnum():
                continue
            stems.append(st)
            words.append(word)
            clauses.append(clause)
        _scan(found, n, stems, words, book.index, book.lengths, book.unless_index)
        if book.exact_index:
            _scan(found, n, words, words, book.exact_index, book.exact_lengths, book.unless_index)
        present = set(words)
        for theme_id, pairs in book.pair_index.items():
            for first, second in pairs:
                if present.isdisjoint(first) or present.isdisjoint(second):
                    continue
                a = [i for i, w in enumerate(words) if w in first]
                b = [j for j, w in enumerate(words) if w in second]
                pair = next(
                    (
                        (i, j)
                        for i in a
                        for j in b
                        if 0 < abs(i - j) <= PAIR_REACH and clauses[i] == clauses[j]
                    ),
                    None,
                )
                if pair is not None:
                    hit = found.setdefault(theme_id, Match())
                    hit.phrases.add((words[pair[0]], "~", words[pair[1]]))
                    hit.sentences.add(n)
    return found
