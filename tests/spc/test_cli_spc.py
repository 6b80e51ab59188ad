"""`flask spc`: any `date,value` series in, one row per charted point out, with located errors."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest


def _series(path, values, start=date(2026, 1, 5), header=("date", "value")):
    lines = [",".join(header)]
    lines += [f"{(start + timedelta(weeks=i)).isoformat()},{v}" for i, v in enumerate(values)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(runner, *args):
    return runner.invoke(args=["spc", *args])


def test_the_chart_has_one_row_per_point_and_prints_variation_and_assurance(runner, tmp_path):
    source = _series(tmp_path / "in.csv", [0, 20] * 6 + [100])
    out = tmp_path / "out.csv"
    result = _run(runner, "--input", str(source), "--output", str(out), "--target", "50")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["variation: improvement", "assurance: hit_and_miss"]
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "date",
        "value",
        "mean",
        "lower_limit",
        "upper_limit",
        "near_lower",
        "near_upper",
        "point_type",
        "rules",
    ]
    assert len(rows) == 13
    assert rows[0]["date"] == "2026-01-05"
    assert float(rows[0]["mean"]) == pytest.approx(220 / 13, rel=1e-5)
    assert float(rows[0]["upper_limit"]) == pytest.approx(220 / 13 + 2.66 * 25, rel=1e-5)
    assert (rows[-1]["point_type"], rows[-1]["rules"]) == ("improvement", "outside_limits")
    assert {r["point_type"] for r in rows[:-1]} == {"common_cause"}


def test_direction_screening_and_rebase_options(runner, tmp_path):
    before = [10, 12, 9, 11, 10, 12, 9, 11, 10, 12, 9, 11]
    source = _series(tmp_path / "in.csv", before + [v + 10 for v in before])
    out = tmp_path / "out.csv"
    args = ["--input", str(source), "--output", str(out)]
    down = _run(runner, *args, "--improvement", "decrease")
    assert down.stdout.splitlines()[0] == "variation: concern"
    rebased = _run(runner, *args, "--rebase", "2026-03-30", "--target", "14")
    assert rebased.exit_code == 0, rebased.output
    # From the rebase the limits are 20.5 +/- 2.66 x 23 / 11, about 14.9 to 26.1: above 14.
    assert rebased.stdout.splitlines() == ["variation: common_cause", "assurance: pass"]
    neutral = _run(runner, *args, "--improvement", "neutral", "--target", "15", "--no-screen")
    assert neutral.stdout.splitlines() == ["variation: neutral_high", "assurance: none"]


def test_a_short_series_is_said_to_have_trial_limits(runner, tmp_path):
    source = _series(tmp_path / "in.csv", [3, 4, 5, 4, 3])
    result = _run(runner, "--input", str(source), "--output", str(tmp_path / "out.csv"))
    assert result.exit_code == 0
    assert "trial limits" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "line 1: the file is empty"),
        ("day,value\n2026-01-05,1\n", "line 1: the header needs the columns date"),
        ("date,value,ward\n2026-01-05,1,A\n", "unknown column 'ward'"),
        ("date,value\n", "no rows"),
        ("date,value\n2026-01-05,1\n05/01/2026,2\n", "line 3: date '05/01/2026' is not a date"),
        ("date,value\n2026-01-05,one\n", "line 2: value 'one' is not a number"),
        ("date,value\n2026-01-05,nan\n", "line 2: value 'nan' is not a finite number"),
        ("date,value\n2026-01-05,1\n2026-01-05,2\n", "line 3: 2026-01-05 is already on line 2"),
        ("date,value\n2026-01-05,1,2\n", "line 2: 3 cells where the header has 2"),
    ],
)
def test_a_bad_series_is_refused_with_located_messages_and_no_output(
    runner, tmp_path, content, message
):
    source = tmp_path / "in.csv"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = _run(runner, "--input", str(source), "--output", str(out))
    assert result.exit_code == 1
    assert message in result.stderr
    assert not out.exists()


def test_every_problem_in_a_file_is_reported_at_once(runner, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("date,value\nmonday,1\n2026-01-12,x\n2026-01-19,3\n", encoding="utf-8")
    result = _run(runner, "--input", str(source), "--output", str(tmp_path / "out.csv"))
    assert result.exit_code == 1
    assert "line 2:" in result.stderr and "line 3:" in result.stderr


def test_bad_options_are_refused(runner, tmp_path):
    source = _series(tmp_path / "in.csv", [1, 2, 3])
    out = str(tmp_path / "out.csv")
    wrong = _run(runner, "--input", str(source), "--output", out, "--improvement", "up")
    assert wrong.exit_code == 2 and "increase" in wrong.output
    bad_date = _run(runner, "--input", str(source), "--output", out, "--rebase", "March")
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output
