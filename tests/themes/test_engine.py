"""Coding: hand-written ward comments for the themes the dev data lacks, hard cases,
bad input, parent themes, quotes and emergent topics."""

from __future__ import annotations

import pytest

from benchmarks.themes_quality import scores
from coprod.themes import Engine, emergent_topics, load, pick_quotes
from coprod.themes.csvio import read_rows

WARD = "tests/data/themes/ward_comments.csv"
# F1 the codebook alone reaches on the hand-written ward comments, less a small margin:
# a change to the codebook or the engine that loses ground here fails.
FLOORS = {
    "sexual_safety": 0.76,  # reached 0.81
    "restrictions": 0.66,  # 0.71
    "activities": 0.84,  # 0.89
    "food": 0.87,  # 0.92
    "dignity_privacy": 0.48,  # 0.53
}
MICRO_FLOOR = 0.70  # 0.74 over all themes
# Micro F1 of the codebook alone on ward feedback written apart from the codebook, less a
# margin: how well the engine carries over to wording nobody tuned it for.
INDEPENDENT_FLOORS = {
    "tests/data/themes/inpatient_feedback_tune.csv": 0.70,  # reached 0.74
    "tests/data/themes/inpatient_feedback_holdout.csv": 0.70,  # reached 0.74
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load())


@pytest.fixture(scope="module")
def ward_results(engine):
    book = engine.codebook
    rows = read_rows(WARD, labelled=True, known_themes=book.ids())
    coded = list(engine.code_many(r.text for r in rows))
    truth = [book.with_ancestors(r.themes) for r in rows]
    return scores(truth, [set(c.themes) for c in coded], book.ids())


@pytest.mark.parametrize("theme", sorted(FLOORS))
def test_ward_themes_do_not_regress(ward_results, theme):
    table, _, _ = ward_results
    precision, recall, f1, support = table[theme]
    assert support >= 25
    assert f1 >= FLOORS[theme], f"{theme}: P {precision:.2f} R {recall:.2f} F1 {f1:.2f}"


def test_ward_micro_f1_does_not_regress(ward_results):
    _, micro, _ = ward_results
    assert micro >= MICRO_FLOOR


@pytest.mark.parametrize("path", sorted(INDEPENDENT_FLOORS))
def test_coding_carries_over_to_independently_written_ward_feedback(engine, path):
    book = engine.codebook
    rows = read_rows(path, labelled=True, known_themes=book.ids())
    coded = list(engine.code_many(r.text for r in rows))
    truth = [book.with_ancestors(r.themes) for r in rows]
    _, micro, _ = scores(truth, [set(c.themes) for c in coded], book.ids())
    assert micro >= INDEPENDENT_FLOORS[path]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("I feel safe, nobody has touched my things", {"safety"}, {"sexual_safety"}),
        (
            "A man on the ward keeps touching me and making sexual comments",
            {"sexual_safety", "safety"},
            set(),
        ),
        ("I was restrained and put in seclusion", {"restrictions"}, set()),
        ("There is nothing to do at weekends, no groups or OT", {"activities"}, set()),
        ("The food is always cold and there's no halal option", {"food"}, set()),
        ("No lock on the bathroom door so people walk in on me", {"dignity_privacy"}, set()),
    ],
)
def test_plain_ward_comments(engine, text, present, absent):
    themes = set(engine.code(text).themes)
    assert present <= themes, themes
    assert not absent & themes, themes


def test_sentiment_per_theme_mention(engine):
    coding = engine.code("The food is lovely. But I was restrained for no reason and it hurt.")
    feelings = {m.theme: m.sentiment for m in coding.mentions}
    assert feelings["food"] == "positive"
    assert feelings["restrictions"] == "negative"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "empty"),
        ("🙂🙂", "no_words"),
        (b"\x00\x9f", "binary"),
        ("Jedzenie jest zimne i personel nie ma czasu dla pacjentów na oddziale", "not_english"),
    ],
)
def test_uncodable_text_gets_no_themes_and_a_reason(engine, raw, problem):
    coding = engine.code(raw)
    assert coding.themes == {} and coding.problem == problem and coding.sentiment == "neutral"


def test_huge_text_is_coded_from_its_start(engine):
    coding = engine.code("The food is cold. " + "I am bored and nobody talks to me. " * 400)
    assert coding.problem == "too_long" and "food" in coding.themes


def test_markup_is_coded_as_text_and_never_echoed(engine):
    coding = engine.code("<script>alert(1)</script><p>the <b>food</b> is cold</p>")
    assert "food" in coding.themes
    assert "<" not in coding.text and "alert" not in coding.text


def test_a_trained_model_round_trips_and_keeps_codebook_themes(engine, tmp_path):
    rows = [
        ("Staff were kind and caring", ["staff_attitude"], "positive"),
        ("Waited four hours to be seen", ["access_timeliness"], "negative"),
        ("Nothing", [], "positive"),
    ] * 10
    trained = Engine(engine.codebook)
    model = trained.train(rows)
    model.save(tmp_path / "m.npz")
    from coprod.themes import ThemeModel

    again = Engine(engine.codebook, model=ThemeModel.load(tmp_path / "m.npz"))
    text = "the nurses were kind but I waited ages. A man groped me."
    assert trained.code(text).themes == again.code(text).themes
    # sexual safety has no training examples here: the codebook still finds it
    assert "sexual_safety" in again.code(text).themes


@pytest.mark.parametrize(
    ("text", "feelings"),
    [
        (
            "Staff are kind but always busy, there are not enough of them on nights.",
            {"staff_attitude": "positive", "staffing": "negative"},
        ),
        (
            "the nurses were lovely, however the ward was filthy",
            {"staff_attitude": "positive", "environment": "negative"},
        ),
        (
            "nurses were lovely yet the food was awful",
            {"staff_attitude": "positive", "food": "negative"},
        ),
        (
            "there were no concerns with my care but the food is cold",
            {"food": "negative"},
        ),
        (
            "A man keeps making sexual comments but the food is great",
            {"sexual_safety": "negative", "safety": "negative", "food": "positive"},
        ),
    ],
)
def test_each_theme_takes_the_feeling_of_its_own_clause(engine, text, feelings):
    coding = engine.code(text)
    assert {m.theme: m.sentiment for m in coding.mentions if m.theme in feelings} == feelings


def test_a_clearly_negative_answer_is_not_called_positive_by_a_model_that_never_saw_its_words(
    engine, monkeypatch
):
    # Answers about pain and fear that people still rated positive teach the model that the
    # lexicon's negative reading means little, and that unfamiliar words are positive.
    rows = [("The pain and fear stopped when the crew came", [], "positive")] * 20 + [
        ("Waited four hours to be seen", ["access_timeliness"], "negative")
    ] * 5
    trained = Engine(engine.codebook)
    trained.train(rows)
    text = "Hated every minute, it was horrible"
    assert trained.code(text).sentiment == "negative"
    # Without the lexicon's overrule the model would have called it positive.
    monkeypatch.setattr("coprod.themes.engine.LEXICON_OVERRULES_POSITIVE", -2.0)
    assert trained.code(text).sentiment == "positive"


def test_quotes_are_redacted_varied_and_never_from_small_groups(engine):
    texts = {
        ("big", 1): "The food is cold every single day, Sarah said nothing can be done.",
        ("big", 2): "The food is cold every single day, Sarah said nothing can be done.",
        ("big", 3): "I love the curry night, the food is the best part of the week.",
        ("big", 4): "Food portions are too small and I am hungry at night.",
        ("small", 5): "The food made me ill and the kitchen is filthy.",
    }
    coded = [(key, key[0], engine.code(text)) for key, text in texts.items()]
    quotes = pick_quotes(coded, "food", {"big": 12, "small": 3}, min_group=5, k=3)
    assert 1 <= len(quotes) <= 3
    assert all(q.source[0] == "big" for q in quotes)
    assert all("Sarah" not in q.text for q in quotes)
    assert len({q.text for q in quotes}) == len(quotes)
    assert len({q.sentiment for q in quotes}) > 1
    assert pick_quotes(coded, "food", {"big": 4, "small": 3}, min_group=5) == []


def test_emergent_topics_surface_what_no_theme_covers():
    texts = [
        "The vending machine is broken again",
        "can we get the vending machine fixed",
        "vending machine takes my money",
        "the wifi password changes every day",
        "wifi password never works",
        "Please sort the wifi password out",
        "I like the cat that visits",
    ]
    topics = emergent_topics(texts, top=5, min_answers=3)
    phrases = [t.phrase for t in topics]
    assert "vending machine" in phrases and "wifi password" in phrases
    assert all(t.answers >= 3 for t in topics)


def test_general_praise_is_not_an_emergent_topic():
    texts = ["Excellent service, everything perfect"] * 4 + [
        "the vending machine is broken",
        "fix the vending machine",
        "vending machine took my money",
    ]
    phrases = [t.phrase for t in emergent_topics(texts, top=5, min_answers=3)]
    assert "vending machine" in phrases
    assert not {"excellent service", "everything perfect", "excellent", "perfect"} & set(phrases)


def test_concerns_are_emergent_topics_even_though_they_carry_a_feeling():
    texts = [
        "i think about suicide a lot here",
        "suicide is on my mind every day",
        "nobody asks about suicide",
    ]
    assert "suicide" in [t.phrase for t in emergent_topics(texts, top=5, min_answers=3)]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Words whose stems or neighbours once brought a theme they do not speak of.
        ("I have caring responsibilities for my mum", "staff_attitude"),
        ("there were different kinds of groups", "staff_attitude"),
        ("my care plan is out of date", "staff_attitude"),
        ("I needed medical attention", "staff_attitude"),
        ("mental health professionals came to see me", "staff_attitude"),
        ("more staff so patients get time", "staff_attitude"),
        ("It was so cold at night in my room", "staff_attitude"),
        ("The food they serve is nice", "staff_attitude"),
        ("I put back on weight", "access_timeliness"),
        ("it took me weeks to trust the staff", "access_timeliness"),
        ("take tablets three times a day", "access_timeliness"),
        ("everyone hears voices on this ward", "dignity_privacy"),
        ("There are no doctors at weekends", "activities"),
        ("He walks into my room without knocking", "activities"),
        ("The nurses were lovely and told me everything", "family_carers"),
        ("Thank you for looking after my son", "family_carers"),
    ],
)
def test_ward_wording_does_not_bring_a_theme_it_does_not_speak_of(engine, text, theme):
    assert theme not in engine.code(text).themes
