"""Easy Read survey files and words: a picture on every question, with words for it, one
wording for "not sure" and for "do not want to say", and about-you answers that can be put
together with the standard version's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2 import Environment, FileSystemLoader

from coprod.services import survey_files

ROOT = Path(__file__).resolve().parent.parent
SURVEY_DIR = ROOT / "surveys"
PICTURE_DIR = ROOT / "coprod" / "static" / "pictures"
TEMPLATES = ROOT / "coprod" / "templates"
CATALOGUE = ROOT / "coprod" / "translations" / "en" / "LC_MESSAGES" / "easyread.po"

NOT_SURE = "I don't know"  # the one wording of dont_know in every Easy Read survey
NOT_SAYING = "I do not want to say"  # and of prefer_not_to_say
NOT_SURE_WORDS = re.compile(r"not sure|don'?t know|do not know|unsure", re.IGNORECASE)

DEFINITIONS = survey_files.load_directory(SURVEY_DIR)
EASY = {d.id: d for d in DEFINITIONS if d.variant == "easy_read"}
STANDARD = {d.id: d for d in DEFINITIONS if d.variant == "standard"}


def _picture_alt() -> dict[str, str]:
    """Return the words for each picture, as the survey pages have them."""
    template = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True).get_template(
        "respond/_easy_read.html"
    )
    return template.module.PICTURE_ALT


def test_there_are_easy_read_surveys():
    assert set(EASY) >= {
        "patient-sexual-safety",
        "patient-ward-climate",
        "staff-sexual-safety",
        "staff-ward-climate",
        "ward-weather",
    }


@pytest.mark.parametrize("survey", sorted(EASY))
def test_every_easy_read_question_has_a_picture_with_words(survey):
    alt = _picture_alt()
    for question in EASY[survey].questions:
        where = f"{survey}: {question.id}"
        assert question.picture, f"{where} has no picture"
        assert (PICTURE_DIR / f"{question.picture}.svg").is_file(), f"{where}: no such picture"
        assert alt.get(question.picture, "").strip(), f"{where}: {question.picture} has no words"


def test_every_picture_has_words_for_people_who_cannot_see_it():
    alt = _picture_alt()
    files = {path.stem for path in PICTURE_DIR.glob("*.svg")}
    assert files - set(alt) == set(), "pictures with no words in respond/_easy_read.html"
    assert set(alt) - files == set(), "words for pictures that do not exist"


@pytest.mark.parametrize("survey", sorted(EASY))
def test_not_sure_has_one_wording(survey):
    for question in EASY[survey].questions:
        for option in question.options:
            where = f"{survey}: {question.id}: {option.value}"
            if option.value == "dont_know":
                assert option.label == NOT_SURE, where
            elif NOT_SURE_WORDS.search(option.label):
                assert option.label == NOT_SURE, f"{where} says {option.label!r}"


@pytest.mark.parametrize("survey", sorted(EASY))
def test_not_saying_has_one_wording(survey):
    for question in EASY[survey].questions:
        if question.type == "yes_no":
            continue  # the app words these; see the catalogue test below
        option = question.option("prefer_not_to_say") if question.is_choice else None
        if option is not None:
            assert option.label == NOT_SAYING, f"{survey}: {question.id}: {option.label!r}"


def test_the_easy_read_catalogue_words_yes_no_and_never_promises_secrecy():
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file)
    assert catalogue.get("Prefer not to say").string == NOT_SAYING
    untranslated = [m.id for m in catalogue if m.id and not m.string]
    assert untranslated == []
    # A safeguarding worker may read an answer, so nothing on the page may call it secret.
    for message in catalogue:
        assert "secret" not in str(message.string).lower(), message.id
    for definition in EASY.values():
        assert "secret" not in (definition.description or "").lower(), definition.id


@pytest.mark.parametrize("survey", sorted(EASY))
def test_easy_read_matches_the_standard_version_for_the_figures(survey):
    easy, standard = EASY[survey], STANDARD[survey]
    # Answers are stored and compared by question id and value, whatever the words.
    assert [m.id for m in easy.measures()] == [m.id for m in standard.measures()]
    about_easy = [q for q in easy.about_you_questions() if q.id != "helped"]
    about_standard = standard.about_you_questions()
    assert [q.id for q in about_easy] == [q.id for q in about_standard]
    for mine, theirs in zip(about_easy, about_standard, strict=True):
        assert (mine.type, mine.values()) == (theirs.type, theirs.values()), mine.id
