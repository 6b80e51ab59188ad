"""The codebook: themes with descriptions, phrases, examples and parents, loaded from YAML,
validated with `file: theme: problem` messages, versioned by content hash, reloaded on change."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ThemesError
from .text import stem_phrase, word_phrase

log = logging.getLogger(__name__)

FORMAT = 1
THEME_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "surveys" / "codebook.yaml"


class CodebookError(ThemesError):
    """The codebook file is unusable; lists every problem found, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Theme:
    """One theme of the codebook."""

    id: str
    label: str
    description: str
    parent: str | None = None
    phrases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    # Two word lists: a word of each within PAIR_REACH words of one another in a clause
    # marks the theme ("the nurses were really lovely"), where a fixed phrase cannot. Pair
    # words match as written, not by stem ("loved" is not "lovely").
    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    # Phrases, as written, inside which this theme's phrases do not count ("kind of").
    unless: tuple[str, ...] = ()


@dataclass
class Codebook:
    """The themes, their phrase index for matching, and the version that identifies them."""

    themes: dict[str, Theme]
    version: str
    # Stemmed phrases, and phrases written "=like this" that match those words exactly
    # (stemming makes "caring" "care" and "helpful" "help").
    index: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    exact_index: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    # The lengths of the phrases that start with each stem or word: matching tries only those.
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    exact_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # Per theme: the words of each pair's two lists, and the words of its 'unless' phrases.
    pair_index: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = field(default_factory=dict)
    unless_index: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def build(cls, themes: Iterable[Theme]) -> Codebook:
        """Make a codebook from themes, computing its version and phrase index."""
        themes = {t.id: t for t in themes}
        canonical = json.dumps(
            [t.__dict__ for t in themes.values()], sort_keys=True, ensure_ascii=False
        )
        book = cls(themes, hashlib.sha256(canonical.encode()).hexdigest()[:16])
        index: dict[tuple[str, ...], set[str]] = {}
        exact: dict[tuple[str, ...], set[str]] = {}
        for theme in themes.values():
            for phrase in theme.phrases:
                key = phrase_key(phrase)
                if key:
                    found = exact if phrase.startswith("=") else index
                    found.setdefault(key, set()).add(theme.id)
        book.index = {k: frozenset(v) for k, v in index.items()}
        book.exact_index = {k: frozenset(v) for k, v in exact.items()}
        book.lengths, book.exact_lengths = _lengths(index), _lengths(exact)
        for theme in themes.values():
            if theme.pairs:
                book.pair_index[theme.id] = [
                    (frozenset(first), frozenset(second)) for first, second in theme.pairs
                ]
            if theme.unless:
                book.unless_index[theme.id] = [k for k in map(word_phrase, theme.unless) if k]
        return book

    def ids(self) -> list[str]:
        """Return the theme ids in codebook order."""
        return list(self.themes)

    def with_ancestors(self, ids: Iterable[str]) -> set[str]:
        """Return ids plus every parent above them: a child theme implies its parent."""
        out = set()
        for theme_id in ids:
            while theme_id and theme_id not in out:
                out.add(theme_id)
                theme_id = self.themes[theme_id].parent if theme_id in self.themes else None
        return out


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Return what a codebook phrase matches: its words if written "=so", else its stems."""
    return word_phrase(phrase[1:]) if phrase.startswith("=") else stem_phrase(phrase)


def _lengths(index: dict[tuple[str, ...], set[str]]) -> dict[str, tuple[int, ...]]:
    starts: dict[str, set[int]] = {}
    for key in index:
        starts.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(sizes)) for first, sizes in starts.items()}


def _covers(unless: tuple[str, ...], phrase: str) -> bool:
    """Say whether an 'unless' phrase's words hold a match of phrase, the way it matches."""
    key = phrase_key(phrase)
    if phrase.startswith("="):
        return bool(key) and _contains(unless, key)
    return bool(key) and _contains(tuple(stem_phrase(" ".join(unless))), key)


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _pairs(value: object, where: str, problems: list[str]) -> tuple:
    """Check a theme's pairs: a list of [first words, second words], single words each."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(f"{where}: pairs: must be a list of two word lists")
        return ()
    out = []
    for n, pair in enumerate(value, start=1):
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(side, list) and side for side in pair)
        ):
            problems.append(f"{where}: pairs: pair {n} must be two non-empty lists of single words")
            continue
        bad = [
            w for side in pair for w in side if not isinstance(w, str) or len(word_phrase(w)) != 1
        ]
        for word in bad:
            hint = " (put yes, no, on and off in quotes)" if isinstance(word, bool) else ""
            problems.append(f"{where}: pairs: pair {n}: {word!r} is not a single word{hint}")
        if bad:
            continue
        first, second = ({word_phrase(w)[0] for w in side} for side in pair)
        if first & second:
            both = ", ".join(sorted(first & second))
            problems.append(f"{where}: pairs: pair {n}: {both} is on both sides")
            continue
        out.append((tuple(sorted(first)), tuple(sorted(second))))
    return tuple(out)


def parse(data: object, source: str) -> Codebook:
    """Validate parsed YAML and build the codebook, or raise CodebookError listing problems."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise CodebookError([f"{source}: the file must be a mapping with 'format' and 'themes'"])
    if data.get("format") != FORMAT:
        problems.append(f"{source}: format: must be {FORMAT}, found {data.get('format')!r}")
    entries = data.get("themes")
    if not isinstance(entries, list) or not entries:
        raise CodebookError([*problems, f"{source}: themes: must be a non-empty list"])
    themes: list[Theme] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        where = f"{source}: theme {n}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        theme_id = entry.get("id")
        if not isinstance(theme_id, str) or not THEME_ID.match(theme_id):
            problems.append(f"{where}: id: must be lowercase letters, digits and _ (2-40)")
            continue
        where = f"{source}: {theme_id}"
        if theme_id in seen:
            problems.append(f"{where}: id: used twice")
        seen.add(theme_id)
        unknown = set(entry) - {
            "id",
            "label",
            "description",
            "parent",
            "phrases",
            "examples",
            "pairs",
            "unless",
        }
        if unknown:
            problems.append(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
        texts = {}
        for key in ("label", "description"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}: {key}: must be non-empty text")
            texts[key] = str(value or "").strip()
        lists = {}
        for key, required in (("phrases", True), ("examples", False), ("unless", False)):
            value = entry.get(key, [] if not required else None)
            if not isinstance(value, list) or (required and not value):
                problems.append(f"{where}: {key}: must be a {'non-empty ' * required}list")
                value = []
            bad = [v for v in value if not isinstance(v, str) or not v.strip()]
            if bad:
                problems.append(f"{where}: {key}: every entry must be non-empty text")
            lists[key] = tuple(v.strip() for v in value if isinstance(v, str) and v.strip())
        folded = [p.lower() for p in lists["phrases"]]
        for phrase in sorted({p for p in folded if folded.count(p) > 1}):
            problems.append(f"{where}: phrases: {phrase!r} is listed twice")
        for phrase in lists["phrases"]:
            if not phrase_key(phrase):
                problems.append(f"{where}: phrases: {phrase!r} has no words to match")
        for phrase in lists["unless"]:
            words = word_phrase(phrase)
            if not words:
                problems.append(f"{where}: unless: {phrase!r} has no words to match")
            elif any(words == word_phrase(p.lstrip("=")) for p in lists["phrases"]):
                problems.append(f"{where}: unless: {phrase!r} would set its own phrase aside")
            elif not any(_covers(words, p) for p in lists["phrases"]):
                problems.append(
                    f"{where}: unless: {phrase!r} holds none of the theme's phrases, so it "
                    "would never set one aside"
                )
        parent = entry.get("parent")
        if parent is not None and not isinstance(parent, str):
            problems.append(f"{where}: parent: must be a theme id")
            parent = None
        pairs = _pairs(entry.get("pairs"), where, problems)
        themes.append(
            Theme(theme_id, texts["label"], texts["description"], parent, pairs=pairs, **lists)
        )
    ids = {t.id for t in themes}
    for theme in themes:
        if theme.parent is not None and theme.parent not in ids:
            problems.append(f"{source}: {theme.id}: parent: no theme {theme.parent!r}")
        seen_chain, current = set(), theme
        while current.parent and current.parent in ids and current.id not in seen_chain:
            seen_chain.add(current.id)
            current = next(t for t in themes if t.id == current.parent)
        if current.id in seen_chain:
            problems.append(f"{source}: {theme.id}: parent: parents form a loop")
    if problems:
        raise CodebookError(problems)
    return Codebook.build(themes)


def load(path: str | os.PathLike | None = None) -> Codebook:
    """Load and validate a codebook file (the default one when no path is given)."""
    path = Path(path or DEFAULT_PATH)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError([f"{path}: file not found"]) from None
    except (UnicodeDecodeError, OSError) as exc:
        raise CodebookError([f"{path}: cannot be read: {exc}"]) from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise CodebookError([f"{path.name}:{line}: not valid YAML"]) from None
    return parse(data, path.name)


class CodebookSource:
    """Hand out the current codebook, reloading the file when it changes on disk.

    A change that fails validation is logged and the last good codebook stays in use, so a
    facilitator's typo never stops coding.
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path or DEFAULT_PATH)
        self._lock = threading.Lock()
        self._stamp: tuple[float, int] | None = None
        self._book: Codebook | None = None

    def get(self) -> Codebook:
        """Return the codebook, reloaded first if the file changed since the last call."""
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime, stat.st_size)
        except OSError:
            stamp = None
        with self._lock:
            if self._book is None or stamp != self._stamp:
                try:
                    self._book = load(self.path)
                except CodebookError as exc:
                    if self._book is None:
                        raise
                    log.error(
                        "codebook change not used, keeping version %s:\n%s", self._book.version, exc
                    )
                self._stamp = stamp
            return self._book
