"""The shipped survey files, and survey versions in the database and the commands."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import SurveyVersion
from coprod.services import survey_files
from tests.survey_builders import (
    SAFE,
    SHIPPED,
    SURVEY_DIR,
    survey,
    write,
)

# The shipped survey files.


def test_shipped_surveys_are_valid():
    paths = survey_files.default_paths(SURVEY_DIR)
    assert [p.name for p in paths] == sorted(SHIPPED)
    assert survey_files.validate_paths(paths) == []


def shipped() -> dict[str, survey_files.SurveyDefinition]:
    definitions = survey_files.load_directory(SURVEY_DIR)
    return {d.variant: d for d in definitions if d.id == "ward-weather"}


def test_ward_weather_standard():
    ward = shipped()["standard"]
    assert (ward.id, ward.audience, ward.language) == ("ward-weather", "patient", "en")
    weather = ward.questions[0]
    assert weather.text == "How does the ward feel right now?"
    assert weather.type == "picture_scale"
    pictures = ["sunny", "sun-and-cloud", "cloudy", "rain", "storm"]
    assert [o.picture for o in weather.options] == pictures
    assert ward.measures() == [
        survey_files.Measure(
            "ward_calm", "Ward feels calm or fairly calm", "weather", ("calm", "fairly_calm")
        )
    ]
    why = ward.question("weather_why")
    assert (why.type, why.text) == ("free_text", "What is making it feel that way?")
    assert (why.required, why.max_length, why.screen) == (False, 5000, True)
    assert ward.one_tap and ward.tap_question is weather
    assert why.show_if is None


def test_ward_weather_easy_read():
    ward = shipped()["easy_read"]
    assert all(q.picture for q in ward.questions)
    weather = ward.question("weather")
    assert [o.value for o in weather.options if not o.no_answer] == ["calm", "in_between", "stormy"]
    assert [o.value for o in weather.options if o.no_answer] == ["dont_know", "prefer_not_to_say"]
    helped = ward.questions[-1]
    assert (helped.id, helped.type, helped.text) == (
        "helped",
        "yes_no",
        "Did someone help you answer?",
    )
    assert helped.values() == ("yes", "no", "prefer_not_to_say")
    assert [m.id for m in ward.measures()] == ["ward_calm"]


def test_about_you_questions_match_across_variants():
    by_variant = shipped()
    standard = [q for q in by_variant["standard"].about_you_questions()]
    easy = [q for q in by_variant["easy_read"].about_you_questions() if q.id != "helped"]
    assert [q.id for q in standard] == ["age_band", "gender", "ethnic_group", "first_language"]
    # The same questions and answers, so they can be put together; the words follow the variant.
    assert [(q.id, q.type, q.values()) for q in standard] == [
        (q.id, q.type, q.values()) for q in easy
    ]
    assert all(not q.required and q.option("prefer_not_to_say") for q in standard)
    ethnic = by_variant["standard"].question("ethnic_group")
    assert len(ethnic.answer_values()) == 5  # the 2021 Census high-level groups


# Versions in the database, and the commands.


def test_register_versions_db_is_idempotent(app):
    definitions = [d for d in survey_files.load_directory(SURVEY_DIR) if d.id == "ward-weather"]
    new = survey_files.register_versions(definitions)
    assert sorted((v.survey_id, v.variant) for v in new) == [
        ("ward-weather", "easy_read"),
        ("ward-weather", "standard"),
    ]
    standard = next(v for v in new if v.variant == "standard")
    definition = next(d for d in definitions if d.variant == "standard")
    assert standard.id is not None  # flushed
    assert (standard.content_hash, standard.title, standard.audience, standard.language) == (
        definition.content_hash,
        "Ward weather",
        "patient",
        "en",
    )
    assert standard.definition == definition.data
    assert standard.source_file == "ward-weather.yaml"
    assert survey_files.register_versions(definitions) == []
    assert survey_files.register_versions(definitions + definitions) == []
    assert db.session.scalar(select(func.count()).select_from(SurveyVersion)) == 2


def test_register_versions_db_adds_a_version_when_wording_changes(app, tmp_path):
    first = survey_files.load_file(write(tmp_path, survey()))
    changed = survey_files.load_file(write(tmp_path, survey().replace("safe?", "safe here?")))
    assert len(survey_files.register_versions([first])) == 1
    new = survey_files.register_versions([first, changed, changed])
    assert [v.content_hash for v in new] == [changed.content_hash]
    rows = db.session.scalars(select(SurveyVersion).order_by(SurveyVersion.id)).all()
    texts = [row.definition["questions"][0]["text"] for row in rows]
    assert texts == ["Do you feel safe?", "Do you feel safe here?"]


def test_register_versions_db_leaves_the_commit_to_the_caller(app):
    survey_files.register_versions(survey_files.load_directory(SURVEY_DIR))
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(SurveyVersion)) == 0


def test_cli_validate_shipped_files(runner):
    result = runner.invoke(args=["surveys", "validate"])
    assert result.exit_code == 0, result.output
    assert f"{len(SHIPPED)} survey file(s) are valid" in result.stdout


def test_cli_validate_reports_problem_lines(runner, tmp_path):
    good = write(tmp_path, survey(), "good.yaml")
    broken = survey(SAFE + "    show_if: {question: q9, equals: no}\n", id="other")
    bad = write(tmp_path, broken, "bad.yaml")
    result = runner.invoke(args=["surveys", "validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bad}: safe: show_if refers to unknown question 'q9'",
        "1 problem(s) in 2 file(s)",
    ]


def test_cli_load_records_versions_once(app, runner, tmp_path):
    for name in SHIPPED:
        shutil.copy(SURVEY_DIR / name, tmp_path / name)
    app.config["COPROD_SURVEY_DIR"] = str(tmp_path)
    result = runner.invoke(args=["surveys", "load"])
    assert result.exit_code == 0, result.output
    n = len(SHIPPED)
    assert f"{n} survey file(s) checked, {n} new version(s) recorded" in result.stdout
    result = runner.invoke(args=["surveys", "load"])
    assert f"{n} survey file(s) checked, 0 new version(s) recorded" in result.stdout
    db.session.rollback()  # the command committed; nothing is left pending here
    assert db.session.scalar(select(func.count()).select_from(SurveyVersion)) == n


def test_cli_load_refuses_files_with_problems(app, runner, tmp_path):
    write(tmp_path, survey(), "good.yaml")
    bad = write(tmp_path, survey(id="other", title=""), "bad.yaml")
    app.config["COPROD_SURVEY_DIR"] = str(tmp_path)
    result = runner.invoke(args=["surveys", "load"])
    assert result.exit_code == 1
    assert f"{bad}: -: title is empty" in result.stderr.splitlines()
    assert "nothing was loaded" in result.stderr
    assert db.session.scalar(select(func.count()).select_from(SurveyVersion)) == 0


def test_a_report_is_read_into_the_definition(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(survey(SAFE + "    report: {concern: sexual_harm, values: [yes]}\n"))
    question = survey_files.load_file(path).question("safe")
    assert question.report.concern == "sexual_harm" and question.report.values == ("yes",)


def test_each_shipped_sexual_safety_survey_marks_its_harm_question_as_a_report():
    definitions = survey_files.load_directory(SURVEY_DIR)
    sexual = [d for d in definitions if d.sexual_safety]
    assert len(sexual) == 4
    for definition in sexual:
        reports = [q for q in definition.questions if q.report is not None]
        assert [(q.report.concern, q.report.values) for q in reports] == [("sexual_harm", ("yes",))]
