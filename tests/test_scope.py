"""An account of one trust reaches nothing of another, on every route that takes an id.

When a route with an id is added, add it to ROUTES: the guard test below fails until then.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from coprod.config import BASE_DIR
from coprod.extensions import db
from coprod.models import Aim, ChangeIdea, IncidentSeries, Role, SafeguardingItem
from coprod.services import devices, survey_files
from tests.factories import make_item, make_org, make_user, post_form, sign_in

SURVEY_DIR = BASE_DIR / "surveys"

# endpoint -> (URL template, what the id refers to, form data for a POST)
ROUTES = {
    "admin_org.trust": ("/admin/trusts/{trust}", None),
    "admin_org.trust_edit": ("/admin/trusts/{trust}/edit", {"name": "Taken over"}),
    "admin_org.trust_support": (
        "/admin/trusts/{trust}/support",
        {"patient_contacts": "Taken | over"},
    ),
    "admin_org.trust_safeguarding": (
        "/admin/trusts/{trust}/safeguarding",
        {"read_free_text": "flagged"},
    ),
    "admin_org.site_new": ("/admin/trusts/{trust}/sites/new", {"name": "Sneaky site"}),
    "admin_org.site_edit": ("/admin/sites/{site}/edit", {"name": "Taken over"}),
    "admin_org.ward_new": (
        "/admin/sites/{site}/wards/new",
        {"code": "SNEAKY", "name": "Sneaky", "ward_type": "picu"},
    ),
    "admin_org.ward_edit": (
        "/admin/wards/{ward}/edit",
        {"name": "Taken over", "ward_type": "picu", "is_active": "no"},
    ),
    "admin_users.user_edit": (
        "/admin/users/{user}",
        {"role": "admin", "trusts": "{own_trust}", "enabled": "yes"},
    ),
    "admin_users.user_remove": ("/admin/users/{user}/remove", {}),
    "admin_users.user_password": (
        "/admin/users/{user}/password",
        {"password": "taken over now ok"},
    ),
    "admin_devices.ward": ("/admin/wards/{ward}/tablets", None),
    "admin_devices.add_tablet": ("/admin/wards/{ward}/tablets", {"label": "Sneaky tablet"}),
    "admin_devices.revoke_tablet": ("/admin/tablets/{device}/revoke", {}),
    "admin_devices.set_survey": (
        "/admin/wards/{ward}/surveys",
        {"survey": "ward-weather", "action": "open"},
    ),
    "admin_devices.set_all_surveys": ("/admin/wards/{ward}/surveys/all", {"action": "open"}),
    "dashboards.ward": ("/dashboards/wards/{ward}", None),
    "dashboards.site": ("/dashboards/sites/{site}?points=month", None),
    "dashboards.trust": ("/dashboards/trusts/{trust}", None),
    "dashboards.ward_export": ("/dashboards/wards/{ward}/export.csv", None),
    "dashboards.overview_export": ("/dashboards/export.csv?site={site}", None),
    "dashboards.changes": ("/dashboards/wards/{ward}/changes", None),
    "dashboards.change_new": (
        "/dashboards/wards/{ward}/changes/new",
        {"title": "Taken over", "started_on": "2026-06-01", "new_limits": "no"},
    ),
    "dashboards.change_edit": (
        "/dashboards/changes/{change_idea}/edit",
        {"title": "Taken over", "started_on": "2026-06-01", "new_limits": "no"},
    ),
    "dashboards.change_delete": ("/dashboards/changes/{change_idea}/delete", {}),
    "dashboards.note_new": (
        "/dashboards/changes/{change_idea}/notes/new",
        {"stage": "study", "noted_on": "2026-06-01", "text": "Taken over"},
    ),
    "dashboards.aim_set": (
        "/dashboards/wards/{ward}/aim?measure=survey:ward-weather:ward_calm",
        {
            "measure": "survey:ward-weather:ward_calm",
            "baseline_from": "2026-01-05",
            "baseline_to": "2026-03-30",
            "kind": "absolute",
            "value": "90",
        },
    ),
    "dashboards.aim_remove": ("/dashboards/aims/{aim}/remove", {}),
    "dashboards.incident_series": ("/dashboards/incidents/{series}", None),
    "dashboards.incident_delete": ("/dashboards/incidents/{series}/delete", {}),
    "dashboards.participation": ("/dashboards/wards/{ward}/participation", None),
    "dashboards.trust_participation": ("/dashboards/trusts/{trust}/participation", None),
    "dashboards.population_new": (
        "/dashboards/wards/{ward}/population/new",
        {"starts_on": "2026-11-02", "ends_on": "2026-11-29", "total": "20"},
    ),
    "dashboards.population_import": (
        "/dashboards/wards/{ward}/population/import",
        {"starts_on": "2026-11-02", "ends_on": "2026-11-29"},
    ),
    "admin_devices.qr_code": ("/admin/links/{ward_survey}/qr.svg", None),
}

# Routes of the safeguarding queue, checked with a safeguarding lead of trust A against an
# item of trust B.
SAFEGUARDING_ROUTES = {
    "safeguarding.item": (
        "/safeguarding/{item}",
        {"action": "close", "outcome": "no_action", "note": "Taken over"},
    ),
}

# Routes for respondents: reached by unguessable tokens or codes, not by accounts, and
# tested in tests/test_tablet.py (another tablet's draft, revoked tablets, closed links).
RESPONDENT_ROUTES = {
    "tablet.enrol",
    "tablet.personal_link",
    "respond.intro",
    "respond.question",
    "respond.check",
    "respond.submit",
    "respond.done",
    "respond.quick_exit",
    "respond.still_here",
    "respond.tap",
}


def test_every_route_with_an_id_is_checked_for_scope(app):
    with_ids = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.arguments and rule.endpoint != "static"
    }
    assert with_ids == set(ROUTES) | set(SAFEGUARDING_ROUTES) | RESPONDENT_ROUTES, (
        "add new routes with ids to ROUTES in tests/test_scope.py"
    )


@pytest.fixture
def two_trusts(client):
    """Sign in an admin of trust A; return ids of things in trust B."""
    trust_a, _site_a, _ward_a = make_org("AAA")
    trust_b, site_b, ward_b = make_org("BBB")
    user_b = make_user(Role.FACILITATOR, [trust_b])
    survey_files.register_versions(survey_files.load_directory(SURVEY_DIR))
    ward_survey = devices.open_survey(ward_b, "ward-weather", actor=None)
    device, _code = devices.create_device(ward_b, label="B tablet", actor=None)
    idea = ChangeIdea(ward=ward_b, title="B idea", started_on=date(2026, 6, 1))
    aim = Aim(
        ward=ward_b,
        measure_key="survey:ward-weather:ward_calm",
        baseline_from=date(2026, 1, 5),
        baseline_to=date(2026, 3, 30),
        kind="relative",
        value=10,
    )
    series = IncidentSeries(trust=trust_b, name="B restraints", kind="restraint")
    db.session.add_all([idea, aim, series])
    db.session.commit()
    admin_a = make_user(Role.ADMIN, [trust_a])
    sign_in(client, admin_a.email)
    return {
        "trust": trust_b.id,
        "site": site_b.id,
        "ward": ward_b.id,
        "user": user_b.id,
        "device": device.id,
        "ward_survey": ward_survey.id,
        "change_idea": idea.id,
        "aim": aim.id,
        "series": series.id,
        "own_trust": trust_a.id,
        "names": (trust_b.name, site_b.name, ward_b.name, user_b.email),
    }


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_admin_of_one_trust_gets_not_found_for_another(client, two_trusts, endpoint):
    template, form = ROUTES[endpoint]
    url = template.format(**two_trusts)
    response = client.get(url)
    # A POST-only route answers GET with 405 whether or not the object exists.
    assert response.status_code == (
        405 if form is not None and response.status_code == 405 else 404
    )
    page = response.get_data(as_text=True)
    for name in two_trusts["names"]:
        assert name not in page
    if form is not None:
        data = {k: v.format(**two_trusts) for k, v in form.items()}
        response = post_form(client, url, data, token_from="/admin/")
        assert response.status_code == 404


def test_lists_show_only_own_trusts(client, two_trusts):
    trust_b, site_b, ward_b, user_b = two_trusts["names"]
    for url in ("/admin/", "/admin/users", "/admin/audit", "/admin/users/new"):
        page = client.get(url).get_data(as_text=True)
        for name in (trust_b, site_b, ward_b, user_b, "BBB"):
            assert name not in page, (url, name)


def test_admin_cannot_grant_another_trust(client, two_trusts):
    response = post_form(
        client,
        "/admin/users/new",
        {
            "email": "grab@example.nhs.uk",
            "role": "admin",
            "trusts": str(two_trusts["trust"]),
            "password": "long enough words here",
        },
    )
    assert response.status_code == 400
    assert "not a valid choice" in response.get_data(as_text=True).lower()


def test_facilitator_home_shows_only_own_trusts(client):
    trust_a, *_ = make_org("AAA")
    make_org("BBB")
    user = make_user(Role.FACILITATOR, [trust_a])
    sign_in(client, user.email)
    page = client.get("/home").get_data(as_text=True)
    assert "AAA-W1" in page
    assert not re.search(r"BBB", page)


@pytest.fixture
def item_of_trust_b(client):
    """Sign in a safeguarding lead of trust A; return an item of trust B with a disclosure."""
    trust_a, _site_a, _ward_a = make_org("AAA")
    _trust_b, _site_b, ward_b = make_org("BBB")
    item = make_item(ward_b, "He keeps touching me in the lounge, Zebedee")
    lead_a = make_user(Role.SAFEGUARDING, [trust_a])
    sign_in(client, lead_a.email)
    return item


@pytest.mark.parametrize("endpoint", sorted(SAFEGUARDING_ROUTES))
def test_lead_of_one_trust_gets_not_found_for_another(client, item_of_trust_b, endpoint):
    template, form = SAFEGUARDING_ROUTES[endpoint]
    url = template.format(item=item_of_trust_b.id)
    response = client.get(url)
    assert response.status_code == 404
    assert "Zebedee" not in response.get_data(as_text=True)
    if form is not None:
        response = post_form(client, url, form, token_from="/safeguarding")
        assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(SafeguardingItem, item_of_trust_b.id).state == "new"


def test_the_queue_lists_only_own_trusts(client, item_of_trust_b):
    for url in (
        "/safeguarding",
        "/safeguarding/patterns",
        "/safeguarding?state=",
        "/home",
        "/dashboards",
    ):
        page = client.get(url).get_data(as_text=True)
        assert f"/safeguarding/{item_of_trust_b.id}" not in page, url
        assert "BBB" not in page, url
