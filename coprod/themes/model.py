"""A model learned from labelled answers: TF-IDF over stems and n-grams plus the codebook's
own evidence, one logistic regression per theme (scikit-learn), and a sentiment classifier.
Saved as a NumPy archive without pickles, so a model file can never run code when loaded."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from .errors import ThemesError

log = logging.getLogger(__name__)

MODEL_FORMAT = 1
MIN_POSITIVES = 8  # fewer labelled examples than this: the codebook alone codes the theme
THRESHOLD_GRID = np.round(np.arange(0.2, 0.91, 0.05), 2)


def _identity(features: list[str]) -> list[str]:
    return features


@dataclass
class TrainingSet:
    """Analysed training answers: features, codebook evidence, VADER scores and labels."""

    features: list[list[str]]
    evidence: np.ndarray  # answers x codebook themes: phrase confidence
    vader: np.ndarray  # answers x 4: compound, pos, neg, neu
    themes: list[set[str]]
    sentiments: list[str | None]


@dataclass
class ThemeModel:
    """Everything needed to code new answers the way the labelled ones were coded."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    evidence_themes: list[str]
    themes: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    thresholds: np.ndarray
    sentiment_labels: list[str]
    sentiment_coef: np.ndarray
    sentiment_intercept: np.ndarray
    meta: dict

    def _vectorizer(self) -> TfidfVectorizer:
        vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, vocabulary=self.vocabulary)
        vec.idf_ = self.idf
        return vec

    def matrix(self, features: list[list[str]], evidence: np.ndarray) -> sparse.csr_matrix:
        """Return the model's input rows for analysed answers."""
        words = self._vectorizer().transform(features)
        return sparse.hstack([words, sparse.csr_matrix(evidence)], format="csr")

    def theme_probabilities(self, x: sparse.csr_matrix) -> np.ndarray:
        """Return answers x themes probabilities."""
        return 1.0 / (1.0 + np.exp(-(x @ self.coef.T + self.intercept)))

    def sentiment_probabilities(self, x: sparse.csr_matrix, vader: np.ndarray) -> np.ndarray:
        """Return answers x sentiment labels probabilities."""
        rows = sparse.hstack([x, sparse.csr_matrix(vader)], format="csr")
        logits = rows @ self.sentiment_coef.T + self.sentiment_intercept
        logits = logits - logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        return weights / weights.sum(axis=1, keepdims=True)

    def save(self, path: str | os.PathLike) -> None:
        """Write the model to path (a .npz archive) atomically."""
        terms = np.array(sorted(self.vocabulary, key=self.vocabulary.get))
        tmp = f"{path}.tmp"
        with open(tmp, "wb") as fh:
            np.savez_compressed(
                fh,
                meta=np.array(json.dumps({**self.meta, "format": MODEL_FORMAT})),
                terms=terms,
                idf=self.idf,
                evidence_themes=np.array(self.evidence_themes),
                themes=np.array(self.themes),
                coef=self.coef,
                intercept=self.intercept,
                thresholds=self.thresholds,
                sentiment_labels=np.array(self.sentiment_labels),
                sentiment_coef=self.sentiment_coef,
                sentiment_intercept=self.sentiment_intercept,
            )
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> ThemeModel:
        """Read a model written by save, or fail with a clear reason."""
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if meta.get("format") != MODEL_FORMAT:
                    raise ThemesError(
                        f"{path}: model format {meta.get('format')} is not "
                        f"{MODEL_FORMAT}; retrain with flask themes train"
                    )
                terms = [str(t) for t in data["terms"]]
                return cls(
                    vocabulary={t: i for i, t in enumerate(terms)},
                    idf=data["idf"],
                    evidence_themes=[str(t) for t in data["evidence_themes"]],
                    themes=[str(t) for t in data["themes"]],
                    coef=data["coef"],
                    intercept=data["intercept"],
                    thresholds=data["thresholds"],
                    sentiment_labels=[str(t) for t in data["sentiment_labels"]],
                    sentiment_coef=data["sentiment_coef"],
                    sentiment_intercept=data["sentiment_intercept"],
                    meta=meta,
                )
        except FileNotFoundError:
            raise ThemesError(f"{path}: model file not found") from None
        except (OSError, ValueError, KeyError) as exc:
            raise ThemesError(f"{path}: not a coprod theme model ({exc})") from None


def _best_threshold(truth: np.ndarray, scores: np.ndarray) -> float:
    best, best_f1 = 0.5, -1.0
    for threshold in THRESHOLD_GRID:
        predicted = scores >= threshold
        tp = float(np.sum(predicted & truth))
        f1 = 2 * tp / (predicted.sum() + truth.sum()) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(threshold), f1
    return best


def train(
    data: TrainingSet,
    codebook_version: str,
    evidence_themes: list[str],
    *,
    c: float = 4.0,
    seed: int = 0,
) -> ThemeModel:
    """Learn theme and sentiment classifiers from analysed, labelled answers."""
    vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=2)
    words = vec.fit_transform(data.features)
    x = sparse.hstack([words, sparse.csr_matrix(data.evidence)], format="csr")
    counts = {t: sum(t in labels for labels in data.themes) for t in evidence_themes}
    themes = [t for t in evidence_themes if counts[t] >= MIN_POSITIVES]
    skipped = [t for t in evidence_themes if counts[t] < MIN_POSITIVES]
    if skipped:
        log.info("too few examples to learn (codebook alone): %s", ", ".join(skipped))
    coef = np.zeros((len(themes), x.shape[1]))
    intercept = np.zeros(len(themes))
    thresholds = np.full(len(themes), 0.5)
    for k, theme in enumerate(themes):
        y = np.array([theme in labels for labels in data.themes])
        clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear")
        folds = StratifiedKFold(n_splits=min(5, int(y.sum())), shuffle=True, random_state=seed)
        oof = cross_val_predict(clf, x, y, cv=folds, method="predict_proba")[:, 1]
        thresholds[k] = _best_threshold(y, oof)
        clf.fit(x, y)
        coef[k], intercept[k] = clf.coef_[0], clf.intercept_[0]
    labelled = [i for i, s in enumerate(data.sentiments) if s]
    sentiment_labels = sorted({data.sentiments[i] for i in labelled})
    if len(sentiment_labels) >= 2:
        rows = sparse.hstack([x, sparse.csr_matrix(data.vader)], format="csr")[labelled]
        clf = LogisticRegression(C=c, max_iter=2000)
        clf.fit(rows, [data.sentiments[i] for i in labelled])
        sentiment_labels = [str(s) for s in clf.classes_]
        s_coef, s_intercept = clf.coef_, clf.intercept_
        if len(sentiment_labels) == 2:  # binary: scikit-learn keeps one row; make it two
            s_coef = np.vstack([-s_coef[0] / 2, s_coef[0] / 2])
            s_intercept = np.array([-s_intercept[0] / 2, s_intercept[0] / 2])
    else:
        sentiment_labels, s_coef, s_intercept = [], np.zeros((0, x.shape[1] + 4)), np.zeros(0)
    return ThemeModel(
        vocabulary=dict(vec.vocabulary_),
        idf=vec.idf_,
        evidence_themes=list(evidence_themes),
        themes=themes,
        coef=coef,
        intercept=intercept,
        thresholds=thresholds,
        sentiment_labels=sentiment_labels,
        sentiment_coef=np.asarray(s_coef),
        sentiment_intercept=np.asarray(s_intercept),
        meta={
            "codebook_version": codebook_version,
            "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "answers": len(data.features),
            "positives": counts,
        },
    )
