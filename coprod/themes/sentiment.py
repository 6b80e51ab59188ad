"""Sentiment per answer and per sentence: NLTK's VADER analyser, with the lexicon that the
vaderSentiment package ships, adjusted for comments about inpatient wards."""

from __future__ import annotations

import re

from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from .resources import vader_lexicon_text

POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"
LABELS = (POSITIVE, NEUTRAL, NEGATIVE)
THRESHOLD = 0.05

# Words whose feeling on a ward differs from general English, or that VADER lacks.
# Scores are on VADER's -4..+4 scale; VADER looks words up one at a time.
WARD_LEXICON = {
    "restrained": -2.0,
    "restraint": -1.5,
    "restraints": -1.5,
    "secluded": -2.0,
    "seclusion": -1.5,
    "pinned": -2.0,
    "jabbed": -1.5,
    "sectioned": -1.0,
    "unsafe": -2.5,
    "scared": -2.0,
    "frightened": -2.2,
    "intimidated": -2.0,
    "groped": -3.0,
    "touched": -0.5,
    "harassed": -2.5,
    "leered": -2.0,
    "bored": -1.5,
    "boring": -1.5,
    "locked": -0.8,
    "waiting": -0.6,
    "waited": -0.8,
    "delay": -1.2,
    "delayed": -1.2,
    "late": -0.8,
    "cancelled": -1.2,
    "ignored": -1.8,
    "dismissed": -1.5,
    "dismissive": -1.5,
    "patronising": -1.5,
    "patronizing": -1.5,
    "condescending": -1.5,
    "judgemental": -1.5,
    "judgmental": -1.5,
    "rushed": -1.2,
    "understaffed": -1.8,
    "agency": -0.3,
    "dirty": -1.9,
    "filthy": -2.5,
    "smelly": -1.5,
    "noisy": -1.2,
    "cold": -0.6,
    "listened": 1.5,
    "listens": 1.5,
    "understanding": 1.5,
    "supportive": 2.0,
    "approachable": 1.8,
    "reassuring": 1.8,
    "reassured": 1.6,
    "respectful": 1.8,
    "caring": 2.2,
    "polite": 1.8,
    "efficient": 1.6,
    "prompt": 1.2,
    "punctual": 1.4,
    "safe": 1.6,
    "clean": 1.4,
    "calm": 1.5,
    "homely": 1.5,
    "informative": 1.5,
    "professional": 1.5,
    "patient": 0.0,
    "patients": 0.0,
    "care": 0.6,
    # Unwanted sexual behaviour, which VADER's general lexicon mostly lacks.
    "grabbed": -2.0,
    "staring": -1.2,
    "stared": -1.2,
    "creepy": -2.0,
    "flashes": -2.0,
    "flashed": -2.0,
    "harrassment": -2.5,
    "harrassed": -2.5,
    "pervert": -2.5,
    # On a ward, free text that speaks of sexual behaviour is nearly always a concern.
    "sexual": -1.0,
    "inappropriate": -1.5,
    "inappropriately": -1.5,
    # British and ward slang.
    "lush": 2.0,
    "buzzing": 2.0,
    "chuffed": 2.0,
    "sound": 0.8,
    "pants": -1.5,
    "rubbish": -2.0,
    "shambles": -2.0,
    "jail": -2.0,
    "gutted": -2.0,
    "skint": -1.0,
    # Requests are wants, not praise: "please" and "wish" are VADER positives.
    "please": 0.0,
    "wish": 0.0,
}
# "What would make it better?" answered with "nothing": in patient feedback that means
# satisfied, not neutral.
NOTHING_TO_CHANGE = re.compile(
    r"^\W*(nothing|none|no|nope|n/?a|nil|not really|nothing really|nothing at all|no comment"
    r"|nothing to (add|improve|change|say)|can'?t think of anything|no improvements?( needed)?"
    r"|all (good|fine|ok))\W*$",
    re.IGNORECASE,
)


class QuickSentiText(SentiText):
    """NLTK's SentiText with the same words, found without building a dictionary of every
    word and punctuation pairing for each text (that dictionary was most of VADER's time)."""

    def _words_and_emoticons(self):
        words_only = {
            w for w in self.REGEX_REMOVE_PUNCTUATION.sub("", self.text).split() if len(w) > 1
        }
        out = []
        for token in self.text.split():
            if len(token) <= 1:
                continue
            if token not in words_only:
                for mark in self.PUNC_LIST:
                    if token.startswith(mark) and token[len(mark) :] in words_only:
                        token = token[len(mark) :]
                        break
                    if token.endswith(mark) and token[: -len(mark)] in words_only:
                        token = token[: -len(mark)]
                        break
            out.append(token)
        return out


# Answers that ask for something the ward lacks are complaints, however politely put.
WANTING = re.compile(
    r"\b(we need|i need|needs? (more|to be)|there should be|should (have|be)|not enough|"
    r"nothing to do|nowhere to|more \w+( \w+)? please|i wish (there|we|they|i could)|"
    r"would like (more|to)|(?<!nothing )could be better|(want|need|wish) to feel|"
    r"never enough|too (few|little|small|short|long|many)|"
    r"(would|could) (feel|be) \w+ if|it would help if|"
    r"(nobody|no one|no-one|never) (explains|tells|listens|asks))\b",
    re.IGNORECASE,
)


# Ways of saying "it could not have been better" that VADER reads as negative, because a
# negation sits before a good word ("could not have done better", "can't fault them").
# Before scoring, each becomes one plainly good word, so the rest of the answer still counts
# ("no complaints about the nurses but the food was awful" stays mixed).
_NOT_ABLE = r"(?:couldn'?t|could not|can'?t|cannot|can not|wouldn'?t|would not)"
PRAISE_IDIOMS = re.compile(
    rf"\b(?:{_NOT_ABLE}(?: have)? (?:been|done|be|of|have) (?:any |much )?better"
    rf"|{_NOT_ABLE}(?: have)? (?:ask|asked|wish|wished) for (?:any |much |anything )?"
    r"(?:more|better)"
    rf"|{_NOT_ABLE} (?:have )?(?:done|do) (?:any |much )?more for"
    rf"|{_NOT_ABLE} fault\w*"
    # "no complaints (from me)" is praise; "no complaints are ever taken seriously" is not.
    r"|no (?:complaints?|faults?)(?!\s+(?:are|were|is|was|ever|get|got|being|taken)\b)"
    # "no problems with the staff" is praise; "no problem restraining me", "no concern for
    # my wellbeing" are not.
    r"|no (?:problems?|issues?|concerns?)"
    r"(?!\s+(?!anything|everything|something|nothing|nursing)\w+ing\b)"
    r"(?!\s+(?:for|are|were|is|was)\b)"
    r"|nothing to (?:complain about|fault)|nothing (?:could|can|would) (?:be|have been) better"
    r"|second to none"
    # Recovery in patients' own words: VADER sees no feeling in "saved my life" or "10/10".
    r"|(?:saved|changed|turned around) my life|life[- ]?(?:changing|saving)|got my life back"
    r"|(?:felt|(?<!to )feel) (?:listened to and )?heard"
    r"|(?<![/\d])10/10(?![/\d])|10 out of 10|five stars|5 stars)\b",
    re.IGNORECASE,
)
# "could not have been more helpful" is praise; "could not be more rude" is the opposite
# of what VADER reads (it negates "rude"): both say "very".
AS_IT_COULD_BE = re.compile(rf"\b{_NOT_ABLE}(?: have)? (?:been|be) (?:any )?more (\w+)", re.I)
# The same at the very start of an answer only: "nothing could be improved" answers the
# question, while "I complained. Nothing can be changed." is a complaint.
PRAISE_OPENINGS = re.compile(
    r"^\W*nothing (?:could|can|needs?|would) (?:be |have been |to be )?"
    r"(?:improved|better|changed|changing|improving|done better)\b",
    re.IGNORECASE,
)
# "Nothing, it was perfect": the answer to "what could we do better?" before the rest.
# VADER would read "nothing" as negating what follows ("Nothing, they ignored me" would
# read as praise); the nothing itself carries no feeling. Without punctuation only a word
# of praise may follow: "Nothing they do helps" keeps its nothing.
LEADING_NOTHING = re.compile(
    r"^\W*(?:nothing|none|nil|nope)\b(?:\s*[,.!:;-]+\s*"
    r"|\s+(?=(?:everything|all|excellent|perfect|brilliant|fantastic|amazing|great|"
    r"wonderful)\b))",
    re.IGNORECASE,
)


def for_vader(text: str, opening: bool = True, lexicon: dict[str, float] | None = None) -> str:
    """Rewrite the idioms VADER misreads in patient feedback into plain words.

    opening says whether text starts the answer, where "Nothing, ..." answers the question;
    lexicon, VADER's, tells "could not be more rude" (very rude) from "...more helpful".
    """
    if opening:
        text = PRAISE_OPENINGS.sub("excellent", LEADING_NOTHING.sub("", text))

    def as_it_could_be(m: re.Match) -> str:
        word = m.group(1)
        return f"very {word}" if (lexicon or {}).get(word.lower(), 0.0) < 0 else "excellent"

    text = AS_IT_COULD_BE.sub(as_it_could_be, text)
    return PRAISE_IDIOMS.sub("excellent", text)


class WardVader(SentimentIntensityAnalyzer):
    """VADER built from the installed package's lexicon text, never from nltk_data."""

    def __init__(self, adjust: bool = True):
        self.lexicon_file = vader_lexicon_text()
        self.lexicon = self.make_lex_dict()
        self.constants = VaderConstants()
        self.adjust = adjust
        if adjust:
            self.lexicon.update(WARD_LEXICON)

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Score text as NLTK's VADER does, using QuickSentiText to split it."""
        return self.score_valence(self.valences(text), text)

    def valences(self, text: str, opening: bool = True) -> list[float]:
        """Return VADER's per-word valences for text, before they are summed into scores."""
        if self.adjust:
            text = for_vader(text, opening, self.lexicon)
        sentitext = QuickSentiText(
            text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
        )
        words = sentitext.words_and_emoticons
        first_index: dict[str, int] = {}
        for idx, token in enumerate(words):
            first_index.setdefault(token, idx)
        sentiments: list[float] = []
        for item in words:
            i = first_index[item]
            lowered = item.lower()
            if (i < len(words) - 1 and lowered == "kind" and words[i + 1].lower() == "of") or (
                lowered in self.constants.BOOSTER_DICT
            ):
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        return self._but_check(words, sentiments)


class SentimentScorer:
    """Score text from -1 (negative) to +1 (positive) and name its sentiment."""

    def __init__(self, adjust: bool = True):
        self.adjust = adjust
        self.vader = WardVader(adjust)

    def scores(
        self, text: str, valences: list[float] | None = None, opening: bool = True
    ) -> dict[str, float]:
        """Return VADER's neg/neu/pos/compound scores with the ward adjustments applied.

        valences, when given, are the text's per-word valences already worked out (for
        example, sentence by sentence), so a text is never read by VADER twice. opening
        says whether text starts the answer ("Nothing." there means nothing to improve).
        """
        if valences is None:
            valences = self.vader.valences(text, opening)
        result = self.vader.score_valence(valences, text)
        if self.adjust:
            if opening and NOTHING_TO_CHANGE.match(text):
                result = {**result, "compound": 0.5, "pos": 1.0, "neu": 0.0}
            elif result["compound"] < 0.5 and WANTING.search(text):
                result = {**result, "compound": min(result["compound"], -0.2)}
        return result

    def compound(self, text: str, opening: bool = True) -> float:
        """Return the overall score, -1 to +1."""
        return self.scores(text, opening=opening)["compound"]

    @staticmethod
    def label(compound: float) -> str:
        """Name a compound score positive, neutral or negative."""
        if compound >= THRESHOLD:
            return POSITIVE
        if compound <= -THRESHOLD:
            return NEGATIVE
        return NEUTRAL
