"""Demo data for a newcomer: `flask seed-demo` builds it, and running it again changes nothing."""

from __future__ import annotations

import logging
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from coprod.demo_measures import seed_improvement
from coprod.demo_responses import seed_responses
from coprod.extensions import db
from coprod.models import Role, Site, Trust, Ward, WardSurvey, WardType
from coprod.services import accounts, devices, org

logger = logging.getLogger(__name__)

DEMO_TRUST = ("DEMO", "Demo Mental Health NHS Foundation Trust")
DEMO_SITES = {
    "Riverside Hospital": [
        ("DEMO-W1", "Willow Ward", WardType.ACUTE_ADULT),
        ("DEMO-W2", "Cedar Ward", WardType.ACUTE_ADULT),
        ("DEMO-W3", "Oak Ward", WardType.PICU),
    ],
    "Hillview Unit": [
        ("DEMO-W4", "Heather Ward", WardType.LD_AUTISM),
        ("DEMO-W5", "Bracken Ward", WardType.OLDER_ADULT),
        ("DEMO-W6", "Linden Ward", WardType.FORENSIC_SECURE),
    ],
}
# Fixed so the README can name them; seed-demo refuses to run in production.
DEMO_LOGINS = [
    ("admin@demo.example.org", "demo-oak-river-lamp", Role.ADMIN, "Demo Admin"),
    (
        "facilitator@demo.example.org",
        "demo-willow-kite-moss",
        Role.FACILITATOR,
        "Demo Facilitator",
    ),
    (
        "safeguarding@demo.example.org",
        "demo-cedar-bell-fern",
        Role.SAFEGUARDING,
        "Demo Safeguarding Lead",
    ),
]


def seed_demo() -> Trust:
    """Create the demo trust, sites, wards, accounts and survey versions if missing."""
    code, name = DEMO_TRUST
    trust = db.session.scalar(select(Trust).where(Trust.code == code))
    if trust is None:
        trust = org.create_trust(code=code, name=name, actor=None)
    for site_name, wards in DEMO_SITES.items():
        site = db.session.scalar(
            select(Site).where(Site.trust_id == trust.id, Site.name == site_name)
        )
        if site is None:
            site = org.create_site(trust, name=site_name, actor=None)
        for ward_code, ward_name, ward_type in wards:
            if db.session.scalar(select(Ward).where(Ward.code == ward_code)) is None:
                org.create_ward(
                    site, code=ward_code, name=ward_name, ward_type=ward_type, actor=None
                )
    for email, password, role, person in DEMO_LOGINS:
        if accounts.find_user(email) is None:
            accounts.create_user(
                email=email, password=password, role=role, trusts=[trust], name=person
            )
    survey_ids = _register_surveys()
    wards = [ward for site in trust.sites for ward in site.wards]
    for ward in wards:
        for survey_id in survey_ids:
            if not db.session.scalar(
                select(WardSurvey).where(
                    WardSurvey.ward_id == ward.id, WardSurvey.survey_id == survey_id
                )
            ):
                devices.open_survey(ward, survey_id, actor=None)
    seed_responses(wards)
    seed_improvement(trust)
    return trust


def _register_surveys() -> list[str]:
    from coprod.services import survey_files

    definitions = survey_files.load_directory(current_app.config["COPROD_SURVEY_DIR"])
    survey_files.register_versions(definitions)
    return sorted({d.id for d in definitions})


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Add demo data (a demo trust with wards and logins); safe to run again."""
    if current_app.config.get("PRODUCTION"):
        click.echo("Error: seed-demo is for development and demos, not production", err=True)
        sys.exit(1)
    try:
        trust = seed_demo()
        db.session.commit()
    except Exception as exc:
        db.session.rollback()
        click.echo(f"Error: could not add demo data: {exc}", err=True)
        sys.exit(1)
    from coprod.services import themes

    coded = 0
    while done := themes.code_pending(limit=1000):
        db.session.commit()
        coded += done
    wards = sum(len(s.wards) for s in trust.sites)
    click.echo(
        f"Demo data ready: {trust.name} ({trust.code}), {wards} wards; "
        f"{coded} free-text answers coded by theme."
    )
    click.echo("Ward tablet: run `flask devices enrol --ward DEMO-W1` and open the link it prints.")
    click.echo("Demo logins (development only):")
    for email, password, role, _person in DEMO_LOGINS:
        click.echo(f"  {role.label:<18} {email}  password: {password}")
