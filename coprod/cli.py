"""Command-line tools for accounts, trusts and survey files; seed-demo lives in demo.py,
`flask themes` in cli_themes.py, `flask safeguarding` in cli_safeguarding.py, `flask spc`
in cli_spc.py."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from coprod.extensions import db
from coprod.services import accounts, org
from coprod.services.accounts import AccountError
from coprod.services.org import OrgError

users_cli = AppGroup("users", help="Manage staff accounts.")
trusts_cli = AppGroup("trusts", help="Manage trusts.")
surveys_cli = AppGroup("surveys", help="Check and load survey files.")
devices_cli = AppGroup("devices", help="Set up ward tablets.")


def init_app(app: Flask) -> None:
    """Register the command groups on the app."""
    from coprod.cli_safeguarding import safeguarding_cli
    from coprod.cli_spc import spc_command
    from coprod.cli_themes import themes_cli
    from coprod.demo import seed_demo_command

    app.cli.add_command(users_cli)
    app.cli.add_command(trusts_cli)
    app.cli.add_command(surveys_cli)
    app.cli.add_command(devices_cli)
    app.cli.add_command(themes_cli)
    app.cli.add_command(safeguarding_cli)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(spc_command)


def fail(message: str) -> None:
    """Roll back, print the reason on stderr and exit with status 1."""
    db.session.rollback()
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@users_cli.command("create")
@click.option(
    "--email", required=True, help="The person's work e-mail address; they sign in with it."
)
@click.option(
    "--password",
    required=True,
    help="At least 12 characters; three or four random words work well.",
)
@click.option(
    "--role",
    required=True,
    help="admin (manages its trusts' sites, wards, users), network_admin (an admin who also "
    "adds trusts), facilitator (dashboards) or safeguarding (safeguarding lead: sees "
    "unredacted free text).",
)
@click.option(
    "--trust",
    "trust_codes",
    required=True,
    multiple=True,
    help="Code of a trust the account may see; repeat for several trusts.",
)
@click.option("--name", default="", help="The person's name, shown in the audit log.")
def users_create(email, password, role, trust_codes, name):
    """Create a staff account scoped to one or more trusts."""
    try:
        parsed_role = accounts.parse_role(role)
        trusts = accounts.trusts_by_code(trust_codes)
        user = accounts.create_user(
            email=email, password=password, role=parsed_role, trusts=trusts, name=name
        )
        db.session.commit()
    except AccountError as exc:
        fail(str(exc))
    click.echo(
        f"Created {user.role.label.lower()} {user.email} for {', '.join(t.code for t in trusts)}"
    )


@trusts_cli.command("create")
@click.option("--code", required=True, help="Short code, letters, digits and hyphens, e.g. RX1.")
@click.option("--name", required=True, help="The trust's full name.")
def trusts_create(code, name):
    """Create a trust, so that accounts and wards can be added to it."""
    try:
        trust = org.create_trust(code=code, name=name, actor=None)
        db.session.commit()
    except OrgError as exc:
        fail(str(exc))
    click.echo(f"Created trust {trust.code}: {trust.name}")


@surveys_cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def surveys_validate(files):
    """Check survey files (default: every file in the survey folder).

    Prints one `file: question: problem` line per problem and exits 1 if there are any.
    """
    from coprod.services import survey_files

    paths = list(files) or survey_files.default_paths(current_app.config["COPROD_SURVEY_DIR"])
    if not paths:
        fail(f"No survey files found in {current_app.config['COPROD_SURVEY_DIR']}")
    problems = survey_files.validate_paths(paths)
    for line in problems:
        click.echo(line, err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {len(paths)} file(s)", err=True)
        sys.exit(1)
    click.echo(f"{len(paths)} survey file(s) are valid")


@surveys_cli.command("load")
def surveys_load():
    """Validate every survey file and record any new version in the database."""
    from coprod.services import survey_files

    try:
        definitions = survey_files.load_directory(current_app.config["COPROD_SURVEY_DIR"])
    except survey_files.SurveyFileError as exc:
        for line in exc.problems:
            click.echo(line, err=True)
        fail("survey files have problems; nothing was loaded")
    new = survey_files.register_versions(definitions)
    db.session.commit()
    click.echo(f"{len(definitions)} survey file(s) checked, {len(new)} new version(s) recorded")


@devices_cli.command("enrol")
@click.option("--ward", "ward_code", required=True, help="Code of the ward, e.g. DEMO-W1.")
@click.option("--label", default="", help="A name for the tablet, e.g. 'Lounge tablet'.")
def devices_enrol(ward_code, label):
    """Print a one-time link that makes the browser that opens it this ward's tablet."""
    from sqlalchemy import select

    from coprod.models import Ward
    from coprod.services import devices

    ward = db.session.scalar(select(Ward).where(Ward.code == ward_code.strip().upper()))
    if ward is None:
        fail(f"Unknown ward code: {ward_code}")
    _device, code = devices.create_device(ward, label=label, actor=None)
    db.session.commit()
    base = current_app.config["COPROD_BASE_URL"]
    click.echo(f"Open this link on the tablet for {ward.name} within 24 hours (it works once):")
    click.echo(f"{base}/tablet/enrol/{code}")
