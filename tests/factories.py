"""Builders for test data, made through the same services the app uses."""

from __future__ import annotations

import re
from datetime import date
from itertools import count

from sqlalchemy import select

from coprod.extensions import db
from coprod.models import (
    Answer,
    Response,
    Role,
    SafeguardingItem,
    Site,
    SurveyVersion,
    Trust,
    User,
    Ward,
    WardType,
)
from coprod.models.base import utcnow
from coprod.services import accounts, org

PASSWORD = "correct horse battery staple"
_seq = count(1)


def make_trust(code: str | None = None, name: str | None = None) -> Trust:
    """Add and commit a trust."""
    n = next(_seq)
    trust = org.create_trust(code=code or f"T{n}", name=name or f"Trust {n}", actor=None)
    db.session.commit()
    return trust


def make_site(trust: Trust, name: str | None = None) -> Site:
    """Add and commit a site of a trust."""
    site = org.create_site(trust, name=name or f"Site {next(_seq)}", actor=None)
    db.session.commit()
    return site


def make_ward(site: Site, code: str | None = None, ward_type=WardType.ACUTE_ADULT) -> Ward:
    """Add and commit a ward on a site."""
    n = next(_seq)
    ward = org.create_ward(
        site, code=code or f"W{n}", name=f"Ward {n}", ward_type=ward_type, actor=None
    )
    db.session.commit()
    return ward


def make_user(
    role: Role = Role.FACILITATOR,
    trusts: list[Trust] | None = None,
    email: str | None = None,
    password: str = PASSWORD,
) -> User:
    """Add and commit an account; a trust is made for it if none is given."""
    user = accounts.create_user(
        email=email or f"person{next(_seq)}@example.nhs.uk",
        password=password,
        role=role,
        trusts=trusts or [make_trust()],
    )
    db.session.commit()
    return user


def make_surveyed_ward(
    survey_dir: str, code: str = "RX1", surveys: tuple[str, ...] = ("ward-weather",)
) -> Ward:
    """Record the shipped survey files and add a trust whose ward has these surveys open."""
    from coprod.services import devices, survey_files

    survey_files.register_versions(survey_files.load_directory(survey_dir))
    _trust, _site, ward = make_org(code)
    for survey in surveys:
        devices.open_survey(ward, survey, actor=None)
    db.session.commit()
    return ward


def make_org(code: str) -> tuple[Trust, Site, Ward]:
    """Add a trust with one site and one ward."""
    trust = make_trust(code)
    site = make_site(trust)
    ward = make_ward(site, code=f"{code}-W1")
    return trust, site, ward


CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def csrf_token(client, url: str) -> str:
    """Fetch a page and return the CSRF token of its form."""
    response = client.get(url)
    found = CSRF.search(response.get_data(as_text=True))
    assert found, f"no CSRF token on {url} (status {response.status_code})"
    return found.group(1)


def post_form(client, url: str, data: dict, token_from: str | None = None):
    """Submit a form as a browser would: fetch its page for the token, then post."""
    payload = {"csrf_token": csrf_token(client, token_from or url), **data}
    return client.post(url, data=payload)


def sign_in(client, email: str, password: str = PASSWORD):
    """Sign in through the login form and return the response."""
    return post_form(client, "/login", {"email": email, "password": password})


def make_answer(
    ward: Ward, text: str | None, question_id: str = "safer", version: SurveyVersion | None = None
) -> Answer:
    """Add and commit a submitted response on ward with one free-text answer (to a made-up
    survey unless a recorded version is given)."""
    version = version or db.session.scalar(
        select(SurveyVersion).where(SurveyVersion.survey_id == "test")
    )
    if version is None:
        version = SurveyVersion(
            survey_id="test",
            content_hash=f"{next(_seq):064d}",
            title="Test survey",
            audience="patient",
            variant="standard",
            language="en",
            definition={},
        )
        db.session.add(version)
    response = Response(
        submission_key=f"key-{next(_seq)}",
        ward=ward,
        survey_version=version,
        audience="patient",
        variant="standard",
        language="en",
        mode="kiosk",
        helped=None,
        week=date(2026, 11, 16),
    )
    answer = Answer(question_id=question_id, text=text)
    response.answers.append(answer)
    db.session.add(response)
    db.session.commit()
    return answer


def make_item(ward: Ward, text: str) -> SafeguardingItem:
    """Add and commit a response with one free-text answer, flagged into the queue."""
    from coprod.screening import screen

    real = db.session.scalar(
        select(SurveyVersion).where(
            SurveyVersion.survey_id == "ward-weather", SurveyVersion.variant == "standard"
        )
    )
    answer = make_answer(ward, text, "weather_why", version=real)
    found = screen(text)
    item = SafeguardingItem(
        response_id=answer.response_id,
        trust_id=ward.site.trust_id,
        ward_id=ward.id,
        flagged=found.flagged,
        concerns=sorted(c.value for c in found.concerns),
        reasons=list(found.matched_rules),
        week=answer.response.week,
        raised_hour=utcnow().replace(minute=0, second=0, microsecond=0),
    )
    db.session.add(item)
    db.session.commit()
    return item


def make_choices(ward: Ward, version: SurveyVersion, week: date, answers: dict[str, str]):
    """Add (the caller commits) one submitted response on ward in week with these choices."""
    response = Response(
        submission_key=f"key-{next(_seq)}",
        ward=ward,
        survey_version=version,
        audience=version.audience,
        variant=version.variant,
        language=version.language,
        mode="kiosk",
        helped=None,
        week=week,
    )
    for question_id, choice in answers.items():
        response.answers.append(Answer(question_id=question_id, choice=choice))
    db.session.add(response)
    return response
