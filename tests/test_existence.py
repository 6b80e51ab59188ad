"""An admin of one trust learns nothing of what exists in another from error messages."""

from __future__ import annotations

from coprod.models import Role
from tests.factories import make_org, make_user, post_form, sign_in


def test_a_ward_code_taken_in_another_trust_is_not_said_to_exist(client):
    make_org("AAA")
    _trust_b, site_b, _ward_b = make_org("BBB")
    admin_b = make_user(Role.ADMIN, [_trust_b])
    sign_in(client, admin_b.email)
    url = f"/admin/sites/{site_b.id}/wards/new"
    page = post_form(client, url, {"code": "AAA-W1", "name": "Mine", "ward_type": "picu"})
    text = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "already exists" not in text and "cannot be used" in text
    own = post_form(client, url, {"code": "BBB-W1", "name": "Mine", "ward_type": "picu"})
    assert "A ward with the code BBB-W1 already exists" in own.get_data(as_text=True)


def test_an_account_of_another_trust_is_not_said_to_exist(client):
    trust_a, *_ = make_org("AAA")
    trust_b, *_ = make_org("BBB")
    other = make_user(Role.FACILITATOR, [trust_a], email="someone@example.nhs.uk")
    admin_b = make_user(Role.ADMIN, [trust_b])
    sign_in(client, admin_b.email)
    page = post_form(
        client,
        "/admin/users/new",
        {
            "email": other.email,
            "role": "facilitator",
            "trusts": str(trust_b.id),
            "password": "long enough words here",
        },
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "already exists" not in text and "cannot be used for a new account here" in text
