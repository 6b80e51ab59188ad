"""The admin area: trusts, sites, wards and accounts through real forms."""

from __future__ import annotations

from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import AuditEvent, Role, Site, Trust, User, Ward, WardType
from tests.factories import PASSWORD, make_org, make_user, post_form, sign_in


def _admin(client, code="RX1", role=Role.ADMIN):
    trust, site, ward = make_org(code)
    admin = make_user(role, [trust])
    sign_in(client, admin.email)
    return admin, trust, site, ward


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]


def test_facilitators_and_safeguarding_leads_cannot_use_admin(client):
    trust, _site, _ward = make_org("RX1")
    for role in (Role.FACILITATOR, Role.SAFEGUARDING):
        user = make_user(role, [trust])
        sign_in(client, user.email)
        for url in ("/admin/", "/admin/users", "/admin/audit", "/admin/trusts/new"):
            assert client.get(url).status_code == 403, (role, url)
        post_form(client, "/logout", {}, token_from="/home")


def test_a_trust_admin_cannot_add_trusts(client):
    _admin(client)
    assert client.get("/admin/trusts/new").status_code == 403
    assert "Add a trust" not in client.get("/admin/").get_data(as_text=True)


def test_admin_builds_a_trust_with_a_site_and_ward(client):
    admin, *_ = _admin(client, role=Role.NETWORK_ADMIN)
    assert "Add a trust" in client.get("/admin/").get_data(as_text=True)
    response = post_form(client, "/admin/trusts/new", {"code": "rx7", "name": "Moorland Trust"})
    assert response.status_code == 302
    trust = db.session.scalar(select(Trust).where(Trust.code == "RX7"))
    assert trust.name == "Moorland Trust"
    assert admin.id in {
        u.id for u in db.session.scalars(select(User).where(User.trusts.any(Trust.id == trust.id)))
    }
    post_form(client, f"/admin/trusts/{trust.id}/sites/new", {"name": "Moor Hospital"})
    site = db.session.scalar(select(Site).where(Site.trust_id == trust.id))
    response = post_form(
        client,
        f"/admin/sites/{site.id}/wards/new",
        {"code": "rx7-w1", "name": "Heath Ward", "ward_type": "picu", "is_active": "yes"},
    )
    assert response.status_code == 302
    ward = db.session.scalar(select(Ward).where(Ward.code == "RX7-W1"))
    assert ward.ward_type is WardType.PICU
    page = client.get(f"/admin/trusts/{trust.id}").get_data(as_text=True)
    assert "Heath Ward" in page
    assert "Psychiatric intensive care (PICU)" in page
    assert _actions()[-3:] == ["trust.create", "site.create", "ward.create"]


def test_bad_ward_input_is_explained_and_nothing_is_stored(client):
    _admin_user, _trust, site, ward = _admin(client)
    wards_before = db.session.scalar(select(func.count()).select_from(Ward))
    cases = [
        ({"code": ward.code, "name": "Copy", "ward_type": "picu"}, "already exists"),
        ({"code": "bad code!", "name": "X", "ward_type": "picu"}, "letters, digits or hyphens"),
        ({"code": "OK-1", "name": "X", "ward_type": "spaceship"}, "Not a valid choice"),
        ({"code": "OK-1", "name": "", "ward_type": "picu"}, "Enter the ward name"),
    ]
    for data, message in cases:
        response = post_form(client, f"/admin/sites/{site.id}/wards/new", data)
        assert response.status_code == 400, data
        page = response.get_data(as_text=True)
        assert "There is a problem" in page
        assert message in page, data
    assert db.session.scalar(select(func.count()).select_from(Ward)) == wards_before


def test_ward_can_be_paused_and_retyped_but_keeps_its_code(client):
    _admin_user, _trust, _site, ward = _admin(client)
    response = post_form(
        client,
        f"/admin/wards/{ward.id}/edit",
        {"code": "HACKED", "name": "Renamed", "ward_type": "ld_autism", "is_active": "no"},
    )
    assert response.status_code == 302
    db.session.refresh(ward)
    assert (ward.code, ward.name, ward.ward_type, ward.is_active) == (
        "RX1-W1",
        "Renamed",
        WardType.LD_AUTISM,
        False,
    )


def test_admin_creates_and_changes_accounts(client):
    _admin_user, trust, *_ = _admin(client)
    response = post_form(
        client,
        "/admin/users/new",
        {
            "email": "new.person@example.nhs.uk",
            "name": "New Person",
            "role": "facilitator",
            "trusts": str(trust.id),
            "password": "four random garden words",
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "new.person@example.nhs.uk"))
    assert user.role is Role.FACILITATOR
    response = post_form(
        client,
        f"/admin/users/{user.id}",
        {"name": "New Person", "role": "safeguarding", "trusts": str(trust.id), "enabled": "no"},
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.role, user.is_enabled) == (Role.SAFEGUARDING, False)
    assert "user.update" in _actions()


def test_account_form_errors_change_nothing(client):
    admin, trust, *_ = _admin(client)
    before = db.session.scalar(select(func.count()).select_from(User))
    for data, message in [
        (
            {
                "email": admin.email,
                "role": "admin",
                "trusts": str(trust.id),
                "password": "long enough words",
            },
            "already exists",
        ),
        (
            {
                "email": "x@example.nhs.uk",
                "role": "admin",
                "trusts": str(trust.id),
                "password": "short",
            },
            "at least 12",
        ),
        (
            {"email": "x@example.nhs.uk", "role": "admin", "password": "long enough words"},
            "Choose at least one trust",
        ),
        (
            {
                "email": "x@example.nhs.uk",
                "role": "owner",
                "trusts": str(trust.id),
                "password": "long enough words",
            },
            "Not a valid choice",
        ),
    ]:
        response = post_form(client, "/admin/users/new", data)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User)) == before


def test_admin_cannot_lock_themselves_out(client):
    admin, trust, *_ = _admin(client)
    response = post_form(
        client,
        f"/admin/users/{admin.id}",
        {"role": "facilitator", "trusts": str(trust.id), "enabled": "yes"},
    )
    assert response.status_code == 400
    assert "cannot remove your own admin access" in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.role is Role.ADMIN


def test_editing_keeps_trusts_the_admin_cannot_see(client):
    _admin_user, trust, *_ = _admin(client)
    other, *_ = make_org("RX2")
    shared = make_user(Role.FACILITATOR, [trust, other])
    post_form(
        client,
        f"/admin/users/{shared.id}",
        {"role": "facilitator", "trusts": str(trust.id), "enabled": "yes"},
    )
    db.session.refresh(shared)
    assert sorted(t.code for t in shared.trusts) == ["RX1", "RX2"]


def test_setting_a_password_signs_the_person_out(client, app):
    _admin_user, trust, *_ = _admin(client)
    person = make_user(Role.FACILITATOR, [trust])
    other_client = app.test_client()
    sign_in(other_client, person.email)
    assert other_client.get("/home").status_code == 200
    response = post_form(
        client, f"/admin/users/{person.id}/password", {"password": "new calm garden words"}
    )
    assert response.status_code == 302
    assert other_client.get("/home").status_code == 302
    assert sign_in(other_client, person.email, PASSWORD).status_code == 400
    assert sign_in(other_client, person.email, "new calm garden words").status_code == 302


def test_audit_log_shows_own_trusts_only(client):
    _admin_user, _trust, *_ = _admin(client)
    make_org("RX2")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "ward.create" in page
    assert "RX1" in page
    assert "RX2" not in page
    assert "login.success" in page
