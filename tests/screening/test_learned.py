"""The shipped screen (the learned model with the trusted rules), on what people really write.

The quality floors are measured on answers written by people who had seen neither the rules
nor the training answers; the held-out set is only ever measured, never read while tuning.
"""

from __future__ import annotations

import shutil

import pytest

from coprod.config import BASE_DIR
from coprod.screening import Concern, Screening, engine, screen, screen_many
from coprod.screening import model as screen_model
from coprod.screening.reasons import REASONS

S, A, H, D = Concern.SEXUAL_HARM, Concern.ABUSE, Concern.SELF_HARM, Concern.SUICIDAL
DATA = BASE_DIR / "tests" / "data" / "safeguarding"


def _figures(path):
    rows = screen_model.read_labelled(path)
    flagged = [screen(text).flagged for text, _ in rows]
    truth = [bool(labels) for _, labels in rows]
    hits = sum(f and t for f, t in zip(flagged, truth, strict=True))
    alarms = sum(f and not t for f, t in zip(flagged, truth, strict=True))
    return hits / sum(truth), alarms / (len(truth) - sum(truth))


@pytest.mark.parametrize(
    ("name", "min_recall", "max_alarms"),
    [("screen_holdout.csv", 0.95, 0.15), ("screen_tune.csv", 0.95, 0.15)],
)
def test_the_screen_finds_disclosures_in_unseen_wording(name, min_recall, max_alarms):
    recall, alarms = _figures(DATA / name)
    assert recall >= min_recall, f"recall {recall:.3f} on {name}"
    assert alarms <= max_alarms, f"false alarms {alarms:.3f} on {name}"


# The wording the first screen missed, as reported when it was tried on new answers.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("he did stuff to me in the laundry room. i didnt want it", S),
        ("been looking up how many of my tablets it would take", H),
        ("once i get unescorted leave ive got a bridge in mind", D),
        ("tell my mum im sorry", D),
        ("Staff sit on me when I dont do what they say", A),
        ("some staff take money from my purse", A),
        ("I saw a staff member drag a patient by her hair", A),
    ],
)
def test_ordinary_wording_of_harm_is_flagged(text, kind):
    result = screen(text)
    assert result.flagged, text
    assert kind in result.concerns or (kind in {H, D} and {H, D} & result.concerns)


@pytest.mark.parametrize(
    "text",
    [
        "staff touched base with my family",
        "this wifi is killing me",
        "I used to self harm but not since I've been here",
        "the food is to die for",
        "I don't want to be here, I want to go home",
        "Can I get my hair cut before my tribunal",
        "",
        "   ",
    ],
)
def test_ordinary_uses_of_the_same_words_are_not_flagged(text):
    assert screen(text) == Screening()


def test_a_model_finding_is_named_as_such_with_any_rules_that_matched():
    result = screen("he did stuff to me in the laundry room. i didnt want it")
    assert "model" in result.matched_rules
    assert all(name in REASONS for name in result.matched_rules)


def test_screen_many_returns_the_union():
    result = screen_many(["The garden is nice", "He hit me", "", "I want to die"])
    assert {A, D} <= result.concerns
    assert screen_many([]) == Screening()
    assert screen_many(["I feel safe", "The garden is nice"]) == Screening()


def test_the_shipped_model_was_trained_on_the_shipped_answers():
    meta = engine.model().meta
    assert meta["training_sha256"] == screen_model.file_hash(screen_model.DEFAULT_TRAINING)
    assert set(meta["trusted_rules"]) <= {name for name, _, _ in engine.RULES}


def test_every_rule_has_plain_words_for_a_lead():
    assert {name for name, _, _ in engine.RULES} <= set(REASONS)


def test_a_missing_or_broken_model_fails_saying_how_to_rebuild_it(tmp_path):
    with pytest.raises(screen_model.ModelError, match=r"train_screen\.py"):
        screen_model.ScreenModel.load(tmp_path / "absent.npz")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a model")
    with pytest.raises(screen_model.ModelError, match="not a screen model"):
        screen_model.ScreenModel.load(broken)


def test_a_saved_model_reads_back_the_same(tmp_path):
    copy = tmp_path / "copy.npz"
    shutil.copy(screen_model.DEFAULT_MODEL, copy)
    engine.model().save(copy)
    again = screen_model.ScreenModel.load(copy)
    text = engine.normalise("nobody listens and he keeps coming in my room at night")
    assert again.found(text) == engine.model().found(text)
