"""The codebook file: the themes DESIGN.md promises, precise errors, reloading on change."""

from __future__ import annotations

import logging
import os
import time

import pytest

from coprod.themes.codebook import CodebookError, CodebookSource, load

DESIGN_THEMES = [
    "staff_attitude",
    "staffing",
    "staff_competence",
    "communication",
    "environment",
    "safety",
    "sexual_safety",
    "restrictions",
    "activities",
    "food",
    "family_carers",
    "medication",
    "access_timeliness",
    "care_coordination",
    "dignity_privacy",
    "travel_transport",
    "organisation",
]

PAIR_PROBLEM = (
    "codebook.yaml: sexual_safety: pairs: pair 1 must be two non-empty lists of single words"
)
GOOD = """\
format: 1
themes:
  - id: safety
    label: Safety
    description: Feeling safe.
    phrases: [feel safe]
  - id: sexual_safety
    label: Sexual safety
    description: Unwanted sexual behaviour.
    parent: safety
    phrases: [groped]
"""


def test_default_codebook_has_every_design_theme_with_phrases_and_examples():
    book = load()
    assert set(DESIGN_THEMES) <= set(book.ids())
    assert book.themes["sexual_safety"].parent == "safety"
    for theme in book.themes.values():
        assert theme.description and len(theme.phrases) >= 20, theme.id
        assert len(theme.examples) >= 5, theme.id
    assert book.with_ancestors(["sexual_safety"]) == {"sexual_safety", "safety"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            GOOD.replace("parent: safety", "parent: nowhere"),
            "codebook.yaml: sexual_safety: parent: no theme 'nowhere'",
        ),
        (GOOD.replace("id: sexual_safety", "id: safety"), "codebook.yaml: safety: id: used twice"),
        (
            GOOD.replace("phrases: [groped]", "phrases: []"),
            "codebook.yaml: sexual_safety: phrases: must be a non-empty list",
        ),
        (
            GOOD.replace("[groped]", "[groped, Groped]"),
            "codebook.yaml: sexual_safety: phrases: 'groped' is listed twice",
        ),
        (
            GOOD.replace("[groped]", "['...']"),
            "codebook.yaml: sexual_safety: phrases: '...' has no words to match",
        ),
        (GOOD.replace("format: 1", "format: 2"), "codebook.yaml: format: must be 1, found 2"),
        (
            GOOD.replace("id: safety", "id: Safety!"),
            "codebook.yaml: theme 1: id: must be lowercase letters, digits and _ (2-40)",
        ),
        (
            GOOD.replace("    label: Safety\n", ""),
            "codebook.yaml: safety: label: must be non-empty text",
        ),
        (GOOD + "    colour: red\n", "codebook.yaml: sexual_safety: unknown key(s): colour"),
        (
            GOOD.replace("  - id: safety\n", "  - id: safety\n    parent: sexual_safety\n"),
            "codebook.yaml: safety: parent: parents form a loop",
        ),
        ("themes: [", "codebook.yaml: line 1: not valid YAML"),
        (
            GOOD + "    pairs: [[man, men]]\n",
            PAIR_PROBLEM,
        ),
        (
            GOOD + "    pairs: [[[man], [looked at me]]]\n",
            "codebook.yaml: sexual_safety: pairs: pair 1: 'looked at me' is not a single word",
        ),
        (
            GOOD + "    pairs: [[[man, no], [yes]]]\n",
            "codebook.yaml: sexual_safety: pairs: pair 1: False is not a single word "
            "(put yes, no, on and off in quotes)",
        ),
        (
            GOOD + "    pairs: [[[man, men], [men, stared]]]\n",
            "codebook.yaml: sexual_safety: pairs: pair 1: men is on both sides",
        ),
        (
            GOOD + "    unless: [groped]\n",
            "codebook.yaml: sexual_safety: unless: 'groped' would set its own phrase aside",
        ),
        (
            GOOD.replace("[groped]", "[=groped]") + "    unless: [grope]\n",
            "codebook.yaml: sexual_safety: unless: 'grope' holds none of the theme's phrases, "
            "so it would never set one aside",
        ),
        (
            GOOD + "    unless: [kind of]\n",
            "codebook.yaml: sexual_safety: unless: 'kind of' holds none of the theme's phrases, "
            "so it would never set one aside",
        ),
        (
            GOOD + "    unless: ['!!']\n",
            "codebook.yaml: sexual_safety: unless: '!!' has no words to match",
        ),
    ],
    ids=[
        "parent",
        "duplicate-id",
        "no-phrases",
        "duplicate-phrase",
        "wordless",
        "format",
        "bad-id",
        "no-label",
        "unknown-key",
        "loop",
        "yaml",
        "one-sided-pair",
        "phrase-in-pair",
        "yaml-boolean-in-pair",
        "word-on-both-sides",
        "unless-own-phrase",
        "unless-misses-exact-phrase",
        "unless-no-phrase",
        "unless-no-words",
    ],
)
def test_bad_codebooks_name_the_file_theme_and_problem(tmp_path, text, problem):
    path = tmp_path / "codebook.yaml"
    path.write_text(text)
    with pytest.raises(CodebookError) as caught:
        load(path)
    assert problem in caught.value.problems


def test_version_changes_with_content_only(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(GOOD)
    b.write_text("# a comment\n" + GOOD)
    assert load(a).version == load(b).version
    b.write_text(GOOD.replace("[groped]", "[groped, flashed]"))
    assert load(a).version != load(b).version


def test_source_reloads_a_changed_file_and_keeps_the_last_good_one(tmp_path, caplog, monkeypatch):
    # Alembic's logging set-up in other tests disables loggers that already exist.
    monkeypatch.setattr(logging.getLogger("coprod.themes.codebook"), "disabled", False)
    path = tmp_path / "codebook.yaml"
    path.write_text(GOOD)
    source = CodebookSource(path)
    first = source.get()
    path.write_text(GOOD.replace("[groped]", "[groped, flashed]"))
    os.utime(path, (time.time() + 5, time.time() + 5))
    second = source.get()
    assert second.version != first.version
    assert ("flash",) in second.index
    path.write_text("themes: [")
    os.utime(path, (time.time() + 10, time.time() + 10))
    assert source.get().version == second.version
    assert "codebook change not used" in caplog.text


def test_pairs_find_words_apart_and_unless_phrases_block_a_phrase(tmp_path):
    from coprod.themes import Engine

    path = tmp_path / "codebook.yaml"
    path.write_text(
        GOOD
        + "  - id: staff_attitude\n    label: Staff attitude\n    description: Manner.\n"
        + "    phrases: [kind, =caring]\n    unless: [kind of]\n"
        + "    pairs: [[[nurses, staff], [lovely, rude]]]\n"
    )
    engine = Engine(load(path))

    def found(text: str) -> bool:
        return "staff_attitude" in engine.code(text).themes

    assert found("the nurses on nights were really lovely")  # five words apart
    assert not found("the nurses on the nights were really lovely")  # six
    assert found("Rude staff on nights")
    assert found("They were kind to me")
    assert found("The kindness of the staff was amazing")  # "kind of" is matched as written
    assert not found("it was kind of boring")
    # "=caring" is that word, not the stem it shares with "care".
    assert found("the HCAs are caring")
    assert not found("my care plan is out of date")
    # Apart, across a clause or in different sentences, a pair says nothing.
    assert not found("the nurses told me the garden out the back was lovely")
    assert not found("I saw the nurses. Lovely garden.")
    assert not found("staff busy, lovely garden")
    assert not found("the staff rushed but lovely garden")
    # "so", brackets and the full stop of "Dr." do not end a clause.
    assert found("the nurses were so lovely")
    assert not found("Staff busy - lovely garden")
    assert not found("nurses overworked (garden lovely)")


def test_an_unless_phrase_may_set_aside_one_form_of_a_stemmed_phrase(tmp_path):
    from coprod.themes import Engine

    path = tmp_path / "codebook.yaml"
    path.write_text(
        GOOD
        + "  - id: staff_attitude\n    label: Staff attitude\n    description: Manner.\n"
        + "    phrases: [kind]\n    unless: [kinds]\n"
    )
    engine = Engine(load(path))
    assert "staff_attitude" in engine.code("the staff were kind").themes
    assert "staff_attitude" not in engine.code("there were different kinds of groups").themes
