"""The text pipeline: cleaning bad input, sentences, negation scope and stems."""

from __future__ import annotations

import pytest

from coprod.themes.text import MAX_CHARS, negation_scope, prepare, sentences, stem_phrase, tokens


@pytest.mark.parametrize(
    ("raw", "problem", "kept"),
    [
        ("", "empty", ""),
        ("   \n\t ", "empty", ""),
        (None, "empty", ""),
        ("😀😀👍", "no_words", "😀😀👍"),
        ("!!! ??? 123", "no_words", "!!! ??? 123"),
        (b"\xff\xfe\x00\x01binary", "binary", ""),
        ("text with a \x00 null byte", "binary", ""),
        ("Personel jest bardzo miły, ale jedzenie jest zimne i nie ma zajęć", "not_english", None),
        ("الموظفون لطفاء جدا ولكن الطعام بارد", "not_english", None),
        ("<script>alert('x')</script><p>The <b>food</b> is cold</p>", None, "The food is cold"),
        ("Staff are kind &amp; calm", None, "Staff are kind & calm"),
        ("The food is cold", None, "The food is cold"),
    ],
    ids=[
        "empty",
        "spaces",
        "none",
        "emoji",
        "symbols",
        "bytes",
        "nul",
        "polish",
        "arabic",
        "html-script",
        "entity",
        "plain",
    ],
)
def test_prepare_says_why_text_cannot_be_coded(raw, problem, kept):
    result = prepare(raw)
    assert result.problem == problem
    if kept is not None:
        assert result.text == kept


def test_prepare_caps_huge_text_and_says_so():
    result = prepare("the food is cold. " * 1000)
    assert result.problem == "too_long"
    assert len(result.text) == MAX_CHARS


def test_script_content_never_reaches_the_coder():
    result = prepare('<img src=x onerror="steal()"><script>document.cookie</script>ok then')
    assert "cookie" not in result.text and "steal" not in result.text
    assert result.text == "ok then"


def test_contractions_become_not():
    assert tokens("I didn't, can't and wont") == [
        "i",
        "did",
        "not",
        ",",
        "can",
        "not",
        "and",
        "will",
        "not",
    ]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("I do not feel safe", {"feel", "safe"}),
        ("staff never listened to me", {"listened", "to", "me"}),
        ("not safe but the food is good", {"safe"}),
        ("nobody listens, staff are kind", {"listens"}),
        ("I feel safe", set()),
    ],
)
def test_negation_scope_stops_at_clause_breaks(text, negated):
    words = tokens(text)
    marks = negation_scope(words)
    assert {w for w, m in zip(words, marks, strict=True) if m} == negated


def test_sentences_respect_abbreviations_and_line_breaks():
    found = sentences("Dr. Smith was kind. Mr. Jones was not.\nfood ok\n\nleave cancelled again!")
    assert [s.text for s in found] == [
        "Dr. Smith was kind.",
        "Mr. Jones was not.",
        "food ok",
        "leave cancelled again!",
    ]
    assert found[1].start == len("Dr. Smith was kind. ")


def test_phrases_match_word_forms():
    assert stem_phrase("shouting at patients") == stem_phrase("shouted at patient")
