"""Setting up wards and accounts as an admin would: readable codes, links to copy, QR codes,
opening every survey at once, a first-sign-in password change and an audit log in words."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import unquote

import pytest
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import AuditEvent, Device, Role, User, WardSurvey
from coprod.services import accounts, audit, audit_words, codes, devices, survey_files
from tests.factories import (
    CSRF,
    make_org,
    make_user,
    post_form,
    sign_in,
)

LOOK_ALIKES = set("0oO1lIi_")
GROUPED = re.compile(rf"^[{codes.ALPHABET}]{{5}}(-[{codes.ALPHABET}]{{5}})+$")
NEW_PASSWORD = "my own quiet meadow words"
SURVEY_DIR = "surveys"


@pytest.fixture
def setup(app, client):
    """An admin named Alex Smith of trust RX1, signed in; the surveys are recorded."""
    survey_files.register_versions(survey_files.load_directory(SURVEY_DIR))
    trust, _site, ward = make_org("RX1")
    admin = make_user(Role.ADMIN, [trust], email="alex.smith@example.nhs.uk")
    admin.name = "Alex Smith"
    db.session.commit()
    sign_in(client, admin.email)
    return admin, trust, ward


def _open(client, ward, survey: str):
    url = f"/admin/wards/{ward.id}/tablets"
    return post_form(
        client, f"/admin/wards/{ward.id}/surveys", {"survey": survey, "action": "open"}, url
    )


def _row(ward, survey: str) -> WardSurvey:
    db.session.expire_all()
    return db.session.scalar(
        select(WardSurvey).where(WardSurvey.ward_id == ward.id, WardSurvey.survey_id == survey)
    )


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


# Readable codes


def test_new_codes_have_no_look_alikes_and_as_much_randomness_as_before():
    assert not LOOK_ALIKES & set(codes.ALPHABET)
    assert codes.bits(devices.LINK_CODE_LENGTH) >= 48  # secrets.token_urlsafe(6)
    assert codes.bits(devices.ENROL_CODE_LENGTH) >= 192  # secrets.token_urlsafe(24)
    made = {codes.new_code(devices.LINK_CODE_LENGTH) for _ in range(200)}
    assert len(made) == 200
    assert all(GROUPED.match(code) for code in made)


def test_a_personal_link_code_is_readable_and_matches_however_it_is_typed(client, setup):
    _admin, _trust, ward = setup
    _open(client, ward, "staff-ward-climate")
    code = _row(ward, "staff-ward-climate").link_code
    assert GROUPED.match(code) and len(code) == 11
    squeezed = code.replace("-", "")
    for typed in (code, code.upper(), squeezed, f"{squeezed[:5]} {squeezed[5:]}", f" {code} "):
        assert client.get(f"/s/{typed}").status_code == 200, typed
    assert client.get(f"/s/{squeezed[:-1]}").status_code == 404


def test_a_personal_link_code_made_before_still_works_exactly(client, setup):
    _admin, _trust, ward = setup
    _open(client, ward, "staff-ward-climate")
    row = _row(ward, "staff-ward-climate")
    row.link_code = "aB3_-x9Q"  # secrets.token_urlsafe(6), as made before
    db.session.commit()
    assert client.get("/s/aB3_-x9Q").status_code == 200
    assert client.get("/s/ab3_-x9q").status_code == 404


def _set_up_link(client, ward) -> str:
    url = f"/admin/wards/{ward.id}/tablets"
    response = post_form(client, url, {"label": "Lounge tablet"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    found = re.search(r'href="(http://localhost/tablet/enrol/([^"]+))"', page)
    assert found, "the set-up link is not a link"
    return found.group(2)


def test_a_set_up_code_is_readable_and_works_typed_in_capitals_with_spaces(app, client, setup):
    _admin, _trust, ward = setup
    code = _set_up_link(client, ward)
    assert GROUPED.match(code) and len(code.replace("-", "")) == devices.ENROL_CODE_LENGTH
    typed = code.upper().replace("-", " ")
    tablet = app.test_client()
    page = tablet.get(f"/tablet/enrol/{typed}").get_data(as_text=True)
    response = tablet.post(f"/tablet/enrol/{typed}", data={"csrf_token": CSRF.search(page)[1]})
    assert response.status_code == 302
    assert tablet.get("/tablet").status_code == 200
    db.session.expire_all()
    assert db.session.scalar(select(Device)).status == "active"


def test_a_set_up_code_made_before_still_works(app, setup):
    _admin, _trust, ward = setup
    old_code = "Ab-_" * 8  # secrets.token_urlsafe(24) is 32 such characters
    device, _new = devices.create_device(ward, label="Old tablet", actor=None)
    device.enrol_code_hash = hashlib.sha256(old_code.encode()).hexdigest()
    db.session.commit()
    enrolled, _secret = devices.enrol(old_code)
    assert enrolled.id == device.id


# Links to click and copy; the set-up QR code


def test_personal_links_are_links_with_a_copy_button_on_staff_surveys_only(client, setup):
    _admin, _trust, ward = setup
    for survey in ("staff-ward-climate", "patient-ward-climate"):
        _open(client, ward, survey)
    staff = _row(ward, "staff-ward-climate").link_code
    patient = _row(ward, "patient-ward-climate").link_code
    page = _page(client, f"/admin/wards/{ward.id}/tablets")
    assert f'href="http://localhost/s/{staff}"' in page
    assert f">http://localhost/s/{staff}</a>" in page  # the whole link, to read and select
    assert patient not in page
    assert "Not used: patients answer on the ward tablet" in page
    # The copy button is there for script to show; without script it stays hidden.
    assert re.search(r'<button[^>]*coprod-copy__button[^>]*type="button" hidden>Copy link', page)


def test_the_set_up_link_has_a_qr_code_of_exactly_it_and_a_copy_button(client, setup):
    _admin, _trust, ward = setup
    url = f"/admin/wards/{ward.id}/tablets"
    page = post_form(client, url, {"label": "Lounge tablet"}).get_data(as_text=True)
    link = re.search(r'href="(http://localhost/tablet/enrol/[^"]+)"', page)[1]
    assert f">{link}</a>" in page
    assert "Copy link" in page
    image = re.search(
        r'<img class="coprod-qr" src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', page
    )
    assert image, "no QR code image with a text alternative"
    assert "QR code of the set-up link for Lounge tablet" in image[2]
    svg = base64.b64decode(image[1]).decode()
    assert svg.lstrip().startswith(("<?xml", "<svg")) and "<path" in svg
    assert f"<title>{link}</title>" in unquote(svg).replace("&amp;", "&")


def test_the_printable_qr_code_of_a_personal_link_is_svg(client, setup):
    _admin, _trust, ward = setup
    _open(client, ward, "staff-ward-climate")
    row = _row(ward, "staff-ward-climate")
    response = client.get(f"/admin/links/{row.id}/qr.svg")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/svg+xml"
    assert f"http://localhost/s/{row.link_code}" in response.get_data(as_text=True)


# Open all, close all


def _surveys_open(ward) -> set[str]:
    db.session.expire_all()
    rows = db.session.scalars(select(WardSurvey).where(WardSurvey.ward_id == ward.id))
    return {row.survey_id for row in rows if row.is_open}


def test_open_all_and_close_all_each_survey_audited(client, setup):
    admin, _trust, ward = setup
    every = {d.id for d in survey_files.load_directory(SURVEY_DIR)}
    _open(client, ward, "ward-weather")
    url = f"/admin/wards/{ward.id}/tablets"
    page = _page(client, url)
    assert "Open all surveys" in page and "Close all" in page
    response = post_form(client, f"/admin/wards/{ward.id}/surveys/all", {"action": "open"}, url)
    assert response.status_code == 302
    assert _surveys_open(ward) == every
    assert f"Opened {len(every) - 1} surveys on {ward.name}." in _page(client, url)
    opened = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "survey.open", AuditEvent.actor_id == admin.id
        )
    ).all()
    assert sorted(e.detail["survey"] for e in opened) == sorted(every)  # one each, no repeats
    post_form(client, f"/admin/wards/{ward.id}/surveys/all", {"action": "close"}, url)
    assert _surveys_open(ward) == set()
    closed = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "survey.close")).all()
    assert sorted(e.detail["survey"] for e in closed) == sorted(every)
    assert {e.trust_id for e in opened + closed} == {ward.trust_id}


def test_open_all_needs_the_form_token(client, setup):
    _admin, _trust, ward = setup
    response = client.post(f"/admin/wards/{ward.id}/surveys/all", data={"action": "open"})
    assert response.status_code == 400
    assert _surveys_open(ward) == set()


def test_open_all_refuses_another_trusts_ward(client, setup):
    _admin, _trust, _ward = setup
    _other_trust, _site, other_ward = make_org("RX9")
    for action in ("open", "close"):
        response = post_form(
            client, f"/admin/wards/{other_ward.id}/surveys/all", {"action": action}, "/admin/"
        )
        assert response.status_code == 404
    assert _surveys_open(other_ward) == set()
    assert not db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.trust_id == other_ward.trust_id, AuditEvent.action.like("survey.%")
        )
    ).all()


def test_open_all_refuses_an_unknown_action(client, setup):
    _admin, _trust, ward = setup
    url = f"/admin/wards/{ward.id}/tablets"
    response = post_form(client, f"/admin/wards/{ward.id}/surveys/all", {"action": "shred"}, url)
    assert response.status_code == 400


# The first sign-in


def _new_account(client, trust, email="jo.bloggs@example.nhs.uk") -> User:
    response = post_form(
        client,
        "/admin/users/new",
        {
            "email": email,
            "name": "Jo Bloggs",
            "role": "facilitator",
            "trusts": str(trust.id),
            "password": "typed by the admin ok",
        },
    )
    assert response.status_code == 302
    return db.session.scalar(select(User).where(User.email == email))


def test_a_new_account_chooses_its_own_password_before_anything_else(app, client, setup):
    _admin, trust, _ward = setup
    user = _new_account(client, trust)
    assert user.must_change_password
    assert "Chooses a new password at next sign-in" in _page(client, "/admin/users")
    jo = app.test_client()
    response = sign_in(jo, user.email, "typed by the admin ok")
    assert response.status_code == 302
    for url in ("/home", "/admin/", "/safeguarding", "/"):
        response = jo.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].endswith("/account/password"), url
    page = _page(jo, "/account/password")
    assert "Choose your own password" in page
    assert "An admin set the password you signed in with" in page
    # The existing password rules apply.
    weak = post_form(
        jo,
        "/account/password",
        {"current_password": "typed by the admin ok", "new_password": "short"},
    )
    assert weak.status_code == 400
    assert "at least 12 characters" in weak.get_data(as_text=True)
    old_token = user.session_token
    response = post_form(
        jo,
        "/account/password",
        {"current_password": "typed by the admin ok", "new_password": NEW_PASSWORD},
    )
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert not user.must_change_password
    assert user.session_token != old_token  # the session id was rotated
    assert jo.get("/home").status_code == 200  # and this sign-in goes on
    assert sign_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 302


def test_sign_out_works_before_the_password_is_changed(app, client, setup):
    _admin, trust, _ward = setup
    user = _new_account(client, trust)
    jo = app.test_client()
    sign_in(jo, user.email, "typed by the admin ok")
    response = post_form(jo, "/logout", {}, token_from="/account/password")
    assert response.status_code == 302
    assert "/account/password" not in response.headers["Location"]
    assert jo.get("/home").status_code == 302  # signed out: to the sign-in page
    assert "/login" in jo.get("/home").headers["Location"]


def test_an_admin_reset_asks_again_but_a_persons_own_change_does_not(app, client, setup):
    _admin, trust, _ward = setup
    person = make_user(Role.FACILITATOR, [trust])
    assert not person.must_change_password  # made at the command line or in tests
    response = post_form(
        client, f"/admin/users/{person.id}/password", {"password": "reset by the admin ok"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, person.id).must_change_password
    other = app.test_client()
    sign_in(other, person.email, "reset by the admin ok")
    assert other.get("/home").headers["Location"].endswith("/account/password")


def test_demo_accounts_sign_in_without_a_change(app, client):
    from coprod.demo import DEMO_LOGINS, seed_demo

    seed_demo()
    db.session.commit()
    for email, password, _role, _name in DEMO_LOGINS:
        person = app.test_client()
        assert sign_in(person, email, password).status_code == 302
        assert "/account/password" not in person.get("/home").headers.get("Location", ""), email
        assert not accounts.find_user(email).must_change_password


# The audit log in words


def test_the_audit_log_reads_in_plain_words(client, setup):
    _admin, trust, ward = setup
    _new_account(client, trust)
    _open(client, ward, "patient-ward-climate")
    url = f"/admin/wards/{ward.id}/tablets"
    post_form(client, url, {"label": "Lounge tablet"})
    post_form(
        client,
        f"/admin/wards/{ward.id}/surveys",
        {"survey": "patient-ward-climate", "action": "close"},
        url,
    )
    page = _page(client, "/admin/audit")
    assert (
        "Alex Smith created the account for jo.bloggs@example.nhs.uk (facilitator) in RX1" in page
    )
    assert f"Alex Smith opened the survey \u2018Life on the ward\u2019 on {ward.name}" in page
    assert f"Alex Smith closed the survey \u2018Life on the ward\u2019 on {ward.name}" in page
    assert (
        f"Alex Smith made a set-up link for the tablet \u2018Lounge tablet\u2019 on {ward.name}"
        in page
    )
    assert "Alex Smith signed in" in page
    assert "wardsurvey " not in page


@pytest.mark.parametrize(
    ("action", "detail", "words"),
    [
        ("export.csv", {"rows": 3}, "did \u201cexport.csv\u201d to trust"),
        ("login.failure", {"reason": "password"}, "Failed sign-in as"),
        ("trust.update", {"before": "Old", "after": "New"}, "renamed the trust Old to New"),
    ],
)
def test_every_code_reads_as_a_sentence_unknown_ones_too(app, action, detail, words):
    trust, _site, _ward = make_org("RX5")
    user = make_user(Role.ADMIN, [trust])
    event = audit.record(user, action, trust, trust_id=trust.id, **detail)
    db.session.commit()
    [entry] = audit_words.describe([event])
    assert words in entry.text


def test_changes_are_said_as_before_and_after(client, setup):
    _admin, trust, ward = setup
    user = _new_account(client, trust)
    post_form(
        client,
        f"/admin/users/{user.id}",
        {"name": "Jo Bloggs", "role": "safeguarding", "trusts": str(trust.id), "enabled": "no"},
    )
    post_form(
        client,
        f"/admin/wards/{ward.id}/edit",
        {"name": "Oak ward", "ward_type": "picu", "is_active": "yes"},
    )
    page = _page(client, "/admin/audit")
    assert (
        "changed the account for jo.bloggs@example.nhs.uk: role facilitator \u2192 safeguarding "
        "lead; can sign in yes \u2192 no"
    ) in page
    assert "changed the ward Oak ward: name" in page
    assert "type Acute adult \u2192 Psychiatric intensive care (PICU)" in page
