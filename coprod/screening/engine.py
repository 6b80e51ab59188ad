"""Screen free-text survey answers for disclosures that a safeguarding lead must see.

Two parts. The rules: normalise the text, split it into clauses, run the named patterns in
RULES, then drop matches that a nearby negation turns into a denial ("nobody has touched me").
Every pattern is linear (no nested unbounded repeats) and no word may exceed 60 characters,
so long or hostile input stays fast. And a model learned from thousands of answers written
apart from the rules (model.py), which finds wording no rule imagined.

Measured on answers neither part was built from, the rules alone found fewer than half the
disclosures and many of their matches were false alarms, so the model decides, and only the
rules that were precise on the training answers flag on their own
(benchmarks/safeguarding_quality.py prints the figures).
"""

from __future__ import annotations

import enum
import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coprod.screening.model import ScreenModel
from coprod.screening.rules import GROUPS, RULES_TABLE


class Concern(enum.Enum):
    """A kind of disclosure that puts an answer in the safeguarding queue."""

    SEXUAL_HARM = "sexual_harm"
    ABUSE = "abuse"
    SELF_HARM = "self_harm"
    SUICIDAL = "suicidal"

    @property
    def label(self) -> str:
        """Return the concern in plain words."""
        return CONCERN_LABELS[self]


CONCERN_LABELS = {
    Concern.SEXUAL_HARM: "Sexual harm",
    Concern.ABUSE: "Abuse or neglect",
    Concern.SELF_HARM: "Self-harm",
    Concern.SUICIDAL: "Suicidal intent",
}


@dataclass(frozen=True)
class Screening:
    """Concerns found, and the names of the rules that found them (never the text)."""

    concerns: frozenset[Concern] = frozenset()
    matched_rules: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        """Say whether the answer goes to the safeguarding queue."""
        return bool(self.concerns)


def _rules(table: str) -> tuple[tuple[str, Concern, re.Pattern[str]], ...]:
    """Compile the rules table once, filling in the shared word lists."""
    rows: list[list[str]] = []
    for line in table.strip().splitlines():
        if line.startswith("#"):
            continue
        if line[0].isspace():
            rows[-1][2] += line.strip()
        else:
            rows.append(line.split(None, 2))
    fill = re.compile(r"<([A-Z_]+)>")
    return tuple(
        (name, Concern(concern), re.compile(fill.sub(lambda m: GROUPS[m[1]], pattern)))
        for name, concern, pattern in rows
    )


RULES = _rules(RULES_TABLE)


def _words(text: str) -> frozenset[str]:
    """Read a set of words separated by spaces."""
    return frozenset(text.split())


def _pairs(text: str) -> dict[str, str]:
    """Read "short=long_form" pairs, where "_" stands for a space."""
    pairs = (pair.split("=") for pair in text.split())
    return {short: long.replace("_", " ") for short, long in pairs}


def _replacements(table: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compile lines of "pattern => replacement"."""
    pairs = (line.strip().split(" => ") for line in table.strip().splitlines())
    return tuple((re.compile(pattern), replacement) for pattern, replacement in pairs)


# Normalisation runs in this order: characters, apostrophes, words, then phrases.
QUOTES = str.maketrans(
    {**dict.fromkeys("\u2018\u2019\u02bc`\u00b4", "'"), **dict.fromkeys("\u201c\u201d\u201e", '"')}
)
INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")
HUGE_TOKEN = re.compile(r"\w{60,}")  # no word is this long; dropping it bounds later work
STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
TIGHT_COMMA = re.compile(r"(?<=[^\W\d]),(?=[^\W\d])")  # "i,want,to,die" is one clause
# Short forms; "od'd" and "sh'ing" are read before "'d" can become "would".
SHORT_FORMS = _pairs("""
    won't=will_not can't=can_not ain't=is_not n't=_not 'm=_am 're=_are 've=_have 'll=_will
    'd=_would od'd=overdosed od'ed=overdosed sh'd=self_harmed sh'ed=self_harmed
    sh'ing=self_harming
""")
SHORT_FORM = re.compile(r"\b(?:od'e?d|sh'e?d|sh'ing|won't|can't|ain't)\b|n't\b|'(?:m|re|ve|ll|d)\b")
IS = re.compile(r"\b(he|she|it|that|there|who|what|someone|somebody|nobody|everyone)'s\b")
WORDS = _pairs("""
    dont=do_not didnt=did_not doesnt=does_not cant=can_not cannot=can_not wont=will_not
    isnt=is_not wasnt=was_not arent=are_not werent=were_not havent=have_not hasnt=has_not
    hadnt=had_not wouldnt=would_not couldnt=could_not shouldnt=should_not aint=is_not im=i_am
    ive=i_have hes=he_is shes=she_is theyre=they_are wanna=want_to wana=want_to
    gonna=going_to gotta=got_to tryna=trying_to u=you ur=your ppl=people n=and abt=about
    wnt=want cuz=because coz=because cos=because bc=because becos=because kms=kill_myself
    kys=kill_yourself dsh=self_harm noone=nobody no1=nobody some1=someone sum1=someone
    rapd=raped raiped=raped touchd=touched tuched=touched toched=touched touced=touched
    tuch=touch tuches=touches touchs=touches tuching=touching touchin=touching meself=myself
    myslef=myself mysef=myself myslf=myself kil=kill kiled=killed killd=killed hurtin=hurting
    killin=killing cuttin=cutting harmin=harming hittin=hitting kickin=kicking shing=self_harming
""")
WORD = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, WORDS), key=len)[::-1]) + r")\b")
# Letters stretched for emphasis ("meeee", "hurtttt") go back to a word the rules use; real
# doubles ("kill", "feel") are left alone.
PLAIN = _words(
    "die dead hurt hurting hurts me myself self harm help rape raped touch touched "
    "touching touches groped end life live hit want no not never suicide cut bum"
)
DOUBLED = re.compile(r"\b\w*([^\W\d_])\1\w*\b")
FIXES = _replacements(r"""
    \bs(?:el|le|e)f{1,2}\s*[-_]?\s*h(?:a|ar|ra)[mn](?!d) => self harm
    \bs(?:u|ui|iu|ue)[cs]{1,2}(?:i|ie|y|e)?d(e|al)\b => suicid\1
    \brapped(?=\s+(?:me|us|by)\b) => raped
    \bover\s+dos => overdos
    \bod(?:ed|ing)\b => overdosed
    \b(an|to|i|did|had|nearly|almost|will|might)\s+od\b => \1 overdose
    \bod(?=\s+(?:on|again)\b) => overdose
    \b(i|to|been|keep|started|my|of|urges?|did|not|never|stop|no|any)\s+sh\b => \1 self harm
    \bsh(?=\s+(?:again|urges?|thoughts?|scars?|cuts?|marks?|wounds?|injur|behaviou?r)) => self harm
    \bmy\s+self\b(?!\s+harm) => myself
    \bno\s*-?\s*one\b => nobody
    \bdye\b(?!\s+(?:my|her|his|their|it|the|hair|them|some|a|pink|blue|red|black|blonde)\b) => die
    \bdie(?=\s+(?:my|her|his|their)\s+hair) => dye
    \b2(?=\s+[a-z]) => to
    \bhit\s+me\s+up\b => contact me
    \b(?:drugs?|alcohol|substance|solvent)\s+(?:abuse|misuse)\b => substance use
    \babus(?:e|ing)\s+(?:drugs|alcohol|substances|solvents)\b => substance use
    \bligatures?\s+(?:points?|risks?|free|cutters?|audits?|checks?|anchor\w*) => topic
""")
# Talking about a topic is not a disclosure ("we watched a film about suicide prevention").
TOPIC = r"(?:suicide|self\s+harm|abuse|violence|bullying|rape|sexual\s+(?:safety|abuse|assault))"
TOPICS = (
    re.compile(
        rf"\b{TOPIC}\s+(?:prevention|awareness|week|day|month|training|campaign|charity|helpline"
        r"|posters?|leaflets?|statistics|stats|rates?|policy|group|session|workshop|course"
        r"|reduction|and\s+aggression)\b"
    ),
    re.compile(
        r"\b(?:films?|documentar(?:y|ies)|programmes?|programs?|shows?|books?|articles?|talks?"
        r"|sessions?|training|leaflets?|posters?|groups?|lectures?|class|workshops?|discussions?"
        rf"|plays?|songs?|news)\s+(?:about|on|around|regarding)\s+{TOPIC}"
    ),
)
# Clauses end at punctuation, "because", "and then"; "but" and "except" start the next one,
# so that "staff never hit me, but a patient did" can be read as a disclosure.
CLAUSES = re.compile(
    r"[.!?;:,()\[\]{}\"<>/\\|*~\n\r\t\u2026\u2013\u2014]+|\s-+\s"
    r"|(?=\b(?:but|except|apart\s+from)\b)|\b(?:and\s+then|because|however|although|though)\b"
)
NOT_WORD = re.compile(r"[^\w\s]+|_+")
SPACES = re.compile(r"\s+")
# A clause that takes back the denial before it: "..., but a patient did", "except once".
CONTRAST = re.compile(
    r"^(?:but|except|apart\s+from)\b(?:\s+\w+){0,3}?\s+(?:did|does|do|has|have|had|was|were|is"
    r"|are|will|would|used\s+to)(?:\s+(?:once|before|though|sometimes|yesterday|today|again|too"
    r"|also|recently|lately|still|often|it|now|last\s+night|a\s+lot))*$|^(?:except|apart\s+from)\b"
    r"|^only\s+(?:by\s+)?(?:\w+\s+)?(?:patients?|staff|him|her|them|men|a\s+\w+)$"
)

# Negation is judged on the few words before a match, inside its clause.
WINDOW = 8
NEGATORS = _words("not never no nobody none neither nor nothing without stopped quit")
NO_IDIOMS = _words("right reason need business idea matter wonder doubt choice point")
SPEECH = _words("said say says saying told tell tells telling asked ask asking begged shouted")
# Only these helper words may stand between a negation and the harm it denies ("I have never
# really wanted to hurt myself"); any other word means the negation is about something else:
# "I'm not coping with my self harm", "I'm not ok he hits me", "nobody believes he hit me".
SCOPE = _words(
    "am is are was were be been being have has had having do does did will would shall should "
    "can could may might must ever even really actually once again yet still always usually "
    "honestly truly physically personally recently lately to want wanted wanting going try "
    "tried trying plan planning planned intend intended mean meant feel felt feeling like get "
    "got getting any anyone anybody a an the of about thoughts urges urge plans intention "
    "think thinking thought here there on in at this ward hospital or nor"
)
PERSONS = _words(
    "staff patient patients nurse nurses doctor doctors hca hcas man men woman "
    "women guy guys lad lads people person someone somebody them"
)
FILLER = _words("other of the these those single a one any our male female")
# A denial of harm by others that says it has ended still says it happened.
CEASED = re.compile(r"\b(?:any\s*more|no\s+longer|again|now|stopped|used\s+to|until|till)\b")
# A recovery statement dated within days still reports recent self-harm.
RECENT = re.compile(
    r"\b(?:yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening|week)"
    r"|last\s+week|(?:a|one|two|three|four|five|few|couple\s+of|[1-5])\s+(?:days?|hours?))\b"
)
NOTHING = Screening()


def _plain(match: re.Match[str]) -> str:
    """Undo letters stretched for emphasis when that gives a word the rules know."""
    word = match[0]
    unstretched = re.sub(r"(.)\1+", r"\1", word)
    return unstretched if unstretched in PLAIN else word


def normalise(text: str) -> str:
    """Return the text lower-cased, spelled plainly and with talk about topics removed."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).lower().translate(QUOTES)
    text = HUGE_TOKEN.sub(" ", STRETCHED.sub(r"\1\1", INVISIBLE.sub("", text)))
    text = TIGHT_COMMA.sub(" ", text)
    text = SHORT_FORM.sub(lambda m: SHORT_FORMS[m[0]], text)
    text = IS.sub(r"\1 is", text).replace("'", "")
    text = DOUBLED.sub(_plain, WORD.sub(lambda m: WORDS[m[0]], text))
    for pattern, replacement in FIXES:
        text = pattern.sub(replacement, text)
    for pattern in TOPICS:
        text = pattern.sub(" topic ", text)
    return text


def clauses(text: str) -> list[str]:
    """Split normalised text into clauses of words separated by single spaces."""
    parts = (SPACES.sub(" ", NOT_WORD.sub(" ", part)).strip() for part in CLAUSES.split(text))
    return [part for part in parts if part]


def _negated(before: list[str]) -> bool:
    """Say whether the words before a match deny it."""
    for index in range(len(before) - 1, -1, -1):
        word = before[index]
        if word in NEGATORS:
            after = before[index + 1] if index + 1 < len(before) else ""
            if after == "to" or (word == "no" and after in NO_IDIOMS):
                return False  # "told him not to touch me", "no right to": it happened
            return not SPEECH.intersection(before[max(0, index - 3) : index])  # "i said no"
        if word in PERSONS:
            # "no staff", "none of the patients" deny; "not ok staff hit me" does not.
            rest = [w for w in before[max(0, index - 4) : index] if w not in FILLER]
            return bool(rest) and rest[-1] in ("no", "none", "not", "never")
        if word not in SCOPE:
            return False
    return False


def _words_before(clause: str, start: int) -> list[str]:
    """Return the few words before a match, where a negation would sit."""
    before = clause[max(0, start - 240) : start].split()
    if start > 240:
        before = before[1:]  # the first word may be cut in half
    return before[-WINDOW:]


def _denial_still_reports(clause: str, following: str) -> dict[Concern, bool]:
    """Say, for each concern, whether a denial in this clause still reports harm."""
    if CONTRAST.search(following):  # "staff never hit me, but a patient did"
        return dict.fromkeys(Concern, True)
    # Self-harm: "I'm not self harming any more" is recovery with no current risk, and a queue
    # full of recovery statements would bury real disclosures; "...since yesterday" is recent
    # self-harm, so it counts. Harm by others: "he doesn't touch me any more" says he did.
    recent, ceased = bool(RECENT.search(clause)), bool(CEASED.search(clause))
    return {
        Concern.SEXUAL_HARM: ceased,
        Concern.ABUSE: ceased,
        Concern.SELF_HARM: recent,
        Concern.SUICIDAL: recent,
    }


def screen(text: str) -> Screening:
    """Screen one free-text answer for disclosures (see screen_all)."""
    return screen_all([text])[0]


def screen_all(texts: Sequence[str]) -> list[Screening]:
    """Screen answers for disclosures: the learned model, and the rules that proved precise
    enough on the training answers to flag on their own. Many at once is much faster.

    When either flags, every rule that matched is named too, for the lead to read.
    """
    results = [NOTHING] * len(texts)
    todo = [i for i, text in enumerate(texts) if text and text.strip()]
    normalised = [normalise(texts[i]) for i in todo]
    learned = model().found_all(normalised) if todo else []
    trusted_rules = model().trusted_rules
    for i, text, kinds in zip(todo, normalised, learned, strict=True):
        by_rules = _screen_rules(text)
        if not kinds and not trusted_rules.intersection(by_rules.matched_rules):
            continue
        concerns = {Concern(c) for c in kinds} | set(by_rules.concerns)
        reasons = (*by_rules.matched_rules, "model") if kinds else by_rules.matched_rules
        results[i] = Screening(frozenset(concerns), tuple(sorted(reasons)))
    return results


@functools.cache
def model() -> ScreenModel:
    """Return the screen's learned model, loaded once from the package's data folder."""
    return ScreenModel.load()


def screen_rules(text: str) -> Screening:
    """Screen one answer with the rules alone."""
    if not text or not text.strip():
        return NOTHING
    return _screen_rules(normalise(text))


def _screen_rules(normalised: str) -> Screening:
    parts = clauses(normalised)
    found: dict[str, Concern] = {}
    for index, clause in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else ""
        still_reports: dict[Concern, bool] | None = None  # worked out only when needed
        for name, concern, pattern in RULES:
            for match in () if name in found else pattern.finditer(clause):
                if _negated(_words_before(clause, match.start())):
                    if still_reports is None:
                        still_reports = _denial_still_reports(clause, following)
                    if not still_reports[concern]:
                        continue
                found[name] = concern
                break
    if not found:
        return NOTHING
    return Screening(frozenset(found.values()), tuple(sorted(found)))


def screen_many(texts: Iterable[str]) -> Screening:
    """Screen every answer in one response, returning the union of what was found."""
    results = screen_all(list(texts))
    concerns = frozenset().union(*(result.concerns for result in results))
    rules = sorted({name for result in results for name in result.matched_rules})
    return Screening(concerns, tuple(rules)) if concerns else NOTHING
