"""Offline data: nothing is downloaded, and a missing file says how to put it back."""

from __future__ import annotations

import importlib.util

import pytest

from coprod.themes import MissingResource, resources
from coprod.themes.sentiment import WardVader


def test_a_missing_word_list_names_the_file_and_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    resources.word_list.cache_clear()
    try:
        with pytest.raises(MissingResource) as caught:
            resources.word_list("given_names.txt")
    finally:
        resources.word_list.cache_clear()
    message = str(caught.value)
    assert str(tmp_path / "given_names.txt") in message
    assert "git checkout -- coprod/themes/data" in message


def test_a_missing_sentiment_lexicon_says_what_to_install(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "vaderSentiment" else real(name)
    )
    with pytest.raises(MissingResource, match=r"pip install -r requirements\.txt"):
        WardVader()


def test_nothing_reaches_for_the_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the theming engine tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    from coprod.themes import Engine, redact

    coding = Engine().code("Dr Patel said the food is cold. Call 07700 900123.")
    assert "food" in coding.themes
    assert redact(coding.text) == "[name] said the food is cold. Call [phone]."
