"""`flask themes`: code and train from CSV files with clear errors and nothing half-written."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from coprod.themes import ThemeModel


def write_csv(path, header, rows, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


WARD_ROWS = [
    ("a1", "The food is cold and there is no choice on the menu"),
    ("a2", "A man keeps making sexual comments to me in the lounge"),
    ("a3", "I was restrained and put in seclusion for hours"),
    ("a4", ""),
    ("a5", "😀😀😀"),
]


def test_code_writes_themes_and_sentiment_per_row(runner, tmp_path):
    source = write_csv(tmp_path / "in.csv", ["id", "text"], WARD_ROWS)
    out = tmp_path / "out.csv"
    result = runner.invoke(args=["themes", "code", "--input", str(source), "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in read_csv(out)}
    assert list(rows) == ["a1", "a2", "a3", "a4", "a5"]
    assert "food" in rows["a1"]["themes"].split(";")
    assert {"sexual_safety", "safety"} <= set(rows["a2"]["themes"].split(";"))
    assert "restrictions" in rows["a3"]["themes"].split(";")
    assert rows["a1"]["sentiment"] == "negative"
    assert rows["a4"]["themes"] == "" and rows["a5"]["themes"] == ""
    assert "row 5: empty; no themes" in result.output
    assert "row 6: no words; no themes" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,words\n1,hello\n", "row 1: missing column(s) text; expected id,text"),
        (b"id,text\n1,caf\xe9 food\n", "line 2: not UTF-8 text"),
        (b"id,text\n1,fine\n1,again\n", "row 3: id '1' appears twice"),
        (b'id,text\n1,ok\n2,"' + b"x" * 10_001 + b'"\n', "row 3: text is 10,001 characters"),
        (b"id,text\n1,ok\n2,bad\x00byte\n", "row 3: text contains binary data"),
        (b"id,text\n1,ok,extra\n", "row 2: more values than columns"),
        (b"id,text\n", "the file has a header but no rows"),
        (b"id,text\n,no id\n", "row 2: id is empty"),
    ],
    ids=["column", "encoding", "duplicate", "huge", "binary", "extra", "empty", "no-id"],
)
def test_code_refuses_bad_csv_with_the_row_and_writes_nothing(runner, tmp_path, content, message):
    folder = tmp_path / "files"
    folder.mkdir()
    source = folder / "in.csv"
    source.write_bytes(content)
    out = folder / "out.csv"
    result = runner.invoke(args=["themes", "code", "--input", str(source), "--output", str(out)])
    assert result.exit_code == 1
    assert message in result.output
    assert list(folder.iterdir()) == [source]


def test_code_reports_a_missing_input_file(runner, tmp_path):
    result = runner.invoke(
        args=[
            "themes",
            "code",
            "--input",
            str(tmp_path / "nope.csv"),
            "--output",
            str(tmp_path / "out.csv"),
        ]
    )
    assert result.exit_code == 1
    assert "cannot be read" in result.output


LABELLED = [
    (f"t{i}", text, themes, sentiment)
    for i, (text, themes, sentiment) in enumerate(
        [
            (
                "The bus to the hospital was late again",
                "travel_transport;access_timeliness",
                "negative",
            ),
            ("Staff were kind and caring", "staff_attitude", "positive"),
            ("Lovely nurses, very friendly", "staff_attitude", "positive"),
            ("Waited four hours to be seen", "access_timeliness", "negative"),
            ("Nobody explained my medication", "communication;medication", "negative"),
        ]
        * 4
    )
]


def test_train_then_code_with_the_model(runner, tmp_path):
    examples = write_csv(
        tmp_path / "train.csv",
        ["id", "text", "themes", "sentiment"],
        [(f"{r[0]}-{n}", *r[1:]) for n, r in enumerate(LABELLED)],
    )
    model_path = tmp_path / "model.npz"
    result = runner.invoke(
        args=["themes", "train", "--examples", str(examples), "--out", str(model_path)]
    )
    assert result.exit_code == 0, result.output
    assert "themes learned: staff_attitude" in result.output
    model = ThemeModel.load(model_path)
    assert "staff_attitude" in model.themes
    source = write_csv(tmp_path / "in.csv", ["id", "text"], [("x", "the nurses were kind")])
    out = tmp_path / "out.csv"
    result = runner.invoke(
        args=[
            "themes",
            "code",
            "--input",
            str(source),
            "--output",
            str(out),
            "--model",
            str(model_path),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "staff_attitude" in read_csv(out)[0]["themes"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("x", "fine", "staff_attitude;made_up", "positive"), "row 2: unknown theme id(s) made_up"),
        (
            ("x", "fine", "staff_attitude", "happy"),
            "row 2: sentiment 'happy' is not one of positive, neutral, negative",
        ),
    ],
)
def test_train_refuses_unknown_themes_and_labels(runner, tmp_path, row, message):
    examples = write_csv(tmp_path / "train.csv", ["id", "text", "themes", "sentiment"], [row])
    model_path = tmp_path / "model.npz"
    result = runner.invoke(
        args=["themes", "train", "--examples", str(examples), "--out", str(model_path)]
    )
    assert result.exit_code == 1
    assert message in result.output
    assert not model_path.exists()


def test_a_model_file_that_is_not_a_model_is_refused(runner, tmp_path):
    bogus = tmp_path / "model.npz"
    np.savez(bogus, meta=np.array([object()], dtype=object))
    source = write_csv(tmp_path / "in.csv", ["id", "text"], [("x", "fine")])
    result = runner.invoke(
        args=[
            "themes",
            "code",
            "--input",
            str(source),
            "--output",
            str(tmp_path / "out.csv"),
            "--model",
            str(bogus),
        ]
    )
    assert result.exit_code == 1
    assert "not a coprod theme model" in result.output


def test_validate_checks_a_codebook_file(runner, tmp_path):
    assert runner.invoke(args=["themes", "validate"]).exit_code == 0
    bad = tmp_path / "codebook.yaml"
    bad.write_text("format: 1\nthemes:\n  - id: food\n    label: Food\n    description: x\n")
    result = runner.invoke(args=["themes", "validate", str(bad)])
    assert result.exit_code == 1
    assert "codebook.yaml: food: phrases: must be a non-empty list" in result.output


def test_train_without_a_database_says_how_to_go_on(tmp_path):
    from coprod import create_app
    from coprod.config import TestConfig

    unmigrated = create_app(TestConfig(f"sqlite:///{tmp_path / 'empty.db'}"))
    runner = unmigrated.test_cli_runner()
    examples = write_csv(
        tmp_path / "train.csv",
        ["id", "text", "themes", "sentiment"],
        [(r[0], *r[1:]) for r in LABELLED[:5]],
    )
    result = runner.invoke(
        args=["themes", "train", "--examples", str(examples), "--out", str(tmp_path / "m.npz")]
    )
    assert result.exit_code == 1
    assert "--no-corrections" in result.output
    result = runner.invoke(
        args=[
            "themes",
            "train",
            "--examples",
            str(examples),
            "--out",
            str(tmp_path / "m.npz"),
            "--no-corrections",
        ]
    )
    assert result.exit_code == 0, result.output
