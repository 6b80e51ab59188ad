"""Sentiment: NLTK's VADER with ward adjustments, and the quicker splitter giving the same words."""

from __future__ import annotations

import pytest
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

from coprod.themes.sentiment import QuickSentiText, SentimentScorer, WardVader

TEXTS = [
    "Hi!! :) it's ok... (really) ,cat, --fine-- '' ?!",
    "The staff were AMAZING, but the food... not so much!!!",
    "I don't feel safe; nobody listens?",
    "kind of boring tbh :(",
    "Not bad at all. Could be better though",
]


@pytest.mark.parametrize("text", TEXTS)
def test_quick_splitter_finds_the_same_words_and_scores(text):
    constants = VaderConstants()
    slow = SentiText(text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
    quick = QuickSentiText(text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
    assert quick.words_and_emoticons == slow.words_and_emoticons
    vader = WardVader()
    assert vader.polarity_scores(text) == SentimentIntensityAnalyzer.polarity_scores(vader, text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Nothing.", "positive"),
        ("nothing to improve", "positive"),
        ("I was restrained by four staff", "negative"),
        ("I don't feel safe at night", "negative"),
        ("The nurses listened to me", "positive"),
        ("Staff are lovely and caring", "positive"),
        ("My leave was cancelled again", "negative"),
        ("The ward is on the second floor", "neutral"),
        # What VADER alone reads as negative: a negation before a good word.
        ("Could not have done better.", "positive"),
        ("Nothing, excellent service.", "positive"),
        ("cant fault the staff at all", "positive"),
        ("No complaints. Just thank you.", "positive"),
        # ...while a real complaint after the same words still counts.
        ("No complaints about the nurses but the food was awful", "negative"),
        ("Nothing was done about it, it was awful", "negative"),
        ("Nothing to do all day", "negative"),
        ("Too many rules that nobody explains, like no hot drinks after nine.", "negative"),
        ("I would feel safer if the bathroom doors locked properly.", "negative"),
        ("Nothing at all was done after I reported it, awful", "negative"),
        # Complaints that share words with the praise idioms stay complaints.
        ("They had no problem restraining me", "negative"),
        ("Staff showed no concern for my wellbeing", "negative"),
        ("No complaints are ever taken seriously", "negative"),
        ("I could not get better on this ward, it made me worse", "negative"),
        ("My mood couldn't improve on that ward", "negative"),
        ("I complained but nothing can be changed", "negative"),
        ("Nothing they do helps.", "negative"),
        ("No, they didn't listen.", "negative"),
        ("The unit saved my life", "positive"),
        ("Nothing, I was happy with everything", "positive"),
        ("Nothing, they ignored me", "negative"),
        ("no complaints from me", "positive"),
        ("They had no problem shouting at patients", "negative"),
        ("No issues with anything", "positive"),
        ("The staff were lovely. Nothing could be better.", "positive"),
        ("I don't feel heard", "negative"),
        ("patients need to feel heard", "negative"),
        ("the staff couldnt have been more helpfull", "positive"),
        ("they could not have been more helpful", "positive"),
        ("staff could not be more rude", "negative"),
        ("I complained. Nothing can be changed.", "negative"),
        ("Nothing could be improved.", "positive"),
        ("my appointment on 10/10/2023", "neutral"),
        ("10/10", "positive"),
        ("I never felt heard", "negative"),
    ],
)
def test_ward_comments_get_the_feeling_people_meant(text, label):
    scorer = SentimentScorer()
    assert scorer.label(scorer.compound(text)) == label


def test_the_lexicon_comes_from_the_installed_package_not_nltk_data(monkeypatch):
    import nltk

    monkeypatch.setattr(nltk.data, "path", [])
    assert WardVader().lexicon["good"] > 0
