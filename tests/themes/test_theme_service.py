"""Coding stored answers: incremental, recoded when the codebook changes, corrections kept,
audited and scoped to the facilitator's trusts."""

from __future__ import annotations

import os
import shutil
import time

import pytest
import yaml
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import AuditEvent, TextCoding, ThemeCode
from coprod.models.themes import SOURCE_ANSWER
from coprod.services import themes as service
from coprod.themes.codebook import DEFAULT_PATH
from tests.factories import make_answer, make_org, make_user, make_ward


@pytest.fixture
def codebook(app, tmp_path):
    """A private copy of the default codebook that a test may edit."""
    path = tmp_path / "codebook.yaml"
    shutil.copy(DEFAULT_PATH, path)
    app.config["COPROD_CODEBOOK"] = str(path)
    app.extensions.pop(service.EXTENSION_KEY, None)
    return path


def codes_of(answer) -> set[str]:
    coding = db.session.scalar(select(TextCoding).where(TextCoding.source_id == answer.id))
    return {c.theme for c in coding.codes} if coding else set()


def test_only_new_answers_are_coded(app, codebook):
    _, _, ward = make_org("RT1")
    first = make_answer(ward, "The food is cold and bland")
    make_answer(ward, None)
    make_answer(ward, "")
    assert service.code_pending() == 1
    db.session.commit()
    assert service.code_pending() == 0
    second = make_answer(ward, "I was restrained for an hour")
    assert service.code_pending() == 1
    db.session.commit()
    assert "food" in codes_of(first)
    assert "restrictions" in codes_of(second)


def test_a_changed_codebook_recodes_everything_once(app, codebook):
    _, _, ward = make_org("RT1")
    answer = make_answer(ward, "the zorblax is always broken")
    service.code_pending()
    db.session.commit()
    before = codes_of(answer)
    data = yaml.safe_load(codebook.read_text())
    next(t for t in data["themes"] if t["id"] == "food")["phrases"].append("zorblax")
    codebook.write_text(yaml.safe_dump(data))
    os.utime(codebook, (time.time() + 5, time.time() + 5))
    assert service.code_pending() == 1
    db.session.commit()
    assert service.code_pending() == 0
    assert codes_of(answer) != before


def test_edited_text_is_recoded_and_unchanged_text_is_not(app, codebook):
    _, _, ward = make_org("RT1")
    answer = make_answer(ward, "The food is cold and bland")
    assert service.code_changed(SOURCE_ANSWER, [(answer.id, answer.text)]) == 1
    db.session.commit()
    assert service.code_changed(SOURCE_ANSWER, [(answer.id, answer.text)]) == 0
    edited = "I was restrained for an hour"
    assert service.code_changed(SOURCE_ANSWER, [(answer.id, edited)]) == 1
    db.session.commit()
    assert "restrictions" in codes_of(answer) and "food" not in codes_of(answer)


def test_text_edited_twice_in_one_batch_is_coded_once_as_last_written(app, codebook):
    _, _, ward = make_org("RT1")
    answer = make_answer(ward, "The food is cold")
    items = [(answer.id, "The food is cold"), (answer.id, "I was restrained for an hour")]
    assert service.code_changed(SOURCE_ANSWER, items) == 1
    db.session.commit()
    assert "restrictions" in codes_of(answer) and "food" not in codes_of(answer)
    assert service.code_changed(SOURCE_ANSWER, [(answer.id, None)]) == 0
    db.session.commit()
    assert db.session.scalar(select(TextCoding).where(TextCoding.source_id == answer.id)) is None


def test_a_new_codebook_version_recodes_changed_and_unchanged_text(app, codebook):
    _, _, ward = make_org("RT1")
    answer = make_answer(ward, "the zorblax is always broken")
    assert service.code_changed(SOURCE_ANSWER, [(answer.id, answer.text)]) == 1
    db.session.commit()
    data = yaml.safe_load(codebook.read_text())
    next(t for t in data["themes"] if t["id"] == "food")["phrases"].append("zorblax")
    codebook.write_text(yaml.safe_dump(data))
    os.utime(codebook, (time.time() + 5, time.time() + 5))
    assert service.code_changed(SOURCE_ANSWER, [(answer.id, answer.text)]) == 1
    db.session.commit()
    assert "food" in codes_of(answer)


def test_child_theme_brings_its_parent(app, codebook):
    _, _, ward = make_org("RT1")
    answer = make_answer(ward, "A patient groped me in the corridor")
    service.code_pending()
    db.session.commit()
    assert {"sexual_safety", "safety"} <= codes_of(answer)


def test_no_coding_time_is_stored():
    columns = set(TextCoding.__table__.columns.keys()) | set(ThemeCode.__table__.columns.keys())
    dated = {c for c in columns if {"at", "on", "time", "date", "week"} & set(c.split("_"))}
    assert not dated


def test_corrections_survive_recoding_audit_and_train(app, codebook):
    trust, _, ward = make_org("RT1")
    facilitator = make_user(trusts=[trust])
    answer = make_answer(ward, "The food is cold and the lounge is dirty")
    service.code_pending()
    db.session.commit()
    service.correct(facilitator, answer, "activities", True)
    service.correct(facilitator, answer, "food", False)
    db.session.commit()
    assert "activities" in codes_of(answer) and "food" not in codes_of(answer)
    codebook.write_text(codebook.read_text() + "\n")
    db.session.execute(TextCoding.__table__.update().values(engine_version="old"))
    assert service.code_pending() == 1
    db.session.commit()
    assert "activities" in codes_of(answer) and "food" not in codes_of(answer)
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "theme.correct"))
    assert [e.detail["theme"] for e in events] == ["activities", "food"]
    rows = service.training_rows()
    assert len(rows) == 1
    _, themes, _ = rows[0]
    assert "activities" in themes and "food" not in themes


def test_a_facilitator_cannot_correct_another_trusts_answer(app, codebook):
    trust_a, _, _ = make_org("RTA")
    _, _, ward_b = make_org("RTB")
    facilitator = make_user(trusts=[trust_a])
    answer = make_answer(ward_b, "The food is cold")
    with pytest.raises(PermissionError):
        service.correct(facilitator, answer, "food", False)
    db.session.rollback()
    assert (
        db.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "theme.correct")
        )
        == 0
    )


def test_unknown_theme_corrections_are_refused(app, codebook):
    trust, _, ward = make_org("RT1")
    facilitator = make_user(trusts=[trust])
    answer = make_answer(ward, "The food is cold")
    with pytest.raises(ValueError, match="no theme 'nonsense'"):
        service.correct(facilitator, answer, "nonsense", True)


def test_codings_of_deleted_text_are_dropped(app, codebook):
    _, _, ward = make_org("RT1")
    answer = make_answer(ward, "The food is cold")
    service.code_pending()
    db.session.commit()
    answer.text = None
    db.session.commit()
    assert service.forget_removed() == 1
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(TextCoding)) == 0


def test_update_command_codes_stored_answers(app, codebook, runner):
    _, _, ward = make_org("RT1")
    for n in range(7):
        make_answer(ward, f"The food is cold, day {n}")
    result = runner.invoke(args=["themes", "update", "--batch", "3"])
    assert result.exit_code == 0, result.output
    assert "Coded 7 answer(s)" in result.output
    assert runner.invoke(args=["themes", "update"]).output.startswith("Coded 0 answer(s)")


def test_quotes_are_redacted_and_small_groups_give_none(app, codebook):
    _, site, big = make_org("RT1")
    small = make_ward(site, code="RT1-W2")
    for n in range(5):
        make_answer(big, f"The food is cold every day and Sarah says nothing can change {n}")
    for _ in range(4):
        make_answer(small, "The food gave me food poisoning, ask Dr Patel")
    service.code_pending()
    db.session.commit()
    quotes = service.quotes_for("food", [big.id, small.id])
    assert quotes
    assert all("Patel" not in q.text and "poisoning" not in q.text for q in quotes)
    assert all("Sarah" not in q.text and "[name]" in q.text for q in quotes)
    assert service.quotes_for("food", [small.id]) == []
    app.config["COPROD_MIN_GROUP_PATIENT"] = 6
    assert service.quotes_for("food", [big.id]) == []


def test_topics_come_from_uncovered_answers_of_groups_big_enough(app, codebook):
    _, site, big = make_org("RT1")
    small = make_ward(site, code="RT1-W2")
    for n in range(5):
        make_answer(big, f"the zorblax in the corridor keeps beeping, day {n}")
    make_answer(big, "The food is cold")
    for _ in range(4):
        make_answer(small, "the quibblewick keeps beeping")
    service.code_pending()
    db.session.commit()
    topics = service.uncovered_topics([big.id, small.id])
    phrases = [t.phrase for t in topics]
    assert "zorblax" in " ".join(phrases)
    assert not any("quibblewick" in p for p in phrases)
    assert all("food" not in example for t in topics for example in t.examples)
