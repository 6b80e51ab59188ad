"""`flask safeguarding screen`: screen exported comments from a CSV, with clear errors."""

from __future__ import annotations

import csv


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_screen_writes_one_row_per_answer(runner, tmp_path):
    source = _write(
        tmp_path / "in.csv",
        "id,text\n"
        'a1,"he did stuff to me in the laundry room. i didnt want it"\n'
        "a2,The garden is lovely\n"
        'a3,"i want to kill myself"\n',
    )
    out = tmp_path / "out.csv"
    result = runner.invoke(
        args=["safeguarding", "screen", "--input", str(source), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Screened 3 answer(s): 2 flagged" in result.output
    rows = {row["id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert list(rows["a1"]) == ["id", "flagged", "concerns", "reasons"]
    assert rows["a1"]["flagged"] == "yes" and "sexual_harm" in rows["a1"]["concerns"]
    assert "trained model" in rows["a1"]["reasons"]
    assert rows["a2"] == {"id": "a2", "flagged": "no", "concerns": "", "reasons": ""}
    assert rows["a3"]["concerns"].split(";")[0] in {"self_harm", "suicidal"}
    assert "laundry" not in out.read_text(encoding="utf-8")  # reasons never quote the text


def test_bad_files_are_refused_and_nothing_is_written(runner, tmp_path):
    out = tmp_path / "out.csv"
    cases = {
        "id,comment\n1,hello\n": "missing column(s) text",
        "id,text\n1,hello\n1,again\n": "id '1' appears twice",
        "id,text\n,hello\n": "id is empty",
        "id,text\n": "no rows",
    }
    for text, message in cases.items():
        source = _write(tmp_path / "bad.csv", text)
        result = runner.invoke(
            args=["safeguarding", "screen", "--input", str(source), "--output", str(out)]
        )
        assert result.exit_code == 1, text
        assert message in result.output, (text, result.output)
        assert not out.exists()
    source = _write(tmp_path / "same.csv", "id,text\n1,hello\n")
    result = runner.invoke(
        args=["safeguarding", "screen", "--input", str(source), "--output", str(source)]
    )
    assert result.exit_code == 1 and "must not be the input file" in result.output
    assert (tmp_path / "missing.csv").exists() is False
    result = runner.invoke(
        args=[
            "safeguarding",
            "screen",
            "--input",
            str(tmp_path / "missing.csv"),
            "--output",
            str(out),
        ]
    )
    assert result.exit_code == 1 and "cannot be read" in result.output
