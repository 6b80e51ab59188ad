"""An account that belongs to two trusts can be changed only by someone who administers
both; an admin of one may only take it out of their own trust."""

from __future__ import annotations

from coprod.extensions import db
from coprod.models import Role, User
from tests.factories import PASSWORD, make_org, make_user, post_form, sign_in


def _setup(client):
    trust_a, *_ = make_org("AAA")
    trust_b, *_ = make_org("BBB")
    shared = make_user(Role.FACILITATOR, [trust_a, trust_b], email="shared@example.nhs.uk")
    admin_b = make_user(Role.ADMIN, [trust_b])
    sign_in(client, admin_b.email)
    return trust_a, trust_b, shared


def test_another_trusts_admin_cannot_promote_disable_or_reset_a_shared_account(client, app):
    _trust_a, trust_b, shared = _setup(client)
    url = f"/admin/users/{shared.id}"
    for change in (
        {"role": "admin", "enabled": "yes"},
        {"role": "facilitator", "enabled": "no"},
    ):
        page = post_form(client, url, {"trusts": str(trust_b.id), **change})
        assert page.status_code == 400
        assert "belongs to a trust you do not manage" in page.get_data(as_text=True)
    page = post_form(client, f"{url}/password", {"password": "taken over by trust b"})
    assert page.status_code == 400
    db.session.expire_all()
    user = db.session.get(User, shared.id)
    assert user.role is Role.FACILITATOR and user.is_enabled
    # The shared account still signs in with its own password.
    other = app.test_client()
    assert sign_in(other, shared.email, PASSWORD).status_code == 302


def test_another_trusts_admin_can_take_a_shared_account_out_of_their_trust(client):
    trust_a, _trust_b, shared = _setup(client)
    edit = client.get(f"/admin/users/{shared.id}").get_data(as_text=True)
    assert "Take it out of your trusts" in edit
    page = post_form(
        client, f"/admin/users/{shared.id}/remove", {}, token_from=f"/admin/users/{shared.id}"
    )
    assert page.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, shared.id).trust_ids == {trust_a.id}
    assert client.get(f"/admin/users/{shared.id}").status_code == 404


def test_the_audit_log_hides_what_an_admin_of_two_trusts_did_in_the_other(client, app):
    from tests.factories import post_form as post

    trust_a, *_ = make_org("AAA")
    trust_b, *_ = make_org("BBB")
    both = make_user(Role.ADMIN, [trust_a, trust_b], email="both@example.nhs.uk")
    only_b = make_user(Role.ADMIN, [trust_b], email="onlyb@example.nhs.uk")
    sign_in(client, both.email)
    post(
        client,
        "/admin/users/new",
        {
            "email": "new-in-a@example.nhs.uk",
            "role": "facilitator",
            "trusts": str(trust_a.id),
            "password": "long enough words here",
        },
    )
    reader = app.test_client()
    sign_in(reader, only_b.email)
    page = reader.get("/admin/audit").get_data(as_text=True)
    assert "new-in-a@example.nhs.uk" not in page and "AAA" not in page
    assert "login.success" in page  # the reader still sees their own records


def test_the_audit_log_hides_changes_to_an_account_that_also_belongs_to_another_trust(client, app):
    trust_a, *_ = make_org("AAA")
    trust_b, *_ = make_org("BBB")
    both = make_user(Role.ADMIN, [trust_a, trust_b], email="both@example.nhs.uk")
    only_a = make_user(Role.FACILITATOR, [trust_a], email="only-a@example.nhs.uk")
    only_b = make_user(Role.ADMIN, [trust_b], email="onlyb@example.nhs.uk")
    sign_in(client, both.email)
    page = post_form(client, f"/admin/users/{only_a.id}/password", {"password": "a new one for a"})
    assert page.status_code == 302
    reader = app.test_client()
    sign_in(reader, only_b.email)
    shown = reader.get("/admin/audit").get_data(as_text=True)
    # The admin of both trusts acted on an account of trust A alone: trust B's admin sees
    # neither the change nor which account it was.
    assert "user.password" not in shown and f"user {only_a.id}" not in shown
    # An admin of trust A sees it.
    admin_a = make_user(Role.ADMIN, [trust_a], email="admina@example.nhs.uk")
    reader_a = app.test_client()
    sign_in(reader_a, admin_a.email)
    assert "user.password" in reader_a.get("/admin/audit").get_data(as_text=True)
