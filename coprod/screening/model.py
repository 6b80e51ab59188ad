"""A learned second opinion for the screen: TF-IDF over words and letter n-grams of the
normalised text, one logistic regression per concern (scikit-learn), trained offline on
labelled answers written apart from the rules. Saved as a NumPy archive without pickles.

The screen flags an answer when a rule or this model finds a concern, so the model catches
wording the rules never imagined, and the rules keep what they already find.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

MODEL_FORMAT = 1
DATA_DIR = Path(__file__).with_name("data")
DEFAULT_MODEL = DATA_DIR / "screen_model.npz"
DEFAULT_TRAINING = DATA_DIR / "screen_training.csv"
CONCERNS = ("sexual_harm", "abuse", "self_harm", "suicidal")
# Row 0 of the weights says whether an answer discloses harm at all; the others, which kinds.
OUTPUTS = ("any", *CONCERNS)
WORDS = {"analyzer": "word", "ngram_range": (1, 3), "token_pattern": r"(?u)\b\w+\b"}
LETTERS = {"analyzer": "char_wb", "ngram_range": (2, 5)}


class ModelError(RuntimeError):
    """The model file is missing or not a screen model; the message says how to fix it."""


@dataclass
class ScreenModel:
    """Vocabularies, weights and per-concern thresholds of the learned screen."""

    word_vocabulary: dict[str, int]
    word_idf: np.ndarray
    letter_vocabulary: dict[str, int]
    letter_idf: np.ndarray
    concerns: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    thresholds: np.ndarray
    meta: dict

    def __post_init__(self) -> None:
        words = TfidfVectorizer(sublinear_tf=True, vocabulary=self.word_vocabulary, **WORDS)
        words.idf_ = self.word_idf
        letters = TfidfVectorizer(sublinear_tf=True, vocabulary=self.letter_vocabulary, **LETTERS)
        letters.idf_ = self.letter_idf
        self._vectorizers = (words, letters)

    @property
    def trusted_rules(self) -> frozenset[str]:
        """Return the rules precise enough on the training answers to flag on their own."""
        return frozenset(self.meta.get("trusted_rules", ()))

    def probabilities(self, normalised: list[str]) -> np.ndarray:
        """Return answers x OUTPUTS probabilities for normalised texts."""
        words, letters = self._vectorizers
        x = sparse.hstack([words.transform(normalised), letters.transform(normalised)], "csr")
        return 1.0 / (1.0 + np.exp(-(x @ self.coef.T + self.intercept)))

    def found(self, normalised: str) -> list[str]:
        """Return the concerns the model finds in one normalised text."""
        return self.found_all([normalised])[0]

    def found_all(self, normalised: list[str]) -> list[list[str]]:
        """Return the concerns found in each normalised text: none if it finds no disclosure;
        the likeliest kind if it finds one but no kind passes its own threshold."""
        found = []
        for scores in self.probabilities(normalised):
            if scores[0] < self.thresholds[0]:
                found.append([])
                continue
            kinds = [
                c
                for c, s, t in zip(CONCERNS, scores[1:], self.thresholds[1:], strict=True)
                if s >= t
            ]
            found.append(kinds or [CONCERNS[int(np.argmax(scores[1:] / self.thresholds[1:]))]])
        return found

    def save(self, path: str | os.PathLike) -> None:
        """Write the model atomically as a .npz archive."""
        tmp = f"{path}.tmp"
        with open(tmp, "wb") as fh:
            np.savez_compressed(
                fh,
                meta=np.array(json.dumps({**self.meta, "format": MODEL_FORMAT})),
                word_terms=np.array(sorted(self.word_vocabulary, key=self.word_vocabulary.get)),
                word_idf=self.word_idf,
                letter_terms=np.array(
                    sorted(self.letter_vocabulary, key=self.letter_vocabulary.get)
                ),
                letter_idf=self.letter_idf,
                concerns=np.array(self.concerns),
                coef=self.coef,
                intercept=self.intercept,
                thresholds=self.thresholds,
            )
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | os.PathLike = DEFAULT_MODEL) -> ScreenModel:
        """Read a model written by save, or fail saying how to rebuild it."""
        hint = "rebuild it with `python scripts/train_screen.py`"
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if meta.get("format") != MODEL_FORMAT:
                    raise ModelError(f"{path}: screen model format is not {MODEL_FORMAT}; {hint}")
                if [str(c) for c in data["concerns"]] != list(OUTPUTS):
                    raise ModelError(f"{path}: its outputs are not {', '.join(OUTPUTS)}; {hint}")
                words = [str(t) for t in data["word_terms"]]
                letters = [str(t) for t in data["letter_terms"]]
                return cls(
                    word_vocabulary={t: i for i, t in enumerate(words)},
                    word_idf=data["word_idf"],
                    letter_vocabulary={t: i for i, t in enumerate(letters)},
                    letter_idf=data["letter_idf"],
                    concerns=[str(c) for c in data["concerns"]],
                    coef=data["coef"],
                    intercept=data["intercept"],
                    thresholds=data["thresholds"],
                    meta=meta,
                )
        except FileNotFoundError:
            raise ModelError(f"{path}: the screen's model file is missing; {hint}") from None
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{path}: not a screen model ({exc}); {hint}") from None


def read_labelled(path: str | os.PathLike) -> list[tuple[str, set[str]]]:
    """Read `id,text,concerns` rows (concerns split by ;), refusing unknown concerns."""
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for number, record in enumerate(csv.DictReader(fh), start=2):
            labels = {c.strip() for c in (record["concerns"] or "").split(";") if c.strip()}
            unknown = labels - set(CONCERNS)
            if unknown:
                raise ValueError(f"{path}: row {number}: unknown concern(s) {sorted(unknown)}")
            rows.append((record["text"], labels))
    return rows


def file_hash(path: str | os.PathLike) -> str:
    """Return the SHA-256 of a file, to tie a model to the data it was trained on."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def train(
    normalised: list[str],
    labels: list[set[str]],
    *,
    threshold: float = 0.5,
    c: float = 8.0,
    meta: dict | None = None,
) -> ScreenModel:
    """Learn whether an answer discloses harm, and which kinds, from labelled answers.

    threshold is the probability at which an answer is flagged; choose it on answers held
    apart from training (benchmarks/safeguarding_quality.py --sweep on the tuning set).
    """
    words = TfidfVectorizer(sublinear_tf=True, min_df=2, **WORDS)
    letters = TfidfVectorizer(sublinear_tf=True, min_df=2, **LETTERS)
    x = sparse.hstack([words.fit_transform(normalised), letters.fit_transform(normalised)], "csr")
    coef = np.zeros((len(OUTPUTS), x.shape[1]))
    intercept = np.zeros(len(OUTPUTS))
    thresholds = np.full(len(OUTPUTS), 0.5)
    thresholds[0] = threshold
    for k, output in enumerate(OUTPUTS):
        if output == "any":
            y = np.array([bool(found) for found in labels])
        else:
            y = np.array([output in found for found in labels])
        clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear")
        clf.fit(x, y)
        coef[k], intercept[k] = clf.coef_[0], clf.intercept_[0]
    return ScreenModel(
        word_vocabulary=dict(words.vocabulary_),
        word_idf=words.idf_,
        letter_vocabulary=dict(letters.vocabulary_),
        letter_idf=letters.idf_,
        concerns=list(OUTPUTS),
        coef=coef,
        intercept=intercept,
        thresholds=thresholds,
        meta={"answers": len(normalised), "threshold": threshold, **(meta or {})},
    )
