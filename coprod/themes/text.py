"""The text pipeline: clean, split into sentences (Punkt), tokenise, mark negation scope,
stem (Porter) and make n-grams. Everything here runs offline on NLTK's code alone."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from nltk.stem.porter import PorterStemmer
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from nltk.util import ngrams

from .resources import word_list

MAX_CHARS = 10_000

# Punkt's English model is downloadable data; ward comments need only these abbreviations
# to avoid false sentence breaks, so the tokeniser is built from them instead.
ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        "st",
        "sr",
        "e.g",
        "i.e",
        "etc",
        "approx",
        "vs",
        "dept",
        "tel",
        "mins",
        "hrs",
        "wk",
        "nb",
        "ps",
        "a.m",
        "p.m",
    ]
)
NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "nothing",
        "nobody",
        "none",
        "nowhere",
        "noone",
        "neither",
        "nor",
        "cannot",
        "without",
        "hardly",
        "barely",
        "lack",
        "lacking",
    ]
)
# Where a negation's scope stops: clause words as well as punctuation, because comments are
# often unpunctuated and a scope to the end of the comment would swallow the next idea.
SCOPE_BREAKS = frozenset(
    ["but", "however", "although", "though", "yet", "because", "so", "whereas", "except"]
)
NEGATION_REACH = 6
# Words where a sentence turns from one idea to the next: a theme pair stays on one side,
# and each side's feeling is read apart ("the food is lovely but the staff are rude").
TURNING_WORDS = frozenset(["but", "however", "although", "though", "whereas", "except", "yet"])
CLITICS = {"can't": ["can", "not"], "won't": ["will", "not"], "shan't": ["shall", "not"]}
NOT_WITHOUT_APOSTROPHE = {
    "dont": "do",
    "doesnt": "does",
    "didnt": "did",
    "cant": "can",
    "couldnt": "could",
    "wont": "will",
    "wouldnt": "would",
    "shouldnt": "should",
    "isnt": "is",
    "arent": "are",
    "wasnt": "was",
    "werent": "were",
    "havent": "have",
    "hasnt": "has",
    "hadnt": "had",
    "aint": "is",
}

_word_tokenizer = RegexpTokenizer(r"\w+(?:'\w+)*|[^\w\s]")
_sentence_tokenizer = PunktSentenceTokenizer(PunktParameters())
_sentence_tokenizer._params.abbrev_types = set(ABBREVIATIONS)
_stemmer = PorterStemmer()
_stems: dict[str, str] = {}
# Punkt is only asked about lines where a sentence could end before the line does.
_SENTENCE_BREAK = re.compile(r"[.!?]+[\"')]*\s+\S")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\r\f\v]+")


class _TextOnly(HTMLParser):
    """Keep the text of an HTML fragment, dropping tags, scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


@dataclass
class Prepared:
    """Text ready for coding, or the reason it cannot be coded ('problem')."""

    text: str
    problem: str | None = None


def prepare(raw: str | bytes | None) -> Prepared:
    """Clean one answer: strip markup and control characters, cap its length, say why not."""
    if raw is None:
        return Prepared("", "empty")
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            return Prepared("", "binary")
    if "\x00" in raw or len(_CONTROL.findall(raw[:2000])) > 3:
        return Prepared("", "binary")
    text = raw
    if "<" in text and ">" in text:
        parser = _TextOnly()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    text = html.unescape(text) if "&" in text else text
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    problem = None
    if len(text) > MAX_CHARS:
        text, problem = text[:MAX_CHARS], "too_long"
    if not text:
        return Prepared("", "empty")
    if not any(ch.isalpha() for ch in text):
        return Prepared(text, "no_words")
    if not looks_english(text):
        return Prepared(text, "not_english")
    return Prepared(text, problem)


def looks_english(text: str) -> bool:
    """Guess whether text is English: Latin script, and common English words when long."""
    if not text.isascii():  # most answers are plain ASCII: count letters only when not
        letters = [ch for ch in text if ch.isalpha()]
        latin = sum(1 for ch in letters if ch.isascii())
        if latin < 0.6 * len(letters):
            return False
    words = text.lower().split()
    if len(words) < 6:
        return True
    common = word_list("english_common.txt")
    return sum(w.strip(".,!?;:'\"()") in common for w in words) >= 0.15 * len(words)


def stem(word: str) -> str:
    """Return the Porter stem of a lowercase word, memoised (stemming dominates the cost)."""
    found = _stems.get(word)
    if found is None:
        found = _stems[word] = _stemmer.stem(word) if len(_stems) < 200_000 else word
    return found


def tokens(text: str) -> list[str]:
    """Split text into lowercase word and punctuation tokens, expanding n't to not."""
    out: list[str] = []
    for token in _word_tokenizer.tokenize(text.lower()):
        if "'" in token:
            if token in CLITICS:
                out.extend(CLITICS[token])
                continue
            base, _, clitic = token.partition("'")
            out.append(base[:-1] if clitic == "t" and base.endswith("n") else base)
            if clitic == "t":
                out.append("not")
            continue
        if token in NOT_WITHOUT_APOSTROPHE:
            out.extend((NOT_WITHOUT_APOSTROPHE[token], "not"))
            continue
        out.append(token)
    return [t for t in out if t]


def negation_scope(words: list[str]) -> list[bool]:
    """Mark each token that falls inside a negation's scope ("not safe": safe is negated)."""
    marks = [False] * len(words)
    reach = 0
    for i, word in enumerate(words):
        if word in NEGATORS:
            reach = NEGATION_REACH
            continue
        if not word[0].isalnum() or word in SCOPE_BREAKS:
            reach = 0
            continue
        if reach:
            marks[i] = True
            reach -= 1
    return marks


@dataclass
class Sentence:
    """One sentence: its text, span in the answer, tokens, stems and negation marks."""

    text: str
    start: int
    words: list[str]
    stems: list[str]
    negated: list[bool] = field(default_factory=list)


def sentences(text: str) -> list[Sentence]:
    """Split text into sentences (line breaks, then Punkt) and analyse each one."""
    out = []
    offset = 0
    for line in text.split("\n"):
        if _SENTENCE_BREAK.search(line):
            spans = _sentence_tokenizer.span_tokenize(line)
        else:
            spans = [(0, len(line))] if line.strip() else []
        for start, end in spans:
            piece = line[start:end].strip()
            if piece:
                words = tokens(piece)
                out.append(
                    Sentence(
                        piece,
                        offset + start,
                        words,
                        [stem(w) for w in words],
                        negation_scope(words) if words else [],
                    )
                )
        offset += len(line) + 1
    return out


def word_phrase(phrase: str) -> tuple[str, ...]:
    """Return the lowercase word sequence of a phrase, punctuation dropped."""
    return tuple(w for w in tokens(phrase) if w[0].isalnum())


def stem_phrase(phrase: str) -> tuple[str, ...]:
    """Return the stemmed word sequence a codebook phrase matches, punctuation dropped."""
    return tuple(stem(w) for w in word_phrase(phrase))


def features(sentence_list: list[Sentence], n: int = 2) -> list[str]:
    """Return the model's features: stems (NOT_-prefixed in negation scope) and n-grams."""
    feats: list[str] = []
    for s in sentence_list:
        words = [
            ("NOT_" + st) if neg else st
            for st, neg, w in zip(s.stems, s.negated, s.words, strict=True)
            if w[0].isalnum() and w not in NEGATORS
        ]
        feats.extend(words)
        for size in range(2, n + 1):
            feats.extend(
                " ".join(g) for g in ngrams([st for st in s.stems if st[0].isalnum()], size)
            )
    return feats
