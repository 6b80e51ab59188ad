"""The safeguarding queue as leads use it: what they see, each change of state, the audit trail,
and what other roles and other trusts cannot reach."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import AuditEvent, Role, SafeguardingAction, SafeguardingItem
from coprod.models.base import utcnow
from tests.factories import make_org, make_user, post_form, sign_in
from tests.respondent import answer, enrol, start, submit

DISCLOSURE = "He keeps touching me in the laundry room <b>i want it to stop</b>"


def _send(client, site, text=DISCLOSURE, survey="ward-weather", question="weather_why"):
    """Answer a survey on the ward tablet, then forget the tablet's cookies."""
    before = set(db.session.scalars(select(SafeguardingItem.id)))
    enrol(client, site["ward"])
    token = start(client, survey)
    answer(client, token, question, text)
    submit(client, token)
    client.delete_cookie("session")
    # Ids are random, so the new item is the one that was not there before.
    (new,) = set(db.session.scalars(select(SafeguardingItem.id))) - before
    return db.session.get(SafeguardingItem, new)


@pytest.fixture
def lead(client, site):
    """Sign in the trust's first safeguarding lead."""
    sign_in(client, site["leads"][0].email)
    return site["leads"][0]


def _sign_in_lead(client, site):
    sign_in(client, site["leads"][0].email)
    return site["leads"][0]


def _audit(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_lead_sees_the_count_at_sign_in_and_the_item_in_the_queue(client, site):
    item = _send(client, site)
    response = sign_in(client, site["leads"][0].email)
    home = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 open items wait for you: 1 flagged and 0 to read." in home
    page = client.get("/safeguarding").get_data(as_text=True)
    assert f"/safeguarding/{item.id}" in page
    assert "Sexual harm" in page
    assert "laundry" not in page  # the list shows no answers


def test_the_item_shows_the_unredacted_answer_escaped_and_is_audited(client, site):
    item = _send(client, site)
    _sign_in_lead(client, site)
    page = client.get(f"/safeguarding/{item.id}").get_data(as_text=True)
    assert "He keeps touching me in the laundry room &lt;b&gt;i want it to stop&lt;/b&gt;" in page
    assert "<b>i want" not in page
    assert "Ward" in page and site["ward"].name in page
    assert "The screen:" in page
    [event] = _audit("safeguarding.view")
    assert event.object_id == str(item.id) and event.trust_id == site["trust"].id


def test_a_structured_report_says_which_answer_raised_it(client, site):
    enrol(client, site["ward"])
    token = start(client, "patient-sexual-safety")
    answer(client, token, "experienced", "yes")
    submit(client, token)
    client.delete_cookie("session")
    item = db.session.scalar(select(SafeguardingItem))
    _sign_in_lead(client, site)
    page = client.get(f"/safeguarding/{item.id}").get_data(as_text=True)
    assert "Answered “Yes” to “While you have been on this ward" in page
    assert "A report of harm" in page


def _act(client, item_id, **data):
    return post_form(client, f"/safeguarding/{item_id}", data)


def test_review_then_close_with_an_incident_reference_records_who_did_what(client, site):
    item = _send(client, site)
    lead = _sign_in_lead(client, site)
    assert _act(client, item.id, action="review").status_code == 302
    response = _act(
        client, item.id, action="close", outcome="incident", reference="DATIX-4411", note="Raised"
    )
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(SafeguardingItem, item.id)
    assert (item.state, item.outcome, item.reference) == ("closed", "incident", "DATIX-4411")
    assert item.raised_hour is None
    actions = [(a.action, a.state, a.actor_email) for a in item.actions]
    assert actions == [("review", "in_review", lead.email), ("close", "closed", lead.email)]
    [closed] = _audit("safeguarding.close")
    assert closed.detail == {"state": "closed", "outcome": "incident"}
    assert "Raised" not in str(closed.detail)  # notes stay in the queue, not the audit log
    page = client.get(f"/safeguarding/{item.id}").get_data(as_text=True)
    assert "Raised as an incident: DATIX-4411" in page and lead.email in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "close"}, "Choose an outcome"),
        ({"action": "close", "outcome": "incident"}, "Enter the incident reference"),
        ({"action": "close", "outcome": "made_up"}, "Choose an outcome"),
        ({"action": "close", "outcome": "no_action", "note": "x" * 2001}, "2000 characters"),
        ({"action": "note", "note": "   "}, "Enter a note"),
        ({"action": "reopen", "note": "why"}, "Only a closed item can be reopened"),
        ({"action": "delete"}, "not something that can be done"),
        ({}, "Choose what to do"),
    ],
)
def test_impossible_changes_say_why_and_change_nothing(client, site, data, message):
    item = _send(client, site)
    _sign_in_lead(client, site)
    response = _act(client, item.id, **data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(SafeguardingItem, item.id).state == "new"
    assert db.session.scalar(select(SafeguardingAction)) is None


def test_a_closed_item_can_be_reopened_with_a_reason(client, site):
    item = _send(client, site)
    _sign_in_lead(client, site)
    _act(client, item.id, action="close", outcome="no_action")
    assert _act(client, item.id, action="reopen").status_code == 422
    assert _act(client, item.id, action="reopen", note="More came to light").status_code == 302
    db.session.expire_all()
    item = db.session.get(SafeguardingItem, item.id)
    assert item.state == "in_review" and item.outcome is None and item.raised_hour is not None


def test_bulk_read_closes_only_unflagged_items(client, site):
    calm = _send(
        client, site, "More board games please", "patient-sexual-safety", "what_would_help"
    )
    flagged = _send(client, site)
    _sign_in_lead(client, site)
    page = client.get("/safeguarding?kind=to_read").get_data(as_text=True)
    assert f"read-{calm.id}" in page and f"read-{flagged.id}" not in page
    response = post_form(
        client,
        "/safeguarding/read",
        {"action": "bulk_read", "item": [str(calm.id), str(flagged.id)]},
        token_from="/safeguarding",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(SafeguardingItem, calm.id).outcome == "nothing_of_concern"
    assert db.session.get(SafeguardingItem, flagged.id).state == "new"
    assert len(_audit("safeguarding.bulk_read")) == 1


def test_flagged_items_come_first_and_overdue_ones_stand_out(client, site):
    calm = _send(
        client, site, "More board games please", "patient-sexual-safety", "what_would_help"
    )
    old = _send(client, site, "i want to kill myself")
    new = _send(client, site)
    old.raised_hour = utcnow() - timedelta(hours=5)  # suicidal intent is due in 4 hours
    db.session.commit()
    _sign_in_lead(client, site)
    page = client.get("/safeguarding").get_data(as_text=True)
    order = [page.index(f'/safeguarding/{i.id}"') for i in (old, new, calm)]
    assert order == sorted(order)
    assert "1 overdue" in page and page.count("coprod-overdue") == 1


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", {"calm", "suicidal", "sexual"}),
        ("?kind=flagged", {"suicidal", "sexual"}),
        ("?concern=suicidal", {"suicidal"}),
        ("?state=closed", set()),
        ("?state=nonsense", {"calm", "suicidal", "sexual"}),
    ],
)
def test_filters(client, site, query, shown):
    items = {
        "calm": _send(client, site, "More games", "patient-sexual-safety", "what_would_help"),
        "suicidal": _send(client, site, "i want to kill myself"),
        "sexual": _send(client, site),
    }
    _sign_in_lead(client, site)
    page = client.get(f"/safeguarding{query}").get_data(as_text=True)
    found = {name for name, item in items.items() if f'/safeguarding/{item.id}"' in page}
    assert found == shown


def test_patterns_show_repeated_reports_on_a_ward(client, site):
    for _ in range(3):
        _send(client, site)
    _sign_in_lead(client, site)
    page = client.get("/safeguarding/patterns").get_data(as_text=True)
    assert f"{site['ward'].name}: 3 reports of sexual harm" in page


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.ADMIN])
def test_other_roles_cannot_open_the_queue(client, site, role):
    item = _send(client, site)
    user = make_user(role, [site["trust"]])
    sign_in(client, user.email)
    for url in ("/safeguarding", f"/safeguarding/{item.id}", "/safeguarding/patterns"):
        assert client.get(url).status_code == 403, url
    home = client.get("/home").get_data(as_text=True)
    assert "Safeguarding queue" not in home


def test_a_lead_of_another_trust_sees_nothing_of_this_one(client, site):
    item = _send(client, site)
    other, _site, _ward = make_org("OTH")
    outsider = make_user(Role.SAFEGUARDING, [other])
    sign_in(client, outsider.email)
    assert client.get(f"/safeguarding/{item.id}").status_code == 404
    for url in ("/safeguarding", "/safeguarding/patterns", "/home"):
        page = client.get(url).get_data(as_text=True)
        assert site["ward"].name not in page and f"/safeguarding/{item.id}" not in page
    assert _act(client, item.id, action="close", outcome="no_action").status_code == 404
    db.session.expire_all()
    assert db.session.get(SafeguardingItem, item.id).state == "new"
