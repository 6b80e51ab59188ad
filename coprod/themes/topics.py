"""Emergent topics: frequent phrases and collocations among answers that no theme covers,
so facilitators can see what the codebook misses and promote it to a theme."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from .redact import redact
from .resources import word_list
from .text import NEGATORS, sentences

# Words that stand for everything, or praise in general, not what was praised: a topic of
# only these ("excellent service", "everything fine") tells a facilitator nothing new.
# Every other word counts, whatever its feeling ("benefits stopped", "suicide").
GENERIC = frozenset(
    [
        "service",
        "everything",
        "anything",
        "something",
        "nothing",
        "experience",
        "thing",
        "things",
        "everyone",
        "time",
        "really",
        "overall",
        "whole",
        "else",
        "all",
        "lot",
        "much",
        "very",
        "well",
        "care",
        "excellent",
        "great",
        "good",
        "brilliant",
        "amazing",
        "fantastic",
        "perfect",
        "fine",
        "happy",
        "lovely",
        "wonderful",
        "superb",
        "outstanding",
        "best",
        "pleased",
        "satisfied",
        "nice",
        "okay",
        "thank",
        "thanks",
        "fab",
        "brill",
        "spot",
        "faultless",
        "exceptional",
        "first",
        "class",
        "marvellous",
        "terrific",
        "grateful",
        "thankful",
        "thankyou",
        "glad",
        "love",
        "loved",
        "appreciate",
        "appreciated",
        "helpful",
        "kind",
        "kindness",
        "friendly",
        "caring",
        "cared",
    ]
)


def _says_nothing_new(words: list[str]) -> bool:
    return all(w in GENERIC for w in words)


@dataclass(frozen=True)
class Topic:
    """A phrase many uncovered answers share, with how many and a few redacted examples."""

    phrase: str
    answers: int
    examples: tuple[str, ...]


def emergent_topics(
    texts: Iterable[str], top: int = 10, min_answers: int = 3, examples: int = 2
) -> list[Topic]:
    """Return the phrases that recur most among texts (answers no theme covered)."""
    stop = word_list("english_common.txt") | NEGATORS
    docs: list[list[tuple[str, str]]] = []
    originals: list[str] = []
    for text in texts:
        words = [
            (st, w)
            for s in sentences(text)
            for st, w in zip(s.stems, s.words, strict=True)
            if w[0].isalpha() and len(w) > 2 and w not in stop
        ]
        if words:
            docs.append(words)
            originals.append(text)
    surface: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        for st, w in doc:
            surface[st][w] += 1
    finder = BigramCollocationFinder.from_documents([[st for st, _ in doc] for doc in docs])
    finder.apply_freq_filter(min_answers)
    pairs = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
    keys: list[tuple[str, ...]] = [p for p, _ in pairs]
    unigram = Counter(st for doc in docs for st in {st for st, _ in doc})
    keys += [(st,) for st, n in unigram.most_common() if n >= min_answers]
    out: list[Topic] = []
    used: set[str] = set()
    for key in keys:
        if len(out) >= top:
            break
        if len(key) == 1 and key[0] in used:
            continue
        words = [surface[st].most_common(1)[0][0] for st in key]
        if _says_nothing_new(words):
            continue
        having = [i for i, doc in enumerate(docs) if _contains([st for st, _ in doc], key)]
        if len(having) < min_answers:
            continue
        used.update(key)
        phrase = " ".join(words)
        sample = tuple(redact(originals[i])[:200] for i in having[:examples])
        out.append(Topic(phrase, len(having), sample))
    return out


def _contains(stems: list[str], key: tuple[str, ...]) -> bool:
    n = len(key)
    return any(tuple(stems[i : i + n]) == key for i in range(len(stems) - n + 1))
