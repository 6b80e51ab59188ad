"""`flask spc`: an XmR chart of any `date,value` series, by the Making Data Count rules."""

from __future__ import annotations

import sys
from datetime import date

import click

from coprod.spc import IMPROVEMENTS, SeriesError, SpcError, read_series, write_chart, xmr


def _date(_ctx, _param, values: tuple[str, ...]) -> list[date]:
    days = []
    for value in values:
        try:
            days.append(date.fromisoformat(value))
        except ValueError as exc:
            raise click.BadParameter(f"{value!r} is not a date like 2026-03-02") from exc
    return days


@click.command("spc")
@click.option("--input", "source", required=True, type=click.File("r", encoding="utf-8-sig"))
@click.option("--output", "target_file", required=True, type=click.File("w", encoding="utf-8"))
@click.option(
    "--improvement",
    type=click.Choice(IMPROVEMENTS),
    default="increase",
    show_default=True,
    help="Which way is better; neutral for a measure with no better direction.",
)
@click.option("--target", type=float, default=None, help="A target, for the assurance line.")
@click.option(
    "--rebase",
    multiple=True,
    callback=_date,
    help="A date a change was made: limits are worked out afresh from the first point on or "
    "after it. May be given more than once.",
)
@click.option(
    "--no-screen",
    is_flag=True,
    help="Keep every moving range (by default those 3.267 times their mean or more are left out).",
)
def spc_command(source, target_file, improvement, target, rebase, no_screen):
    """Chart the series in --input and write one row per point to --output; print the
    latest point's variation and the assurance of --target."""
    try:
        rows = read_series(source)
        chart = xmr(
            [r["date"] for r in rows],
            [r["value"] for r in rows],
            improvement=improvement,
            target=target,
            rebase=rebase,
            screen=not no_screen,
        )
    except SeriesError as exc:
        for problem in exc.problems:
            click.echo(f"{source.name}: {problem}", err=True)
        sys.exit(1)
    except SpcError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    write_chart(chart, target_file)
    click.echo(f"variation: {chart.variation}")
    click.echo(f"assurance: {chart.assurance}")
    trial = [p for p in chart.points if p.trial]
    if trial:
        click.echo(
            f"{len(trial)} points are in groups of fewer than 12: their limits are trial limits",
            err=True,
        )
