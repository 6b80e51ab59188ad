"""Where to get help: the end page tells patients and staff the right places, the trust's
own first and the national ones always, and says truly what happens to a flagged answer."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import AuditEvent, Role, Trust, WardSurvey
from coprod.services import devices, signposting, survey_files
from tests.factories import make_org, make_user, post_form, sign_in
from tests.respondent import CSRF, TOKEN, answer, enrol, start, submit

DISCLOSURE = "He keeps touching me and I want it to stop"


@pytest.fixture
def ward(app):
    survey_files.register_versions(survey_files.load_directory(app.config["COPROD_SURVEY_DIR"]))
    _trust, _site, ward = make_org("RX1")
    surveys = (
        "ward-weather",
        "patient-sexual-safety",
        "patient-ward-climate",
        "staff-ward-climate",
    )
    for survey in surveys:
        devices.open_survey(ward, survey, actor=None)
    db.session.commit()
    return ward


@pytest.fixture
def admin(app, ward):
    staff = app.test_client()
    sign_in(staff, make_user(Role.ADMIN, [ward.site.trust]).email)
    return staff


def _set(admin, ward, **boxes):
    url = f"/admin/trusts/{ward.site.trust_id}/support"
    return post_form(admin, url, {f"{k}_contacts": v for k, v in boxes.items()})


def _end_page(client, ward, survey="ward-weather", text=None, variant="standard") -> str:
    enrol(client, ward)
    token = start(client, survey=survey, variant=variant)
    if survey == "ward-weather":
        answer(client, token, "weather", "calm")
        if text:
            answer(client, token, "weather_why", text)
    else:
        answer(client, token, "team_works_well", "agree")
    return submit(client, token).get_data(as_text=True)


def test_a_trusts_own_contacts_come_first_and_the_national_ones_stay(client, admin, ward):
    saved = _set(
        admin,
        ward,
        patient="Ward advocate | Ask staff to call the advocacy service | 0123 456 7890",
        staff="Freedom to Speak Up Guardian | Raise a concern in confidence | 0123 456 7891",
    )
    assert saved.status_code == 302
    done = _end_page(client, ward)
    assert done.index("Ward advocate") < done.index("Samaritans") < done.index("0808 500 2222")
    assert "In an emergency, call 999" in done and "NHS 111" in done
    assert "Freedom to Speak Up Guardian | " not in done and "0123 456 7891" not in done
    # On the ward tablet there is nothing to tap to call; the numbers are written out.
    assert 'href="tel:' not in done and "0123 456 7890" in done


def test_staff_surveys_end_with_staff_contacts(client, admin, ward):
    _set(admin, ward, patient="Ward advocate | For patients", staff="Occupational health | 0800")
    done = _end_page(client, ward, survey="staff-ward-climate")
    assert "Occupational health" in done and "Ward advocate" not in done
    assert "Freedom to Speak Up Guardian" in done and "Shout" in done
    assert "nurse, doctor, advocate" not in done
    assert "Samaritans: 116 123" in done and "In an emergency, call 999" in done


def test_on_a_phone_the_numbers_can_be_tapped_to_call(app, admin, ward):
    _set(admin, ward, patient="Ward advocate | Ask for the advocate | 0123 456 7890")
    phone = app.test_client()
    link = db.session.scalar(select(WardSurvey).where(WardSurvey.survey_id == "ward-weather"))
    page = phone.get(f"/s/{link.link_code}").get_data(as_text=True)
    started = phone.post(f"/s/{link.link_code}", data={"csrf_token": CSRF.search(page).group(1)})
    token = TOKEN.search(started.headers["Location"]).group(1)
    answer(phone, token, "weather", "calm")
    done = submit(phone, token).get_data(as_text=True)
    assert '<a class="coprod-call" href="tel:01234567890">Call 0123 456 7890</a>' in done
    assert 'href="tel:116123"' in done and 'href="tel:999"' in done


@pytest.mark.parametrize(
    ("boxes", "message", "box"),
    [
        ({"patient": "Advocate | Ask | not a number"}, "write only a phone number", "patient"),
        ({"staff": "| no name"}, "write the contact&#39;s name", "staff"),
        ({"staff": "A | b | 0123 | extra"}, "at most two |", "staff"),
    ],
)
def test_a_refused_list_says_why_beside_its_box_and_changes_nothing(
    admin, ward, boxes, message, box
):
    _set(admin, ward, patient="Ward advocate | Ask staff", staff="Occupational health | Ask")
    before = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()))
    refused = _set(admin, ward, **{"patient": "Changed | x", "staff": "Changed | y", **boxes})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and message in page
    assert f'href="#{box}_contacts"' in page and f'id="{box}_contacts-error"' in page
    db.session.expire_all()
    trust = db.session.get(Trust, ward.site.trust_id)
    assert trust.support_contacts[0]["name"] == "Ward advocate"
    assert trust.staff_contacts[0]["name"] == "Occupational health"
    after = db.session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()))
    assert after == before


def test_a_trust_listing_a_national_service_does_not_show_it_twice(ward):
    trust = ward.site.trust
    trust.support_contacts = [{"name": "Samaritans", "detail": "Call us", "phone": "116 123"}]
    shown = [c["name"] for c in signposting.contacts_for(trust, "patient")]
    assert shown.count("Samaritans") == 1 and "Samaritans: 116 123" not in shown
    assert "In an emergency, call 999" in shown


def test_a_flagged_end_page_says_who_reads_it_and_how_soon(client, app, ward):
    make_user(Role.SAFEGUARDING, [ward.site.trust])
    done = _end_page(client, ward, text=DISCLOSURE)
    hours = max(v for k, v in app.config["COPROD_SAFEGUARDING_DUE_HOURS"].items() if k != "other")
    assert "Thank you for telling us" in done
    trust = ward.site.trust.name
    assert f"A safeguarding lead at {trust} will read your answers within {hours} hours" in done
    assert "will not know the answers came from you" in done
    assert "will be told" not in done


def test_a_flagged_end_page_promises_nothing_when_the_trust_has_no_lead(client, ward):
    done = _end_page(client, ward, text=DISCLOSURE)
    assert "Thank you for telling us" in done
    assert "nobody reads them straight away" in done and "will read" not in done


def test_the_easy_read_end_page_and_contacts_are_easy_read(client, ward):
    make_user(Role.SAFEGUARDING, [ward.site.trust])
    done = _end_page(client, ward, text=DISCLOSURE, variant="easy_read")
    assert "A safeguarding worker will read your answers in the next" in done
    assert "Call 999 in an emergency" in done and "NHS 111, then press 2" in done
    assert "any time, day or night" not in done  # the standard wording


def test_the_intro_says_who_may_read_the_answers(client, ward):
    enrol(client, ward)
    token = start(client, survey="patient-sexual-safety")
    without_leads = client.get(f"/r/{token}").get_data(as_text=True)
    assert "safeguarding lead" not in without_leads
    make_user(Role.SAFEGUARDING, [ward.site.trust])
    # The trust reads every free-text answer to sexual-safety surveys (the default).
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert "A safeguarding lead at the trust reads what people write in this survey" in page
    climate = start(client, survey="patient-ward-climate")
    page = client.get(f"/r/{climate}").get_data(as_text=True)
    assert "If your answers suggest that someone may not be safe" in page
    easy = start(client, survey="patient-sexual-safety", variant="easy_read")
    page = client.get(f"/r/{easy}").get_data(as_text=True)
    assert "secret" not in page.lower()
    assert "A safeguarding worker reads what people write here" in page


def test_markup_in_a_trusts_contact_is_shown_as_text(client, admin, ward):
    _set(admin, ward, patient='<b>Advocate</b> | <meta http-equiv="refresh" content="0"> | 0123')
    done = _end_page(client, ward)
    assert "&lt;b&gt;Advocate&lt;/b&gt;" in done and 'content="0">' not in done
