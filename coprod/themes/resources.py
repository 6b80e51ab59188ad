"""Locate the engine's offline data: word lists in this package, VADER's lexicon installed
with the vaderSentiment package. Nothing is ever downloaded."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from .errors import MissingResource

DATA_DIR = Path(__file__).parent / "data"


def data_file(name: str) -> Path:
    """Return the path of one of the engine's own data files, or fail saying how to fix it."""
    path = DATA_DIR / name
    if not path.is_file():
        raise MissingResource(
            f"the theming engine's data file {path} is missing; restore it from the coprod "
            "repository (git checkout -- coprod/themes/data)"
        )
    return path


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """Read a one-entry-per-line list (lowercase, '#' comments) from the data folder."""
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def vader_lexicon_text() -> str:
    """Return VADER's lexicon as shipped by the vaderSentiment package."""
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise MissingResource(
            "VADER's sentiment lexicon comes from the vaderSentiment package, which is not "
            "installed; run: pip install -r requirements.txt"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "vader_lexicon.txt"
    if not path.is_file():
        raise MissingResource(
            f"{path} is missing from the vaderSentiment package; reinstall it with: "
            "pip install --force-reinstall -r requirements.txt"
        )
    return path.read_text(encoding="utf-8")


@functools.cache
def vader_words() -> frozenset[str]:
    """Return the 7,500 ordinary words of VADER's lexicon (words that carry a feeling)."""
    return frozenset(
        line.split("\t", 1)[0]
        for line in vader_lexicon_text().splitlines()
        if line and line.split("\t", 1)[0].isalpha()
    )
