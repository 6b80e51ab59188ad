"""The authorisation matrix: for every route of the app, who may use it.

Each route is tried with GET, HEAD and POST (where it takes them) as every role of the trust
that owns the object, of another trust, of both, and signed out. A route added without a row
here fails test_every_route_has_a_row.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import Aim, ChangeIdea, IncidentSeries, Role, SafeguardingItem
from coprod.services import devices, survey_files
from tests.factories import csrf_token, make_item, make_org, make_user, sign_in

SURVEY_DIR = "surveys"

# endpoint -> (who, URL template, form data for POST or None when the route takes no POST)
#   admin:     admins of the owning trust; another trust's admin gets 404 on an object of
#              trust A, and a list of their own on a list page
#   lead:      safeguarding leads, likewise
#   network:   the network's admins only (adding trusts)
#   dashboards: facilitators, leads and admins of the owning trust; another trust's get 404
#   signed_in: any signed-in account
#   public:    anyone
MATRIX: dict[str, tuple[str, str, dict | None]] = {
    "admin_org.overview": ("admin", "/admin/", None),
    "admin_org.trust_new": ("network", "/admin/trusts/new", {"code": "NEWT", "name": "New"}),
    "admin_org.trust": ("admin", "/admin/trusts/{trust}", None),
    "admin_org.trust_edit": ("admin", "/admin/trusts/{trust}/edit", {"name": "Renamed"}),
    "admin_org.trust_support": ("admin", "/admin/trusts/{trust}/support", {"patient_contacts": ""}),
    "admin_org.trust_safeguarding": (
        "admin",
        "/admin/trusts/{trust}/safeguarding",
        {"read_free_text": "all"},
    ),
    "admin_org.site_new": ("admin", "/admin/trusts/{trust}/sites/new", {"name": "Annex"}),
    "admin_org.site_edit": ("admin", "/admin/sites/{site}/edit", {"name": "Main"}),
    "admin_org.ward_new": (
        "admin",
        "/admin/sites/{site}/wards/new",
        {"code": "NEWW", "name": "New", "ward_type": "picu"},
    ),
    "admin_org.ward_edit": (
        "admin",
        "/admin/wards/{ward}/edit",
        {"name": "Ward", "ward_type": "picu", "is_active": "yes"},
    ),
    "admin_users.users": ("admin", "/admin/users", None),
    "admin_users.user_new": ("admin", "/admin/users/new", {"email": "x"}),
    "admin_users.user_edit": (
        "admin",
        "/admin/users/{user}",
        {"role": "facilitator", "trusts": "{trust}", "enabled": "yes"},
    ),
    "admin_users.user_password": (
        "admin",
        "/admin/users/{user}/password",
        {"password": "a new long password"},
    ),
    "admin_users.user_remove": ("admin", "/admin/users/{user}/remove", {}),
    "admin_users.audit_log": ("admin", "/admin/audit", None),
    "admin_devices.ward": ("admin", "/admin/wards/{ward}/tablets", None),
    "admin_devices.add_tablet": ("admin", "/admin/wards/{ward}/tablets", {"label": "Lounge"}),
    "admin_devices.revoke_tablet": ("admin", "/admin/tablets/{device}/revoke", {}),
    "admin_devices.set_survey": (
        "admin",
        "/admin/wards/{ward}/surveys",
        {"survey": "ward-weather", "action": "close"},
    ),
    "admin_devices.set_all_surveys": (
        "admin",
        "/admin/wards/{ward}/surveys/all",
        {"action": "close"},
    ),
    "admin_devices.qr_code": ("admin", "/admin/links/{ward_survey}/qr.svg", None),
    "safeguarding.index": ("lead", "/safeguarding", None),
    "safeguarding.ward_patterns": ("lead", "/safeguarding/patterns", None),
    "safeguarding.item": ("lead", "/safeguarding/{item}", {"action": "review"}),
    "safeguarding.mark_read": ("lead", "/safeguarding/read", {"action": "bulk_read"}),
    "dashboards.overview": ("dashboards", "/dashboards", None),
    "dashboards.ward": ("dashboards", "/dashboards/wards/{ward}", None),
    "dashboards.site": ("dashboards", "/dashboards/sites/{site}", None),
    "dashboards.trust": ("dashboards", "/dashboards/trusts/{trust}?points=month", None),
    "dashboards.overview_export": ("dashboards", "/dashboards/export.csv", None),
    "dashboards.ward_export": ("dashboards", "/dashboards/wards/{ward}/export.xlsx", None),
    "dashboards.changes": ("dashboards", "/dashboards/wards/{ward}/changes", None),
    "dashboards.change_new": (
        "dashboards",
        "/dashboards/wards/{ward}/changes/new",
        {"title": "Quiet hour", "started_on": "2026-06-01", "new_limits": "no"},
    ),
    "dashboards.change_edit": (
        "dashboards",
        "/dashboards/changes/{change_idea}/edit",
        {"title": "Quiet hour", "started_on": "2026-06-01", "new_limits": "no"},
    ),
    # Deleting is checked by its confirmation page here (a POST would leave nothing for
    # the next actor to reach), and by POST from another trust in tests/test_scope.py.
    "dashboards.change_delete": ("dashboards", "/dashboards/changes/{change_idea}/delete", None),
    "dashboards.note_new": (
        "dashboards",
        "/dashboards/changes/{change_idea}/notes/new",
        {"stage": "study", "noted_on": "2026-06-01", "text": "Fewer raised voices"},
    ),
    "dashboards.aim_set": (
        "dashboards",
        "/dashboards/wards/{ward}/aim?measure=survey:ward-weather:ward_calm",
        {"measure": "survey:ward-weather:ward_calm", "kind": "absolute", "value": "90"},
    ),
    "dashboards.aim_remove": ("dashboards", "/dashboards/aims/{aim}/remove", None),
    "dashboards.incidents_list": ("dashboards", "/dashboards/incidents", None),
    "dashboards.incident_import": ("dashboards", "/dashboards/incidents/import", {"name": "X"}),
    "dashboards.incident_series": ("dashboards", "/dashboards/incidents/{series}", None),
    "dashboards.incident_delete": ("dashboards", "/dashboards/incidents/{series}/delete", None),
    "dashboards.participation": ("dashboards", "/dashboards/wards/{ward}/participation", None),
    "dashboards.trust_participation": (
        "dashboards",
        "/dashboards/trusts/{trust}/participation",
        None,
    ),
    "dashboards.population_new": (
        "dashboards",
        "/dashboards/wards/{ward}/population/new",
        {"starts_on": "2026-11-02", "ends_on": "2026-11-29", "total": "0"},
    ),
    "dashboards.population_import": (
        "dashboards",
        "/dashboards/wards/{ward}/population/import",
        {"starts_on": "2026-11-02", "ends_on": "2026-11-29"},
    ),
    "main.home": ("signed_in", "/home", None),
    "auth.change_password": ("signed_in", "/account/password", {"current_password": "x"}),
    "auth.logout": ("public", "/logout", {}),  # signed out, it only says so
    "main.index": ("public", "/", None),
    "main.healthz": ("public", "/healthz", None),
    "auth.login": ("public", "/login", {"email": "nobody@example.nhs.uk", "password": "x"}),
}
# Reached by unguessable tokens, codes and the tablet cookie rather than by accounts; tested
# in tests/test_tablet.py, tests/test_end_pages.py and tests/test_head_requests.py.
RESPONDENT = {
    "tablet.enrol",
    "tablet.personal_link",
    "tablet.reset",
    "tablet.start",
    "tablet.start_survey",
    "tablet.away",
    "respond.intro",
    "respond.question",
    "respond.check",
    "respond.submit",
    "respond.done",
    "respond.quick_exit",
    "respond.still_here",
    "respond.tap",
    "static",
}
# Lists show the actor's own trusts; they take no id from trust A.
LIST_PAGES = {
    "admin_org.overview",
    "admin_org.trust_new",
    "admin_users.users",
    "admin_users.user_new",
    "admin_users.audit_log",
    "safeguarding.index",
    "safeguarding.ward_patterns",
    "safeguarding.mark_read",
    "dashboards.overview",
    "dashboards.overview_export",
    "dashboards.incidents_list",
    "dashboards.incident_import",
}
ACTORS = ("anon", "fac_b", "lead_b", "admin_b", "fac_a", "lead_a", "admin_a", "admin_ab", "net_b")
WHO_MAY = {
    "admin": {"admin_a", "admin_ab"},
    "network": {"net_b"},
    "lead": {"lead_a"},
    "dashboards": {"fac_a", "lead_a", "admin_a", "admin_ab"},
    "signed_in": {a for a in ACTORS if a != "anon"},
    "public": set(ACTORS),
}
ROLE_OF = {"admin": Role.ADMIN, "lead": Role.SAFEGUARDING}


def test_every_route_has_a_row(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(MATRIX) | RESPONDENT, "add new routes to tests/test_authorization.py"


@pytest.fixture
def world(app):
    """Trust A owning one of everything, trust B, and an account for every actor."""
    survey_files.register_versions(survey_files.load_directory(app.config["COPROD_SURVEY_DIR"]))
    trust_a, site_a, ward_a = make_org("AAA")
    trust_b, _site_b, _ward_b = make_org("BBB")
    ward_survey = devices.open_survey(ward_a, "ward-weather", actor=None)
    device, _code = devices.create_device(ward_a, label="Lounge", actor=None)
    idea = ChangeIdea(ward=ward_a, title="Protected time", started_on=date(2026, 6, 1))
    aim = Aim(
        ward=ward_a,
        measure_key="survey:ward-weather:ward_calm",
        baseline_from=date(2026, 1, 5),
        baseline_to=date(2026, 3, 30),
        kind="relative",
        value=10,
    )
    series = IncidentSeries(trust=trust_a, name="Restraints", kind="restraint")
    db.session.add_all([idea, aim, series])
    db.session.commit()
    target = make_user(Role.FACILITATOR, [trust_a], email="target@example.nhs.uk")
    item = make_item(ward_a, "He keeps touching me in the lounge")
    accounts = {"anon": None}
    for actor in ACTORS[1:]:
        role = {
            "fac": Role.FACILITATOR,
            "lead": Role.SAFEGUARDING,
            "admin": Role.ADMIN,
            "net": Role.NETWORK_ADMIN,
        }[actor.split("_")[0]]
        trusts = {"a": [trust_a], "b": [trust_b], "ab": [trust_a, trust_b]}[actor.split("_")[1]]
        accounts[actor] = make_user(role, trusts, email=f"{actor}@example.nhs.uk").email
    ids = {
        "trust": trust_a.id,
        "site": site_a.id,
        "ward": ward_a.id,
        "device": device.id,
        "ward_survey": ward_survey.id,
        "user": target.id,
        "item": item.id,
        "change_idea": idea.id,
        "aim": aim.id,
        "series": series.id,
    }
    return ids, accounts


def _expected(endpoint: str, actor: str) -> str:
    who = MATRIX[endpoint][0]
    if actor in WHO_MAY[who]:
        return "allowed"
    if actor == "anon":
        return "sign_in"
    role_word = {"net": "admin"}.get(actor.split("_")[0], actor.split("_")[0])
    wanted = {"admin": "admin", "lead": "lead", "network": "network"}.get(who)
    if wanted and role_word != wanted:
        return "forbidden"
    return "allowed" if endpoint in LIST_PAGES else "not_found"


def _footprint() -> dict[str, int]:
    """Count the rows of every table: a HEAD request must leave all of them as they were,
    the audit log included (nothing was shown, so nothing was seen)."""
    db.session.expire_all()
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def _judge(status: int, location: str) -> str:
    if status == 302 and "/login" in location:
        return "sign_in"
    if status == 403:
        return "forbidden"
    if status == 404:
        return "not_found"
    assert status < 500, status
    return "allowed"


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_each_actor_gets_what_the_matrix_says(app, world, endpoint):
    ids, accounts = world
    _who, template, form = MATRIX[endpoint]
    url = template.format(**ids)
    methods = ("GET", "HEAD") if form is None else ("POST",)
    if form is not None and endpoint not in {"auth.logout", "admin_users.user_remove"} | {
        "admin_devices.add_tablet",
        "admin_devices.revoke_tablet",
        "admin_devices.set_survey",
        "admin_devices.set_all_surveys",
        "safeguarding.mark_read",
    }:
        methods = ("GET", "HEAD", "POST")
    for actor in ACTORS:
        client = app.test_client()
        if accounts[actor]:
            sign_in(client, accounts[actor])
        expected = _expected(endpoint, actor)
        for method in methods:
            if method == "POST":
                token = csrf_token(client, "/account/password" if accounts[actor] else "/login")
                data = {k: v.format(**ids) for k, v in form.items()}
                response = client.post(url, data={"csrf_token": token, **data})
            elif method == "HEAD":
                before = _footprint()
                response = client.open(url, method=method)
                assert _footprint() == before, f"HEAD {url} as {actor} changed the database"
            else:
                response = client.open(url, method=method)
            got = _judge(response.status_code, response.headers.get("Location", ""))
            assert got == expected, f"{method} {url} as {actor}: {got}, expected {expected}"
    if endpoint == "safeguarding.item":
        db.session.expire_all()
        item = db.session.scalar(select(SafeguardingItem))
        assert item.state == "in_review"  # only lead_a's POST acted
