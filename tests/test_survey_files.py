"""Survey files: the format's rules, the problem lines, the content hash and versions."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import SurveyVersion
from coprod.services import survey_files
from coprod.services.survey_files import SurveyFileError

SURVEY_DIR = Path(__file__).resolve().parent.parent / "surveys"
DATA_DIR = Path(__file__).resolve().parent / "data" / "surveys"
SHIPPED = tuple(
    f"{name}{suffix}.yaml"
    for name in (
        "patient-sexual-safety",
        "patient-ward-climate",
        "staff-sexual-safety",
        "staff-ward-climate",
        "ward-weather",
    )
    for suffix in ("", "-easy-read")
)

HEADER = {
    "id": "test-survey",
    "title": "Test survey",
    "audience": "patient",
    "variant": "standard",
    "language": "en",
}
SAFE = """\
  - id: safe
    type: yes_no
    text: Do you feel safe?
"""
PICTURED = """\
  - id: safe
    type: yes_no
    text: Do you feel safe?
    picture: shield
"""
HELPED = """\
  - id: helped
    section: about_you
    type: yes_no
    text: Did someone help you answer?
    picture: helping-hand
"""
LONG = "x" * 121


def survey(questions: str = SAFE, **header: str | None) -> str:
    """Return survey YAML: HEADER with overrides (None drops a key), then the questions."""
    keys = {**HEADER, **header}
    lines = [f"{key}: {value}" for key, value in keys.items() if value is not None]
    return "\n".join(lines) + "\nquestions:\n" + questions


def easy_read(questions: str) -> str:
    """Return an Easy Read survey with the given questions."""
    return survey(questions, variant="easy_read")


def scale(*options: str) -> str:
    """Return a picture_scale question `mood` with the given option lines."""
    head = "  - id: mood\n    type: picture_scale\n    text: How is it?\n    picture: ward\n"
    return head + "    options:\n" + "".join(f"      - {option}\n" for option in options)


THREE = ("{value: a, label: A, picture: sun}", "{value: b, label: B, picture: cloud}")
THREE += ("{value: c, label: C, picture: storm}",)
NO_ANSWERS = ("{value: dont_know, label: Don't know}", "{value: prefer_not_to_say, label: No}")


def write(directory: Path, text: str | bytes, name: str = "survey.yaml") -> Path:
    """Write a survey file and return its path."""
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


BAD_FILES = [
    # The survey as a whole.
    pytest.param(
        survey(descripton="Hello"),
        "-",
        "unknown key 'descripton' (did you mean 'description'?)",
        id="unknown-survey-key",
    ),
    pytest.param(
        survey(id="Ward Weather"),
        "-",
        "id 'Ward Weather' must be lowercase letters, digits and hyphens, at most 80 characters",
        id="bad-survey-id",
    ),
    pytest.param(survey(id=None), "-", "id is missing", id="missing-survey-id"),
    pytest.param(survey(title=""), "-", "title is empty", id="empty-title"),
    pytest.param(
        survey(title=LONG), "-", "title is 121 characters long; the limit is 120", id="long-title"
    ),
    pytest.param(
        survey(audience="patients"),
        "-",
        "audience must be one of patient, staff, not 'patients'",
        id="bad-audience",
    ),
    pytest.param(survey(variant=None), "-", "variant is missing", id="missing-variant"),
    pytest.param(
        survey(language="English"),
        "-",
        "language 'English' must be a language tag such as en or en-GB, at most 20 characters",
        id="bad-language",
    ),
    pytest.param(
        survey(sexual_safety="yes"),
        "-",
        "sexual_safety must be true or false, not 'yes'",
        id="yes-is-not-true",
    ),
    pytest.param(
        survey(estimated_minutes="0"),
        "-",
        "estimated_minutes must be a whole number from 1 to 120, not the number 0",
        id="zero-minutes",
    ),
    pytest.param(
        survey("  []\n"),
        "-",
        "questions must be a list of at least one question, not an empty list",
        id="no-questions",
    ),
    pytest.param(
        survey("".join(f"  - {{id: q{n}, type: yes_no, text: Question {n}}}\n" for n in range(61))),
        "-",
        "61 questions is over the limit of 60",
        id="too-many-questions",
    ),
    # Question ids and keys.
    pytest.param(
        survey("  - Do you feel safe?\n"),
        "question #1",
        "question must be a mapping with id, type and text, not 'Do you feel safe?'",
        id="question-not-mapping",
    ),
    pytest.param(
        survey("  - type: yes_no\n    text: Safe?\n"),
        "question #1",
        "id is missing",
        id="missing-question-id",
    ),
    pytest.param(
        survey("  - id: Safe-1\n    type: yes_no\n    text: Safe?\n"),
        "question #1",
        "id 'Safe-1' must be lowercase letters, digits and underscores, starting with a letter, "
        "at most 50 characters",
        id="bad-question-id",
    ),
    pytest.param(
        survey(SAFE + SAFE),
        "question #2",
        "id 'safe' is already used by question #1",
        id="duplicate-question-id",
    ),
    pytest.param(
        survey(SAFE + "    show_iff: {question: x, equals: y}\n"),
        "safe",
        "unknown key 'show_iff' (did you mean 'show_if'?)",
        id="typo-show_iff",
    ),
    pytest.param(
        survey("  - id: safe\n    text: Safe?\n"), "safe", "type is missing", id="missing-type"
    ),
    pytest.param(
        survey("  - id: safe\n    type: scale\n    text: Safe?\n"),
        "safe",
        "type must be one of single_choice, multiple_choice, picture_scale, yes_no, free_text, "
        "not 'scale'",
        id="unknown-type",
    ),
    pytest.param(
        survey("  - id: safe\n    type: yes_no\n"), "safe", "text is missing", id="missing-text"
    ),
    pytest.param(
        survey("  - id: safe\n    type: yes_no\n    text: '   '\n"),
        "safe",
        "text is empty",
        id="blank-text",
    ),
    pytest.param(
        survey(f"  - id: safe\n    type: yes_no\n    text: {'y' * 301}\n"),
        "safe",
        "text is 301 characters long; the limit is 300",
        id="long-text",
    ),
    pytest.param(
        survey(SAFE + "    required: yes\n"),
        "safe",
        "required must be true or false, not 'yes'",
        id="required-yes",
    ),
    pytest.param(
        survey(SAFE + "    picture: Shield.png\n"),
        "safe",
        "picture 'Shield.png' must be a picture name: lowercase letters and digits, joined by - "
        "or _, at most 50 characters",
        id="bad-picture",
    ),
    pytest.param(
        survey(SAFE + "    section: demographics\n"),
        "safe",
        "section must be one of main, about_you, not 'demographics'",
        id="bad-section",
    ),
    # Options.
    pytest.param(
        survey("  - id: pick\n    type: single_choice\n    text: Pick\n"),
        "pick",
        "options is missing; single_choice questions need them",
        id="missing-options",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n"
        ),
        "pick",
        "single_choice questions need at least 2 options, not 1",
        id="one-option",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: multiple_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n      - {value: a, label: B}\n"
        ),
        "pick",
        "option #2: value 'a' is already used by an earlier option",
        id="duplicate-option-value",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n      - {value: b}\n"
        ),
        "pick",
        "option #2: label is missing",
        id="option-without-label",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n      - {value: Calm, label: Calm}\n"
        ),
        "pick",
        "option #2: value 'Calm' must be lowercase letters, digits and underscores, "
        "at most 50 characters",
        id="bad-option-value",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n      - {value: b, lable: B, label: B}\n"
        ),
        "pick",
        "option #2: unknown key 'lable' (did you mean 'label'?)",
        id="option-typo",
    ),
    pytest.param(
        survey(
            "  - id: pick\n    type: single_choice\n    text: Pick\n    options:\n"
            "      - {value: a, label: A}\n"
            "      - {value: prefer_not_to_say, label: Rather not, no_answer: false}\n"
        ),
        "pick",
        "option #2: prefer_not_to_say is always a no_answer option",
        id="reserved-value-no_answer-false",
    ),
    pytest.param(
        survey(scale(*THREE[:2], "{value: c, label: C}")),
        "mood",
        "option #3: picture is missing; picture_scale options need one",
        id="scale-point-without-picture",
    ),
    pytest.param(
        survey(scale(*THREE[:2], "{value: dont_know, label: Don't know}")),
        "mood",
        "picture_scale needs at least 3 pictured options, not 2",
        id="scale-too-short",
    ),
    pytest.param(
        survey(scale(*THREE[:2], NO_ANSWERS[0], THREE[2])),
        "mood",
        "option #4: scale options must come before no_answer ones",
        id="no_answer-before-scale-point",
    ),
    pytest.param(
        survey(SAFE + "    options: [{value: yes, label: Yes}]\n"),
        "safe",
        "yes_no questions must not have options (yes, no and prefer_not_to_say are implied)",
        id="yes_no-with-options",
    ),
    pytest.param(
        survey("  - id: say\n    type: free_text\n    text: Say\n    options: []\n"),
        "say",
        "free_text questions must not have options",
        id="free_text-with-options",
    ),
    pytest.param(
        survey(SAFE, language="cy"),
        "safe",
        "yes_no has no standard wording in cy; use single_choice",
        id="yes_no-in-welsh",
    ),
    # free_text settings.
    pytest.param(
        survey("  - id: say\n    type: free_text\n    text: Say\n    max_length: 6000\n"),
        "say",
        "max_length must be a whole number from 1 to 5000, not the number 6000",
        id="max_length-too-big",
    ),
    pytest.param(
        survey("  - id: say\n    type: free_text\n    text: Say\n    max_length: long\n"),
        "say",
        "max_length must be a whole number from 1 to 5000, not 'long'",
        id="max_length-not-number",
    ),
    pytest.param(
        survey(SAFE + "    max_length: 100\n"),
        "safe",
        "max_length only applies to free_text questions",
        id="max_length-on-choice",
    ),
    pytest.param(
        survey(SAFE + "    screen: false\n"),
        "safe",
        "screen only applies to free_text questions",
        id="screen-on-choice",
    ),
    # show_if.
    pytest.param(
        survey(
            SAFE + "  - id: q3\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: q9, equals: no}\n"
        ),
        "q3",
        "show_if refers to unknown question 'q9'",
        id="show_if-unknown",
    ),
    pytest.param(
        survey(
            "  - id: why\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: safe, equals: no}\n" + SAFE
        ),
        "why",
        "show_if refers to later question 'safe'",
        id="show_if-later",
    ),
    pytest.param(
        survey(
            SAFE.replace("yes_no", "yes-no")
            + "  - id: why\n    type: free_text\n    text: Why?\n"
            + "    show_if: {question: safe, equals: no}\n"
        ),
        "safe",
        "type must be one of single_choice, multiple_choice, picture_scale, yes_no, free_text, "
        "not 'yes-no'",
        id="show_if-to-question-with-its-own-problem",
    ),
    pytest.param(
        survey(SAFE + "    show_if: {question: safe, equals: no}\n"),
        "safe",
        "show_if refers to the question itself",
        id="show_if-self",
    ),
    pytest.param(
        survey(
            "  - id: say\n    type: free_text\n    text: Say\n"
            + SAFE
            + "    show_if: {question: say, equals: x}\n"
        ),
        "safe",
        "show_if refers to 'say', a free_text question, not a choice",
        id="show_if-free-text",
    ),
    pytest.param(
        survey(
            SAFE + "  - id: why\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: safe, in: [no, maybe]}\n"
        ),
        "why",
        "show_if value 'maybe' is not an option of 'safe'",
        id="show_if-value-not-option",
    ),
    pytest.param(
        survey(
            SAFE + "  - id: why\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: safe, equals: no, in: [no]}\n"
        ),
        "why",
        "show_if needs exactly one of equals or in",
        id="show_if-equals-and-in",
    ),
    pytest.param(
        survey(
            SAFE + "  - id: why\n    type: free_text\n    text: Why?\n"
            "    show_if: {question: safe, in: []}\n"
        ),
        "why",
        "show_if: in must be a list of values, not an empty list",
        id="show_if-empty-in",
    ),
    pytest.param(
        survey(SAFE + "  - id: why\n    type: free_text\n    text: Why?\n    show_if: safe\n"),
        "why",
        "show_if must be a mapping with question and equals or in, not 'safe'",
        id="show_if-not-mapping",
    ),
    # Measures.
    pytest.param(
        survey(
            "  - id: say\n    type: free_text\n    text: Say\n"
            "    measure: {id: m, label: M, positive: [x]}\n"
        ),
        "say",
        "measure does not apply to free_text questions",
        id="measure-on-free_text",
    ),
    pytest.param(
        survey(SAFE + "    measure: {id: m, label: M, positive: [maybe]}\n"),
        "safe",
        "measure: positive value 'maybe' is not an option",
        id="measure-unknown-value",
    ),
    pytest.param(
        survey(SAFE + "    measure: {id: m, label: M, positive: [yes, prefer_not_to_say]}\n"),
        "safe",
        "measure: positive value 'prefer_not_to_say' is a no_answer option",
        id="measure-no_answer-value",
    ),
    pytest.param(
        survey(
            SAFE
            + "    measure: {id: m, label: M, positive: [yes]}\n"
            + SAFE.replace("safe", "safe2")
            + "    measure: {id: m, label: N, positive: [no]}\n"
        ),
        "safe2",
        "measure: id 'm' is already used by 'safe'",
        id="duplicate-measure-id",
    ),
    pytest.param(
        survey(SAFE + "    measure: {id: m, label: M}\n"),
        "safe",
        "measure: positive must be a list of values, not empty",
        id="measure-without-positive",
    ),
    # Structured reports of harm, for safeguarding.
    pytest.param(
        survey(SAFE + "    report: {concern: bullying, values: [yes]}\n"),
        "safe",
        "report: concern must be one of sexual_harm, abuse, self_harm, suicidal, not 'bullying'",
        id="report-unknown-concern",
    ),
    pytest.param(
        survey(SAFE + "    report: {concern: abuse, values: [maybe]}\n"),
        "safe",
        "report: value 'maybe' is not an option",
        id="report-unknown-value",
    ),
    pytest.param(
        survey(SAFE + "    report: {concern: abuse, values: [prefer_not_to_say]}\n"),
        "safe",
        "report: value 'prefer_not_to_say' is a no_answer option",
        id="report-no_answer-value",
    ),
    pytest.param(
        survey(SAFE + "    report: {concern: abuse}\n"),
        "safe",
        "report: values must be a list of values, not empty",
        id="report-without-values",
    ),
    pytest.param(
        survey(SAFE + "    report: {concern: abuse, values: [yes], when: now}\n"),
        "safe",
        "report: unknown key 'when'",
        id="report-unknown-key",
    ),
    pytest.param(
        survey(
            "  - id: words\n    type: free_text\n    text: Tell us\n"
            "    report: {concern: abuse, values: [yes]}\n"
        ),
        "words",
        "report does not apply to free_text questions",
        id="report-on-free-text",
    ),
    pytest.param(
        survey(SAFE + "    report: sexual_harm\n"),
        "safe",
        "report must be a mapping with concern and values, not 'sexual_harm'",
        id="report-not-a-mapping",
    ),
    # About-you questions.
    pytest.param(
        survey(SAFE + "    section: about_you\n    required: true\n"),
        "safe",
        "about-you questions must not be required",
        id="about_you-required",
    ),
    pytest.param(
        survey(
            "  - id: age\n    section: about_you\n    type: single_choice\n    text: Age?\n"
            "    options: [{value: young, label: Young}, {value: old, label: Old}]\n"
        ),
        "age",
        "about-you questions need a 'prefer_not_to_say' option",
        id="about_you-without-prefer-not-to-say",
    ),
    pytest.param(
        survey(SAFE.replace("safe", "helped") + "    section: about_you\n" + SAFE),
        "safe",
        "main questions must come before about-you 'helped'",
        id="main-after-about_you",
    ),
    pytest.param(
        survey(SAFE + "    section: about_you\n    measure: {id: m, label: M, positive: [yes]}\n"),
        "safe",
        "measure cannot be on an about-you question",
        id="measure-on-about_you",
    ),
    # Easy Read.
    pytest.param(
        easy_read(SAFE + HELPED),
        "safe",
        "Easy Read questions need a picture",
        id="easy-read-no-picture",
    ),
    pytest.param(
        easy_read(PICTURED),
        "-",
        "Easy Read surveys need a yes_no question with id 'helped'",
        id="easy-read-no-helped",
    ),
    pytest.param(
        easy_read(scale(*THREE, "{value: d, label: D, picture: rain}", *NO_ANSWERS) + HELPED),
        "mood",
        "Easy Read picture scales need 3 pictured options, not 4",
        id="easy-read-four-points",
    ),
    pytest.param(
        easy_read(scale(*THREE, NO_ANSWERS[1]) + HELPED),
        "mood",
        "Easy Read picture scales need a 'dont_know' option",
        id="easy-read-no-dont-know",
    ),
    # The file itself.
    pytest.param("", "-", "the file is empty", id="empty-file"),
    pytest.param("# just a comment\n\n", "-", "the file is empty", id="comments-only"),
    pytest.param(
        "- id: x\n- title: y\n",
        "-",
        "the file must be a mapping of keys such as id and title, not a list",
        id="top-level-list",
    ),
    pytest.param(
        "id: x\ntitle: [unclosed\naudience: patient\n",
        "-",
        "not valid YAML on line 3, column 9: expected ',' or ']', but got ':'",
        id="malformed-yaml",
    ),
    pytest.param(
        survey("  - id: safe\n    type: yes_no\n    text: Safe?\n    text: Sure?\n"),
        "-",
        "not valid YAML on line 10, column 5: found duplicate key 'text'",
        id="duplicate-key",
    ),
    pytest.param(
        b"id: caf\xe9\ntitle: x\n",
        "-",
        "not UTF-8 text: byte 0xe9 on line 1",
        id="not-utf8",
    ),
]


@pytest.mark.parametrize(("text", "where", "problem"), BAD_FILES)
def test_bad_file_gives_exactly_one_problem_line(tmp_path, text, where, problem):
    path = write(tmp_path, text)
    expected = [f"{path}: {where}: {problem}"]
    assert survey_files.validate_paths([path]) == expected
    with pytest.raises(SurveyFileError) as caught:
        survey_files.load_file(path)
    assert caught.value.problems == expected


def test_base_cases_are_valid(tmp_path):
    # The bad-file table relies on these being valid before they are broken.
    for text in (
        survey(),
        easy_read(PICTURED + HELPED),
        easy_read(scale(*THREE, *NO_ANSWERS) + HELPED),
    ):
        assert survey_files.validate_paths([write(tmp_path, text)]) == []


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = survey(
        "  - id: why\n    type: free_text\n    text: Why?\n    max_length: 0\n"
        "    show_if: {question: q9, equals: no}\n"
        "  - type: yes_no\n    text: Safe?\n",
        audience="everyone",
    )
    path = write(tmp_path, text)
    assert survey_files.validate_paths([path]) == [
        f"{path}: -: audience must be one of patient, staff, not 'everyone'",
        f"{path}: why: max_length must be a whole number from 1 to 5000, not the number 0",
        f"{path}: why: show_if refers to unknown question 'q9'",
        f"{path}: question #2: id is missing",
    ]


def test_unreadable_file_is_one_problem(tmp_path):
    missing = tmp_path / "missing.yaml"
    assert survey_files.validate_paths([missing]) == [
        f"{missing}: -: cannot read the file: No such file or directory"
    ]


def test_yes_and_no_are_words_not_booleans(tmp_path):
    text = survey(
        SAFE + "  - id: why\n    type: free_text\n    text: Why?\n"
        "    show_if: {question: safe, equals: no}\n"
    )
    definition = survey_files.load_file(write(tmp_path, text))
    assert definition.question("why").show_if == survey_files.ShowIf("safe", ("no",))


def test_two_files_declaring_the_same_survey_clash(tmp_path):
    first = write(tmp_path, survey(), "a.yaml")
    second = write(tmp_path, survey(), "b.yaml")
    other_language = write(tmp_path, survey(language="en-GB"), "c.yaml")
    assert survey_files.validate_paths([first, second, other_language]) == [
        f"{second}: -: test-survey (standard, en) is also declared in {first}"
    ]


def test_default_paths_lists_surveys_only(tmp_path):
    for name in ("b.yaml", "a.yml", "codebook.yaml", "notes.txt", ".b.yaml.swp", ".hidden.yaml"):
        (tmp_path / name).write_text("x: 1\n")
    (tmp_path / "folder.yaml").mkdir()
    assert survey_files.default_paths(tmp_path) == [tmp_path / "a.yml", tmp_path / "b.yaml"]
    assert survey_files.default_paths(str(tmp_path / "nowhere")) == []


def test_load_directory_reports_problems_in_every_file(tmp_path):
    write(tmp_path, survey(title=""), "a.yaml")
    write(tmp_path, survey(id="other", audience=None), "b.yaml")
    write(tmp_path, "not: [valid", "codebook.yaml")  # not a survey, so never read
    with pytest.raises(SurveyFileError) as caught:
        survey_files.load_directory(tmp_path)
    assert caught.value.problems == [
        f"{tmp_path / 'a.yaml'}: -: title is empty",
        f"{tmp_path / 'b.yaml'}: -: audience is missing",
    ]
    assert str(caught.value) == "\n".join(caught.value.problems)


# The shipped survey files.


def test_shipped_surveys_are_valid():
    paths = survey_files.default_paths(SURVEY_DIR)
    assert [p.name for p in paths] == sorted(SHIPPED)
    assert survey_files.validate_paths(paths) == []


def shipped() -> dict[str, survey_files.SurveyDefinition]:
    definitions = survey_files.load_directory(SURVEY_DIR)
    return {d.variant: d for d in definitions if d.id == "ward-weather"}


def test_ward_weather_standard():
    ward = shipped()["standard"]
    assert (ward.id, ward.audience, ward.language) == ("ward-weather", "patient", "en")
    weather = ward.questions[0]
    assert weather.text == "How does the ward feel right now?"
    assert weather.type == "picture_scale"
    pictures = ["sunny", "sun-and-cloud", "cloudy", "rain", "storm"]
    assert [o.picture for o in weather.options] == pictures
    assert ward.measures() == [
        survey_files.Measure(
            "ward_calm", "Ward feels calm or fairly calm", "weather", ("calm", "fairly_calm")
        )
    ]
    why = ward.question("weather_why")
    assert (why.type, why.text) == ("free_text", "What is making it feel that way?")
    assert (why.required, why.max_length, why.screen) == (False, 5000, True)
    assert ward.one_tap and ward.tap_question is weather
    assert why.show_if is None


def test_ward_weather_easy_read():
    ward = shipped()["easy_read"]
    assert all(q.picture for q in ward.questions)
    weather = ward.question("weather")
    assert [o.value for o in weather.options if not o.no_answer] == ["calm", "in_between", "stormy"]
    assert [o.value for o in weather.options if o.no_answer] == ["dont_know", "prefer_not_to_say"]
    helped = ward.questions[-1]
    assert (helped.id, helped.type, helped.text) == (
        "helped",
        "yes_no",
        "Did someone help you answer?",
    )
    assert helped.values() == ("yes", "no", "prefer_not_to_say")
    assert [m.id for m in ward.measures()] == ["ward_calm"]


def test_about_you_questions_match_across_variants():
    by_variant = shipped()
    standard = [q for q in by_variant["standard"].about_you_questions()]
    easy = [q for q in by_variant["easy_read"].about_you_questions() if q.id != "helped"]
    assert [q.id for q in standard] == ["age_band", "gender", "ethnic_group", "first_language"]
    # The same questions and answers, so they can be put together; the words follow the variant.
    assert [(q.id, q.type, q.values()) for q in standard] == [
        (q.id, q.type, q.values()) for q in easy
    ]
    assert all(not q.required and q.option("prefer_not_to_say") for q in standard)
    ethnic = by_variant["standard"].question("ethnic_group")
    assert len(ethnic.answer_values()) == 5  # the 2021 Census high-level groups


# The dataclasses and defaults.


def test_definition_fills_in_defaults():
    definition = survey_files.load_file(DATA_DIR / "all-types.yaml")
    assert definition.source == DATA_DIR / "all-types.yaml"
    assert (definition.sexual_safety, definition.estimated_minutes) == (True, 3)
    assert definition.description == "First line.\nSecond line.\n\nNew paragraph."
    felt_safe = definition.question("felt_safe")
    assert felt_safe.required and felt_safe.section == "main" and felt_safe.is_choice
    assert felt_safe.option("prefer_not_to_say") == survey_files.Option(
        "prefer_not_to_say", "Prefer not to say", "prefer-not-to-say", no_answer=True
    )
    told = definition.question("told_someone")
    assert told.option("dont_know").no_answer  # reserved value, no flag written
    assert told.show_if == survey_files.ShowIf("what_happened", ("comments", "touching"))
    assert told.show_if.matches(["touching"]) and not told.show_if.matches(None)
    assert definition.question("mood").text == "How is the ward today?"
    assert definition.question("mood").answer_values() == ("good", "okay", "bad")
    comments = definition.question("comments")
    assert (comments.max_length, comments.screen, comments.required) == (5000, True, False)
    note = definition.question("note")
    assert (note.section, note.max_length, note.screen) == ("about_you", 200, False)
    assert [m.id for m in definition.measures()] == ["feel_safe", "ward_good"]
    assert [q.id for q in definition.about_you_questions()] == ["role", "note"]
    with pytest.raises(KeyError):
        definition.question("nope")


def test_definition_rebuilds_from_its_stored_data():
    definition = survey_files.load_file(DATA_DIR / "all-types.yaml")
    stored = json.loads(json.dumps(definition.data))
    rebuilt = survey_files.definition_from_data(stored, definition.source)
    assert rebuilt == definition
    assert hash(rebuilt) == hash(definition)


# The content hash.


def test_content_hash_is_sha256_of_canonical_json():
    data = {"b": "é", "a": [1, {"d": 2, "c": 3}]}
    canonical = '{"a":[1,{"c":3,"d":2}],"b":"é"}'.encode()
    assert survey_files.content_hash(data) == hashlib.sha256(canonical).hexdigest()
    assert survey_files.content_hash(dict(reversed(data.items()))) == survey_files.content_hash(
        data
    )


def hash_of(tmp_path: Path, text: str) -> str:
    return survey_files.load_file(write(tmp_path, text)).content_hash


def test_comments_layout_key_order_and_defaults_keep_the_hash(tmp_path):
    original = (SURVEY_DIR / "ward-weather.yaml").read_text(encoding="utf-8")
    parsed = yaml.safe_load(original)
    parsed["questions"][0]["required"] = False  # spelling out a default
    parsed["questions"][1]["text"] = "What is making  it feel\n that way?"
    reordered = yaml.safe_dump(parsed, sort_keys=True, allow_unicode=True, width=40, indent=4)
    assert reordered != original
    assert hash_of(tmp_path, "# A new comment\n\n" + reordered) == hash_of(tmp_path, original)


def test_show_if_equals_and_in_hash_the_same(tmp_path):
    why = "  - id: why\n    type: free_text\n    text: Why?\n"
    equals = survey(SAFE + why + "    show_if: {question: safe, equals: no}\n")
    listed = survey(SAFE + why + "    show_if: {question: safe, in: [no]}\n")
    assert hash_of(tmp_path, equals) == hash_of(tmp_path, listed)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("How does the ward feel right now?", "How does the ward feel today?"),
        ("label: Mixed,", "label: Mixed up,"),
        ("one_tap: true", "one_tap: false"),
        ("[calm, fairly_calm]", "[calm]"),
    ],
)
def test_any_change_a_respondent_could_see_changes_the_hash(tmp_path, old, new):
    original = (SURVEY_DIR / "ward-weather.yaml").read_text(encoding="utf-8")
    assert old in original
    assert hash_of(tmp_path, original.replace(old, new)) != hash_of(tmp_path, original)


# Versions in the database, and the commands.


def test_register_versions_db_is_idempotent(app):
    definitions = [d for d in survey_files.load_directory(SURVEY_DIR) if d.id == "ward-weather"]
    new = survey_files.register_versions(definitions)
    assert sorted((v.survey_id, v.variant) for v in new) == [
        ("ward-weather", "easy_read"),
        ("ward-weather", "standard"),
    ]
    standard = next(v for v in new if v.variant == "standard")
    definition = next(d for d in definitions if d.variant == "standard")
    assert standard.id is not None  # flushed
    assert (standard.content_hash, standard.title, standard.audience, standard.language) == (
        definition.content_hash,
        "Ward weather",
        "patient",
        "en",
    )
    assert standard.definition == definition.data
    assert standard.source_file == "ward-weather.yaml"
    assert survey_files.register_versions(definitions) == []
    assert survey_files.register_versions(definitions + definitions) == []
    assert db.session.scalar(select(func.count()).select_from(SurveyVersion)) == 2


def test_register_versions_db_adds_a_version_when_wording_changes(app, tmp_path):
    first = survey_files.load_file(write(tmp_path, survey()))
    changed = survey_files.load_file(write(tmp_path, survey().replace("safe?", "safe here?")))
    assert len(survey_files.register_versions([first])) == 1
    new = survey_files.register_versions([first, changed, changed])
    assert [v.content_hash for v in new] == [changed.content_hash]
    rows = db.session.scalars(select(SurveyVersion).order_by(SurveyVersion.id)).all()
    texts = [row.definition["questions"][0]["text"] for row in rows]
    assert texts == ["Do you feel safe?", "Do you feel safe here?"]


def test_register_versions_db_leaves_the_commit_to_the_caller(app):
    survey_files.register_versions(survey_files.load_directory(SURVEY_DIR))
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(SurveyVersion)) == 0


def test_cli_validate_shipped_files(runner):
    result = runner.invoke(args=["surveys", "validate"])
    assert result.exit_code == 0, result.output
    assert f"{len(SHIPPED)} survey file(s) are valid" in result.stdout


def test_cli_validate_reports_problem_lines(runner, tmp_path):
    good = write(tmp_path, survey(), "good.yaml")
    broken = survey(SAFE + "    show_if: {question: q9, equals: no}\n", id="other")
    bad = write(tmp_path, broken, "bad.yaml")
    result = runner.invoke(args=["surveys", "validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bad}: safe: show_if refers to unknown question 'q9'",
        "1 problem(s) in 2 file(s)",
    ]


def test_cli_load_records_versions_once(app, runner, tmp_path):
    for name in SHIPPED:
        shutil.copy(SURVEY_DIR / name, tmp_path / name)
    app.config["COPROD_SURVEY_DIR"] = str(tmp_path)
    result = runner.invoke(args=["surveys", "load"])
    assert result.exit_code == 0, result.output
    n = len(SHIPPED)
    assert f"{n} survey file(s) checked, {n} new version(s) recorded" in result.stdout
    result = runner.invoke(args=["surveys", "load"])
    assert f"{n} survey file(s) checked, 0 new version(s) recorded" in result.stdout
    db.session.rollback()  # the command committed; nothing is left pending here
    assert db.session.scalar(select(func.count()).select_from(SurveyVersion)) == n


def test_cli_load_refuses_files_with_problems(app, runner, tmp_path):
    write(tmp_path, survey(), "good.yaml")
    bad = write(tmp_path, survey(id="other", title=""), "bad.yaml")
    app.config["COPROD_SURVEY_DIR"] = str(tmp_path)
    result = runner.invoke(args=["surveys", "load"])
    assert result.exit_code == 1
    assert f"{bad}: -: title is empty" in result.stderr.splitlines()
    assert "nothing was loaded" in result.stderr
    assert db.session.scalar(select(func.count()).select_from(SurveyVersion)) == 0


def test_a_report_is_read_into_the_definition(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(survey(SAFE + "    report: {concern: sexual_harm, values: [yes]}\n"))
    question = survey_files.load_file(path).question("safe")
    assert question.report.concern == "sexual_harm" and question.report.values == ("yes",)


def test_each_shipped_sexual_safety_survey_marks_its_harm_question_as_a_report():
    definitions = survey_files.load_directory(SURVEY_DIR)
    sexual = [d for d in definitions if d.sexual_safety]
    assert len(sexual) == 4
    for definition in sexual:
        reports = [q for q in definition.questions if q.report is not None]
        assert [(q.report.concern, q.report.values) for q in reports] == [("sexual_harm", ("yes",))]
