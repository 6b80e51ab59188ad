"""Remove personal details before text is shown or sent anywhere: person names, phone
numbers, e-mail addresses, NHS numbers, dates of birth, postcodes and street addresses,
each replaced by a placeholder such as [name] or [phone]."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import nhs_number
import phonenumbers

from .resources import vader_words, word_list
from .sentiment import WARD_LEXICON
from .text import NEGATORS

PLACEHOLDER = "[{}]"
# Earlier kinds win where two detections overlap.
PRIORITY = ("email", "nhs_number", "date_of_birth", "phone", "postcode", "address", "name")

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
NHS_NUMBER = re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
# A number someone calls their NHS number is one, even if a typo breaks its check digit.
NAMED_NHS_NUMBER = re.compile(
    r"\bnhs\s*(?:no\.?|number|num|#)?\s*(?:is|was|[:=-])?\s*"
    r"(\d{3}[ -]?\d{3}[ -]?\d{4})(?![\d-])",
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTHS}\.?,?\s+(?:\d{{4}}|'?\d{{2}})"
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
DATE_OF_BIRTH = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date of birth|birth ?date|born(?:\s+on)?|birthday(?:\s+is)?)"
    rf"\s*(?:is\s+|was\s+|[:=-]\s*)?({_DATE})",
    re.IGNORECASE,
)
# Inward codes never use C, I, K, M, O or V, which keeps "2nd" and "4pm" out.
POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
)
_STREET = (
    r"(?:road|rd|street|st|lane|ln|avenue|ave|close|drive|way|crescent|court|place"
    r"|terrace|grove|gardens|walk|park|square|row|mews|view|rise|parade|green|hill)"
)
ADDRESS = re.compile(
    rf"\b(?:(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+"
    rf"(?:[A-Za-z][a-z'-]+\s+){{1,3}}{_STREET}\b\.?",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_](?:[\w'-]*[^\W\d_])?")
TITLES = frozenset(["dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor"])
ROLES = frozenset(
    [
        "carer",
        "mum",
        "dad",
        "brother",
        "sister",
        "son",
        "daughter",
        "friend",
        "nan",
        "wife",
        "husband",
        "partner",
        "uncle",
        "aunt",
        "auntie",
        "cousin",
        "grandson",
        "granddaughter",
        "nurse",
        "nurses",
        "hca",
        "doctor",
        "doc",
        "consultant",
        "psychiatrist",
        "psychologist",
        "ot",
        "keyworker",
        "key",
        "worker",
        "worker",
        "sister",
        "matron",
        "manager",
        "cleaner",
        "porter",
        "chef",
        "cook",
        "receptionist",
        "housekeeper",
        "domestic",
        "therapist",
        "physio",
        "pharmacist",
        "advocate",
        "chaplain",
        "student",
        "called",
        "named",
        "name's",
    ]
)
PLACES = frozenset(
    [
        "ward",
        "wards",
        "unit",
        "wing",
        "house",
        "centre",
        "center",
        "hospital",
        "lodge",
        "court",
        "road",
        "street",
        "team",
        "service",
        "services",
        "clinic",
        "suite",
        "trust",
    ]
)
# A capitalised name-that-is-a-word opening a sentence is a name when one of these follows.
NAME_FOLLOWERS = frozenset(
    [
        "was",
        "is",
        "said",
        "says",
        "told",
        "tells",
        "helped",
        "helps",
        "came",
        "comes",
        "gave",
        "gives",
        "has",
        "had",
        "does",
        "did",
        "always",
        "never",
        "on",
        "from",
        "and",
        "who",
        "sat",
        "took",
        "takes",
        "listened",
        "listens",
        "made",
        "makes",
        "got",
        "shouted",
        "asked",
        "spoke",
        "talked",
        "'s",
    ]
)


CLITIC_ENDINGS = frozenset(["s", "m", "ve", "ll", "d", "re", "t"])


@dataclass(frozen=True)
class Found:
    """One personal detail: its kind and where it sits in the text."""

    kind: str
    start: int
    end: int


@functools.cache
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    names = word_list("given_names.txt") | word_list("surnames.txt")
    word_names = word_list("word_names.txt")
    not_names = word_list("not_names.txt")
    vocabulary = (
        word_list("english_common.txt") | frozenset(WARD_LEXICON) | NEGATORS | vader_words()
    )
    return names, word_names, not_names, vocabulary


@functools.cache
def _near_names() -> dict[str, str]:
    """Map every one-letter deletion of a given name to the name, to catch misspellings."""
    out: dict[str, str] = {}
    for name in word_list("given_names.txt"):
        if len(name) >= 4:
            for i in range(len(name)):
                out.setdefault(name[:i] + name[i + 1 :], name)
    return out


def _misspelt_name(word: str) -> bool:
    """Say whether word is one edit (drop, add, swap) away from a given name of 4+ letters."""
    if len(word) < 4:
        return False
    near = _near_names()
    names = word_list("given_names.txt")
    if word in near:  # one letter added to a name
        return True
    deletions = {word[:i] + word[i + 1 :] for i in range(len(word))}
    if deletions & names:  # one letter dropped
        return True
    return any(d in near for d in deletions)  # swapped or changed


def _without_clitic(word: str) -> str:
    """Drop a trailing 's, 'm, 've, 'll, 'd, 're or 't: Tom's is Tom, I'm is I, O'Neill stays."""
    base, mark, rest = word.rpartition("'")
    return base if mark and rest.lower() in CLITIC_ENDINGS else word


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?\n:"


def find_names(text: str) -> list[Found]:
    """Find person names, with their titles, as spans of text."""
    names, word_names, not_names, vocabulary = _lists()
    given = word_list("given_names.txt")
    words = list(WORD.finditer(text))
    flags = [False] * len(words)
    for i, m in enumerate(words):
        raw = m.group()
        base = _without_clitic(raw)
        word = base.lower()
        capital = (base[0].isupper() and not base.isupper()) or (len(base) > 1 and base.istitle())
        prev = words[i - 1].group().lower().rstrip(".") if i else ""
        after_cue = prev in TITLES or prev in ROLES
        nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
        starts = _sentence_start(text, m.start())
        if word in TITLES or (word in vocabulary and word not in names):
            continue
        if nxt in PLACES and prev not in TITLES:
            continue  # Cedar Ward, Willow Unit: the name of a place, not a person
        if word in not_names and prev not in TITLES:
            continue
        if word in word_names:
            if (
                prev in TITLES
                or (capital and not starts)
                or (capital and starts and nxt in NAME_FOLLOWERS)
            ) or (after_cue and capital):
                flags[i] = True
        elif word in names:
            # Written in lower case, only first names count (many surnames are words), and
            # a short one needs a name's context: "wen" is more often a misspelt "when".
            flags[i] = capital or (
                word in given and (len(word) > 3 or after_cue or nxt in NAME_FOLLOWERS)
            )
        elif capital and (after_cue or (i and flags[i - 1])):
            flags[i] = True  # a name we do not list, after a title, a role or a first name
        elif capital and _misspelt_name(word) and (not starts or nxt in NAME_FOLLOWERS):
            flags[i] = True
        elif capital and not starts and len(word) > 2 and not base.isupper():
            flags[i] = True  # a capitalised word mid-sentence that is no ordinary word
    _spread(text, words, flags, names, not_names, vocabulary)
    found: list[Found] = []
    for i, m in enumerate(words):
        if not flags[i]:
            continue
        start, end = m.start(), m.end()
        end = m.start() + len(_without_clitic(m.group()))
        if i and words[i - 1].group().lower().rstrip(".") in TITLES:
            start = words[i - 1].start()
        if found and (text[found[-1].end : start].strip() == "") and flags[i - 1]:
            found[-1] = Found("name", found[-1].start, end)
        else:
            found.append(Found("name", start, end))
    return found


def _spread(text, words, flags, names, not_names, vocabulary) -> None:
    """Flag capitalised words that sit next to a name or in a list of names with it."""
    changed = True
    while changed:
        changed = False
        for i, m in enumerate(words):
            raw = m.group()
            word = _without_clitic(raw).lower()
            if flags[i] or not raw[0].isupper() or raw.isupper() or len(word) < 2:
                continue
            if word in not_names or (word in vocabulary and word not in names):
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(words) and flags[j]:
                    gap = text[min(m.end(), words[j].end()) : max(m.start(), words[j].start())]
                    if gap.strip() in ("", ",", "and", "&", "or"):
                        flags[i] = changed = True
                        break


def _phones(text: str) -> list[Found]:
    out = []
    for m in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        digits = re.sub(r"\D", "", m.raw_string)
        # A number written in dialling form (0... or +...) is someone's number even if it
        # is unallocated; ten bare digits are more often a reference than a phone.
        dialled = m.raw_string.lstrip("(").startswith(("0", "+")) and len(digits) >= 10
        if dialled:
            out.append(Found("phone", m.start, m.end))
    return out


def find(text: str) -> list[Found]:
    """Return every personal detail in text, without overlaps, in order."""
    candidates: list[Found] = [Found("email", m.start(), m.end()) for m in EMAIL.finditer(text)]
    candidates += [
        Found("nhs_number", m.start(), m.end())
        for m in NHS_NUMBER.finditer(text)
        if nhs_number.is_valid(re.sub(r"\D", "", m.group()))
    ]
    candidates += [
        Found("nhs_number", m.start(1), m.end(1)) for m in NAMED_NHS_NUMBER.finditer(text)
    ]
    candidates += [
        Found("date_of_birth", m.start(1), m.end(1)) for m in DATE_OF_BIRTH.finditer(text)
    ]
    candidates += _phones(text)
    candidates += [Found("postcode", m.start(), m.end()) for m in POSTCODE.finditer(text)]
    candidates += [Found("address", m.start(), m.end()) for m in ADDRESS.finditer(text)]
    candidates += find_names(text)
    chosen: list[Found] = []
    for item in sorted(candidates, key=lambda f: (PRIORITY.index(f.kind), f.start)):
        if all(item.end <= c.start or item.start >= c.end for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda f: f.start)


def redact(text: str) -> str:
    """Return text with every personal detail replaced by its placeholder."""
    out, last = [], 0
    for item in find(text):
        out.append(text[last : item.start])
        out.append(PLACEHOLDER.format(item.kind))
        last = item.end
    out.append(text[last:])
    return "".join(out)
