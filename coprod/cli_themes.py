"""`flask themes`: check the codebook, train a model, code CSV files and stored answers."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from coprod.cli import fail
from coprod.extensions import db

themes_cli = AppGroup("themes", help="Code free text by theme, with sentiment.")


def _engine(model_path: Path | None):
    from coprod.themes import CodebookError, Engine, ThemeModel, ThemesError, load

    try:
        book = load(current_app.config["COPROD_CODEBOOK"])
        model = ThemeModel.load(model_path) if model_path else None
    except CodebookError as exc:
        for line in exc.problems:
            click.echo(line, err=True)
        fail("the codebook has problems")
    except ThemesError as exc:
        fail(str(exc))
    return Engine(book, model=model)


@themes_cli.command("validate")
@click.argument("file", required=False, type=click.Path(path_type=Path))
def themes_validate(file):
    """Check a codebook file (default: the one in use): one `file: theme: problem` line each."""
    from coprod.themes import CodebookError, load

    try:
        book = load(file or current_app.config["COPROD_CODEBOOK"])
    except CodebookError as exc:
        for line in exc.problems:
            click.echo(line, err=True)
        sys.exit(1)
    phrases = sum(len(t.phrases) for t in book.themes.values())
    click.echo(f"codebook {book.version}: {len(book.themes)} themes, {phrases} phrases, valid")


@themes_cli.command("train")
@click.option(
    "--examples",
    "examples",
    required=True,
    type=click.Path(path_type=Path),
    help="CSV of labelled answers: id,text,themes,sentiment (themes split by ;).",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="Where to write the model (.npz).",
)
@click.option(
    "--corrections/--no-corrections",
    default=True,
    show_default=True,
    help="Also learn from facilitators' corrections stored in the database.",
)
def themes_train(examples, out, corrections):
    """Learn a model from labelled answers, the codebook's examples and corrections."""
    from coprod.services import themes as theme_service
    from coprod.themes import ThemesError
    from coprod.themes.csvio import read_rows

    engine = _engine(None)
    try:
        rows = read_rows(examples, labelled=True, known_themes=engine.codebook.ids())
    except ThemesError as exc:
        fail(str(exc))
    labelled = [(r.text, r.themes, r.sentiment) for r in rows]
    if corrections:
        try:
            labelled += theme_service.training_rows()
        except SQLAlchemyError:
            fail(
                "cannot read facilitators' corrections: is the database set up "
                "(flask db upgrade)? Use --no-corrections to train without them"
            )
    if not out.parent.is_dir():
        fail(f"{out.parent} is not a folder")
    model = engine.train(labelled)
    model.save(out)
    learned = ", ".join(model.themes) or "none"
    click.echo(
        f"Trained on {len(labelled)} answers (codebook {engine.codebook.version}); "
        f"themes learned: {learned}"
    )
    click.echo(f"Model written to {out}")


@themes_cli.command("code")
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(path_type=Path),
    help="CSV of answers to code: id,text.",
)
@click.option(
    "--output",
    "output_path",
    required=True,
    type=click.Path(path_type=Path),
    help="CSV to write: id,themes,sentiment.",
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(path_type=Path),
    help="A model from `flask themes train`; without it, the codebook alone.",
)
def themes_code(input_path, output_path, model_path):
    """Code answers in a CSV file by theme and sentiment."""
    from coprod.themes import ThemesError
    from coprod.themes.csvio import read_rows, write_rows

    engine = _engine(model_path)
    try:
        rows = read_rows(input_path)
    except ThemesError as exc:
        fail(str(exc))
    if output_path.resolve() == input_path.resolve():
        fail("--output must not be the input file")
    codings = list(engine.code_many(r.text for r in rows))
    for row, coding in zip(rows, codings, strict=True):
        if coding.problem:
            click.echo(
                f"row {row.row}: {coding.problem.replace('_', ' ')}; "
                + (
                    "coded from its first 10,000 characters"
                    if coding.problem == "too_long"
                    else "no themes"
                ),
                err=True,
            )
    written = write_rows(
        output_path,
        ["id", "themes", "sentiment"],
        (
            [r.id, ";".join(sorted(c.themes)), c.sentiment]
            for r, c in zip(rows, codings, strict=True)
        ),
    )
    click.echo(
        f"Coded {written} answers into {output_path} (codebook {engine.codebook.version}"
        + (", with model)" if model_path else ", no model)")
    )


@themes_cli.command("update")
@click.option("--batch", default=500, show_default=True, type=click.IntRange(1, 10_000))
def themes_update(batch):
    """Code stored survey answers that are new or were coded by an older codebook or model."""
    from coprod.services import themes as theme_service

    engine = theme_service.engine_for()
    removed = theme_service.forget_removed()
    total = 0
    while True:
        done = theme_service.code_pending(engine, limit=batch)
        db.session.commit()
        total += done
        if done < batch:
            break
    click.echo(
        f"Coded {total} answer(s) with {engine.version}; "
        f"dropped {removed} coding(s) of deleted text"
    )
