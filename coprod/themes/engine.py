"""Code answers into themes with confidence and sentiment: the codebook's phrases alone
(zero-shot) or, with a trained model, the model reading the codebook's evidence too."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from .codebook import Codebook, CodebookSource
from .matcher import Match, match
from .model import ThemeModel, TrainingSet, train
from .sentiment import NEGATIVE, NEUTRAL, POSITIVE, SentimentScorer
from .text import TURNING_WORDS, Sentence, features, prepare, sentences

log = logging.getLogger(__name__)

ZERO_SHOT_THRESHOLD = 0.5  # one phrase of the theme is enough on its own
# A model may overrule the codebook's lone phrase only for a theme it learned from at least
# this many examples; with fewer, the codebook's wider knowledge of wards is worth more.
OVERRULE_MIN_EXAMPLES = 50
BATCH = 2000
# A theme the codebook did not see needs the model this much surer than its tuned threshold:
# thresholds are tuned on the training answers, and new wording (a ward, not an ambulance)
# makes a model's lone guesses less reliable. Measured to cost nothing on cross-validated dev
# data and to gain on the inpatient ward sets.
MODEL_ALONE_MARGIN = 0.15
# A model's sentiment is learned from its training answers' words; on wording it never saw it
# falls back on how most of them felt, which in patient feedback is positive. A clearly
# negative reading by the lexicon overrules that ("Hated every minute"). Set where it fixed
# more answers than it broke, cross-validated on the dev data and on the ward sets.
LEXICON_OVERRULES_POSITIVE = -0.5
# Where a sentence turns from one feeling to another, each theme takes its own clause's.
# "nothing but rude" does not turn.
TURN = re.compile(
    rf"(?<!nothing )\b(?:{'|'.join(sorted(TURNING_WORDS))}|apart from)\b", re.IGNORECASE
)


@dataclass
class Mention:
    """A theme as it appears in one sentence of an answer, with that sentence's feeling."""

    theme: str
    sentence: str
    sentiment: str


@dataclass
class Coding:
    """The result of coding one answer."""

    themes: dict[str, float]
    sentiment: str
    score: float
    mentions: list[Mention] = field(default_factory=list)
    problem: str | None = None
    text: str = ""


@dataclass
class _Analysed:
    text: str
    problem: str | None
    sentences: list[Sentence]
    matches: dict[str, Match]
    vader: dict[str, float]
    valences: list[list[float]] = field(default_factory=list)  # per sentence


class Engine:
    """Codes answers against the current codebook, with an optional trained model."""

    def __init__(
        self,
        codebook: Codebook | CodebookSource | None = None,
        model: ThemeModel | None = None,
        scorer: SentimentScorer | None = None,
    ):
        self._source = codebook if isinstance(codebook, CodebookSource) else None
        self._book = None if self._source else (codebook or CodebookSource().get())
        self.model = model
        self.scorer = scorer or SentimentScorer()

    @property
    def codebook(self) -> Codebook:
        """Return the codebook in use (reloaded from its file if that changed)."""
        return self._source.get() if self._source else self._book

    @property
    def version(self) -> str:
        """Return what produced the codes: the codebook version, plus the model's if any."""
        if self.model is None:
            return self.codebook.version
        return f"{self.codebook.version}+{self.model.meta.get('trained_at', '?')}"

    def _analyse(self, raw: str | bytes | None, book: Codebook) -> _Analysed:
        prepared = prepare(raw)
        if prepared.problem in ("empty", "binary", "no_words", "not_english"):
            return _Analysed(prepared.text, prepared.problem, [], {}, {"compound": 0.0})
        found = sentences(prepared.text)
        # Each sentence is read by VADER once; the answer's score sums its sentences'.
        valences = [self.scorer.vader.valences(s.text, k == 0) for k, s in enumerate(found)]
        return _Analysed(
            prepared.text,
            prepared.problem,
            found,
            match(book, found),
            self.scorer.scores(prepared.text, [v for vs in valences for v in vs]),
            valences,
        )

    def code(self, raw: str | bytes | None) -> Coding:
        """Code one answer."""
        return next(self.code_many([raw]))

    def code_many(self, texts: Iterable[str | bytes | None]) -> Iterator[Coding]:
        """Code answers in batches, yielding one Coding per input in order."""
        batch: list[str | bytes | None] = []
        for raw in texts:
            batch.append(raw)
            if len(batch) >= BATCH:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: Sequence[str | bytes | None]) -> list[Coding]:
        book = self.codebook
        analysed = [self._analyse(raw, book) for raw in batch]
        probabilities = sentiment_probs = None
        if self.model is not None:
            x = self.model.matrix(
                [features(a.sentences) for a in analysed],
                evidence_matrix(analysed, self.model.evidence_themes),
            )
            probabilities = self.model.theme_probabilities(x)
            if self.model.sentiment_labels:
                sentiment_probs = self.model.sentiment_probabilities(x, vader_matrix(analysed))
        out = []
        for i, item in enumerate(analysed):
            if not item.sentences:
                out.append(Coding({}, NEUTRAL, 0.0, [], item.problem, item.text))
                continue
            themes = {
                t: m.confidence
                for t, m in item.matches.items()
                if m.confidence >= ZERO_SHOT_THRESHOLD
            }
            if probabilities is not None:
                learned_from = self.model.meta.get("positives", {})
                for k, theme in enumerate(self.model.themes):
                    p = float(probabilities[i, k])
                    if theme in themes and p >= self.model.thresholds[k]:
                        themes[theme] = max(p, themes[theme])
                    elif p >= self.model.thresholds[k] + MODEL_ALONE_MARGIN:
                        themes[theme] = p
                    elif (
                        theme in themes
                        and themes[theme] < 0.8
                        and learned_from.get(theme, 0) >= OVERRULE_MIN_EXAMPLES
                    ):
                        # The model has learned this theme and does not see it here: a lone
                        # phrase is not enough to overrule it.
                        del themes[theme]
            themes = {t: round(c, 3) for t, c in themes.items() if t in book.themes}
            for parent in book.with_ancestors(themes) - set(themes):
                themes[parent] = max(
                    c for t, c in themes.items() if parent in book.with_ancestors([t])
                )
            score = item.vader["compound"]
            if sentiment_probs is not None:
                sentiment = self.model.sentiment_labels[int(np.argmax(sentiment_probs[i]))]
                if sentiment == POSITIVE and score <= LEXICON_OVERRULES_POSITIVE:
                    sentiment = NEGATIVE
            else:
                sentiment = self.scorer.label(score)
            out.append(
                Coding(
                    themes,
                    sentiment,
                    round(score, 4),
                    self._mentions(item, themes, sentiment, book),
                    item.problem,
                    item.text,
                )
            )
        return out

    def _mentions(
        self, item: _Analysed, themes: dict[str, float], overall: str, book: Codebook
    ) -> list[Mention]:
        single = len(item.sentences) == 1
        feelings: dict[int, str] = {}  # a sentence mentioning several themes is scored once
        turns: dict[int, dict[str, str]] = {}  # per sentence, each theme's own clause's feeling
        mentions = []
        for theme in sorted(themes):
            where = item.matches.get(theme)
            # A parent brought by its children is spoken of where they are; a theme only the
            # model found is spoken of in the whole answer.
            places = (
                where.sentences
                if where is not None
                else {
                    n
                    for t, m in item.matches.items()
                    if t in themes and t != theme and theme in book.with_ancestors([t])
                    for n in m.sentences
                }
            )
            if not places:
                mentions.append(Mention(theme, item.text, overall))
                continue
            for n in sorted(places):
                text = item.sentences[n].text
                if n not in feelings:
                    feelings[n] = (
                        overall
                        if single
                        else self.scorer.label(
                            self.scorer.scores(text, item.valences[n], n == 0)["compound"]
                        )
                    )
                    turns[n] = self._clause_feelings(text, book, n == 0)
                mentions.append(Mention(theme, text, turns[n].get(theme, feelings[n])))
        return mentions

    def _clause_feelings(self, text: str, book: Codebook, opening: bool) -> dict[str, str]:
        """Return each theme's feeling in its own clause of a sentence that turns ("the food
        is lovely but the staff are rude"), for themes found in clauses of one feeling."""
        parts = [p for p in TURN.split(text) if p and p.strip(" ,;")]
        if len(parts) < 2:
            return {}
        seen: dict[str, set[str]] = {}
        for k, part in enumerate(parts):
            found = match(book, sentences(part))
            if found:
                feeling = self.scorer.label(self.scorer.compound(part, opening and k == 0))
                for theme in book.with_ancestors(found):
                    seen.setdefault(theme, set()).add(feeling)
        return {theme: f.pop() for theme, f in seen.items() if len(f) == 1}

    def training_set(
        self, rows: Iterable[tuple[str, Iterable[str], str | None]], *, with_examples: bool = True
    ) -> TrainingSet:
        """Analyse labelled (text, themes, sentiment) rows, plus the codebook's examples."""
        book = self.codebook
        rows = list(rows)
        if with_examples:
            rows += [(ex, [t.id], None) for t in book.themes.values() for ex in t.examples]
        analysed = [self._analyse(text, book) for text, _, _ in rows]
        return TrainingSet(
            features=[features(a.sentences) for a in analysed],
            evidence=evidence_matrix(analysed, book.ids()),
            vader=vader_matrix(analysed),
            themes=[book.with_ancestors(labels) for _, labels, _ in rows],
            sentiments=[s or None for _, _, s in rows],
        )

    def train(self, rows: Iterable[tuple[str, Iterable[str], str | None]], **kwargs) -> ThemeModel:
        """Learn a model from labelled rows and the codebook's examples; use it from now on."""
        data = self.training_set(rows, with_examples=kwargs.pop("with_examples", True))
        self.model = train(data, self.codebook.version, self.codebook.ids(), **kwargs)
        return self.model


def evidence_matrix(analysed: Sequence[_Analysed], theme_ids: Sequence[str]) -> np.ndarray:
    """Return answers x themes: the codebook's phrase confidence for each theme."""
    out = np.zeros((len(analysed), len(theme_ids)))
    for i, item in enumerate(analysed):
        for k, theme in enumerate(theme_ids):
            hit = item.matches.get(theme)
            if hit is not None:
                out[i, k] = hit.confidence
    return out


def vader_matrix(analysed: Sequence[_Analysed]) -> np.ndarray:
    """Return answers x 4 VADER scores: compound, positive, negative, neutral."""
    return np.array(
        [[a.vader.get(k, 0.0) for k in ("compound", "pos", "neg", "neu")] for a in analysed]
    )
