"""`flask safeguarding`: screen exported comments, and deliver alerts waiting in the outbox."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from coprod.cli import fail

safeguarding_cli = AppGroup("safeguarding", help="Screen free text and deliver alerts.")


@safeguarding_cli.command("screen")
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(path_type=Path),
    help="CSV of answers to screen: id,text.",
)
@click.option(
    "--output",
    "output_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Where to write id,flagged,concerns,reasons (concerns and reasons split by ;).",
)
def safeguarding_screen(input_path, output_path):
    """Screen rows of free text for disclosures of harm; nothing is stored."""
    from coprod.screening import screen_all
    from coprod.screening.reasons import describe
    from coprod.themes import ThemesError
    from coprod.themes.csvio import read_rows, write_rows

    try:
        rows = read_rows(input_path)
    except ThemesError as exc:
        fail(str(exc))
    if output_path.resolve() == input_path.resolve():
        fail("--output must not be the input file")
    results = list(zip(rows, screen_all([row.text for row in rows]), strict=True))
    written = write_rows(
        output_path,
        ["id", "flagged", "concerns", "reasons"],
        (
            [
                row.id,
                "yes" if found.flagged else "no",
                ";".join(sorted(c.value for c in found.concerns)),
                ";".join(describe(name) for name in found.matched_rules),
            ]
            for row, found in results
        ),
    )
    flagged = sum(found.flagged for _, found in results)
    click.echo(f"Screened {written} answer(s): {flagged} flagged; written to {output_path}")


@safeguarding_cli.command("send-alerts")
def safeguarding_send_alerts():
    """Deliver alerts waiting in the outbox, retrying those that failed before."""
    from coprod.mail import deliver_alerts

    if not current_app.config.get("MAIL_SERVER"):
        click.echo("E-mail is not set up (MAIL_SERVER); alerts stay in the outbox.", err=True)
    result = deliver_alerts(current_app._get_current_object())
    click.echo(f"Sent {result.sent}, failed {result.failed}, waiting {result.waiting}")
