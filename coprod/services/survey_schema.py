"""The shape of a survey file: constants, and the objects the survey runtime uses.

survey_checks checks a parsed file (with survey_fields' helpers) and produces a normalised dict;
definition_from_data turns that dict (or one read back from a SurveyVersion row) into the
read-only dataclasses below.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from coprod.screening import Concern

SURVEY_KEYS = ("id", "title", "description", "audience", "variant", "language")
SURVEY_KEYS += ("sexual_safety", "estimated_minutes", "one_tap", "questions")
QUESTION_KEYS = ("id", "type", "text", "hint", "picture", "required", "section", "options")
QUESTION_KEYS += ("max_length", "show_if", "measure", "screen", "report")
OPTION_KEYS = ("value", "label", "picture", "no_answer", "exclusive")
SHOW_IF_KEYS = ("question", "equals", "in")
MEASURE_KEYS = ("id", "label", "positive")
REPORT_KEYS = ("concern", "values")
# The kinds of harm a structured answer can report (the safeguarding screen's concerns).
CONCERNS = tuple(concern.value for concern in Concern)

AUDIENCES = ("patient", "staff")
VARIANTS = ("standard", "easy_read")
SECTIONS = ("main", "about_you")
QUESTION_TYPES = ("single_choice", "multiple_choice", "picture_scale", "yes_no", "free_text")
# Types whose options are written out in the file; yes_no options are implied.
LISTED_OPTION_TYPES = ("single_choice", "multiple_choice", "picture_scale")
CHOICE_TYPES = (*LISTED_OPTION_TYPES, "yes_no")
# Types a one-tap survey's first question may have: one tap chooses one answer.
ONE_TAP_TYPES = ("single_choice", "picture_scale", "yes_no")

SURVEY_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
QUESTION_ID_RE = re.compile(r"[a-z][a-z0-9_]*")
VALUE_RE = re.compile(r"[a-z0-9][a-z0-9_]*")
PICTURE_RE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# The shapes of identifiers, by kind: (pattern, rule in words, maximum length).
SLUG_RULES: dict[str, tuple[re.Pattern[str], str, int]] = {
    # survey_versions.survey_id is String(80)
    "survey_id": (SURVEY_ID_RE, "lowercase letters, digits and hyphens", 80),
    "id": (QUESTION_ID_RE, "lowercase letters, digits and underscores, starting with a letter", 50),
    "value": (VALUE_RE, "lowercase letters, digits and underscores", 50),
    "picture": (PICTURE_RE, "a picture name: lowercase letters and digits, joined by - or _", 50),
    "language": (LANGUAGE_RE, "a language tag such as en or en-GB", 20),
}

MAX_TITLE = 120
MAX_TEXT = 300
MAX_LABEL = 120
MAX_QUESTIONS = 60
MAX_MINUTES = 120
# A distressed writer must not have to cut their account short.
MAX_FREE_TEXT = 5000
DEFAULT_MAX_LENGTH = MAX_FREE_TEXT

PREFER_NOT_TO_SAY = "prefer_not_to_say"
DONT_KNOW = "dont_know"
# Answers that say nothing about the thing asked, so they never count in a measure.
NO_ANSWER_VALUES = (DONT_KNOW, PREFER_NOT_TO_SAY)
HELPED_QUESTION_ID = "helped"
EASY_READ_SCALE_POINTS = 3

# The implied options of a yes_no question, by primary language subtag: (value, label, picture).
YES_NO_OPTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "en": (
        ("yes", "Yes", "yes"),
        ("no", "No", "no"),
        (PREFER_NOT_TO_SAY, "Prefer not to say", "prefer-not-to-say"),
    ),
}


def yes_no_options(language: str) -> list[dict[str, Any]] | None:
    """Return the normalised options of a yes_no question, or None if language has none."""
    options = YES_NO_OPTIONS.get(language.split("-")[0])
    if options is None:
        return None
    return [
        {"value": v, "label": label, "picture": pic, "no_answer": v in NO_ANSWER_VALUES}
        for v, label, pic in options
    ]


def content_hash(definition_dict: dict[str, Any]) -> str:
    """Return the sha256 hex digest of a normalised survey's canonical JSON."""
    canonical = json.dumps(
        definition_dict, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Option:
    """One answer a respondent can choose."""

    value: str
    label: str
    picture: str | None = None
    no_answer: bool = False
    # In a multiple-choice question, an answer that cannot go with any other ("Neither").
    exclusive: bool = False


@dataclass(frozen=True)
class ShowIf:
    """Show a question only when an earlier question was answered with one of values."""

    question: str
    values: tuple[str, ...]

    def matches(self, answer: str | list[str] | tuple[str, ...] | None) -> bool:
        """Return whether the earlier question's answer means the question is shown."""
        if answer is None:
            return False
        chosen = (answer,) if isinstance(answer, str) else answer
        return any(value in self.values for value in chosen)


@dataclass(frozen=True)
class Measure:
    """A headline measure: the share of answers to question that are positive."""

    id: str
    label: str
    question: str
    positive: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """Choosing one of values is itself a report of a kind of harm, for safeguarding."""

    concern: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One question as the respondent sees it, with every default filled in."""

    id: str
    type: str
    text: str
    hint: str | None = None
    options: tuple[Option, ...] = ()
    required: bool = False
    max_length: int | None = None
    show_if: ShowIf | None = None
    measure: Measure | None = None
    section: str = "main"
    picture: str | None = None
    screen: bool = False
    report: Report | None = None

    @property
    def is_choice(self) -> bool:
        """Return whether answers are option values rather than free text."""
        return self.type in CHOICE_TYPES

    def option(self, value: str) -> Option | None:
        """Return the option with this value, or None."""
        return next((o for o in self.options if o.value == value), None)

    def values(self) -> tuple[str, ...]:
        """Return every option value, in order."""
        return tuple(o.value for o in self.options)

    def answer_values(self) -> tuple[str, ...]:
        """Return the option values that count in a measure (not don't-know and the like)."""
        return tuple(o.value for o in self.options if not o.no_answer)


@dataclass(frozen=True)
class SurveyDefinition:
    """A checked survey file: its questions, its version hash and its normalised content."""

    id: str
    title: str
    audience: str
    variant: str
    language: str
    questions: tuple[Question, ...]
    content_hash: str
    source: Path
    # The normalised content: what is hashed and stored on the SurveyVersion row.
    data: dict[str, Any] = field(repr=False, compare=False)
    description: str | None = None
    sexual_safety: bool = False
    estimated_minutes: int | None = None
    # One tap on an answer to the first question sends it; the rest is "tell us more".
    one_tap: bool = False

    @property
    def is_easy_read(self) -> bool:
        """Return whether this is the Easy Read variant."""
        return self.variant == "easy_read"

    def question(self, question_id: str) -> Question:
        """Return the question with this id; raise KeyError if there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"survey {self.id!r} has no question {question_id!r}")

    @property
    def tap_question(self) -> Question | None:
        """Return the question a one-tap survey sends with one tap, or None."""
        return self.questions[0] if self.one_tap else None

    def after_tap(self) -> SurveyDefinition:
        """Return the survey as "tell us more" asks it: every question after the tapped one."""
        return replace(self, questions=self.questions[1:], one_tap=False)

    def main_questions(self) -> list[Question]:
        """Return the questions of the main section, in order."""
        return [q for q in self.questions if q.section == "main"]

    def about_you_questions(self) -> list[Question]:
        """Return the about-you questions, in order."""
        return [q for q in self.questions if q.section == "about_you"]

    def measures(self) -> list[Measure]:
        """Return the headline measures, in question order."""
        return [q.measure for q in self.questions if q.measure is not None]


def _question_from_data(data: dict[str, Any]) -> Question:
    show_if = data.get("show_if")
    measure = data.get("measure")
    report = data.get("report")
    return Question(
        id=data["id"],
        type=data["type"],
        text=data["text"],
        hint=data.get("hint"),
        options=tuple(
            Option(
                value=o["value"],
                label=o["label"],
                picture=o.get("picture"),
                no_answer=o.get("no_answer", False),
                exclusive=o.get("exclusive", False),
            )
            for o in data.get("options", ())
        ),
        required=data.get("required", False),
        max_length=data.get("max_length"),
        show_if=ShowIf(show_if["question"], tuple(show_if["in"])) if show_if else None,
        measure=(
            Measure(measure["id"], measure["label"], data["id"], tuple(measure["positive"]))
            if measure
            else None
        ),
        section=data.get("section", "main"),
        picture=data.get("picture"),
        screen=data.get("screen", False),
        report=Report(report["concern"], tuple(report["values"])) if report else None,
    )


def definition_from_data(data: dict[str, Any], source: Path) -> SurveyDefinition:
    """Build a SurveyDefinition from normalised content, e.g. a stored SurveyVersion.definition."""
    return SurveyDefinition(
        id=data["id"],
        title=data["title"],
        audience=data["audience"],
        variant=data["variant"],
        language=data["language"],
        questions=tuple(_question_from_data(q) for q in data["questions"]),
        content_hash=content_hash(data),
        source=source,
        data=data,
        description=data.get("description"),
        sexual_safety=data.get("sexual_safety", False),
        estimated_minutes=data.get("estimated_minutes"),
        one_tap=data.get("one_tap", False),
    )
