"""Survey files: the format's rules, the problem lines and the content hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from coprod.services import survey_files
from coprod.services.survey_files import SurveyFileError
from tests.survey_builders import (
    DATA_DIR,
    HELPED,
    NO_ANSWERS,
    PICTURED,
    SAFE,
    SURVEY_DIR,
    THREE,
    easy_read,
    scale,
    survey,
    write,
)
from tests.survey_cases_content import CONTENT_CASES
from tests.survey_cases_structure import STRUCTURE_CASES

BAD_FILES = STRUCTURE_CASES + CONTENT_CASES


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
