"""What enters the safeguarding queue when a response is sent, through the real survey pages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import Alert, Response, SafeguardingItem
from coprod.services import responses
from tests.respondent import CSRF, answer, enrol, start, submit

# Each sexual-safety survey file, its "were you harmed" question, and a free-text question.
REPORTING = [
    ("patient-sexual-safety", "standard", "experienced"),
    ("patient-sexual-safety", "easy_read", "experienced"),
    ("staff-sexual-safety", "standard", "experienced_last_month"),
    ("staff-sexual-safety", "easy_read", "experienced_last_month"),
]


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _items() -> list[SafeguardingItem]:
    return list(db.session.scalars(select(SafeguardingItem).order_by(SafeguardingItem.id)))


@pytest.mark.parametrize(("survey", "variant", "question"), REPORTING)
def test_yes_to_unwanted_sexual_behaviour_is_a_report(client, site, survey, variant, question):
    enrol(client, site["ward"])
    token = start(client, survey, variant)
    answer(client, token, question, "yes")
    done = submit(client, token).get_data(as_text=True)
    assert "Thank you for telling us" in done
    [item] = _items()
    assert item.flagged and item.concerns == ["sexual_harm"]
    assert item.reasons == [f"{question}=yes"]
    assert item.trust_id == site["trust"].id and item.ward_id == site["ward"].id
    recipients = set(db.session.scalars(select(Alert.recipient)))
    assert recipients == {lead.email for lead in site["leads"]}


@pytest.mark.parametrize(("survey", "variant", "question"), REPORTING)
@pytest.mark.parametrize("choice", ["no", "prefer_not_to_say"])
def test_no_or_prefer_not_to_say_is_not_a_report(client, site, survey, variant, question, choice):
    enrol(client, site["ward"])
    token = start(client, survey, variant)
    answer(client, token, question, choice)
    done = submit(client, token).get_data(as_text=True)
    assert "Thank you for telling us" not in done
    assert _count(SafeguardingItem) == 0 and _count(Alert) == 0


def test_free_text_of_a_sexual_safety_survey_is_read_even_when_nothing_flags_it(client, site):
    enrol(client, site["ward"])
    token = start(client, "patient-sexual-safety")
    answer(client, token, "what_would_help", "More staff in the lounge in the evenings")
    submit(client, token)
    [item] = _items()
    assert not item.flagged and item.concerns == [] and item.state == "new"
    assert _count(Alert) == 0  # nothing flagged: it waits to be read, nobody is paged


def test_ward_weather_free_text_is_queued_only_when_flagged_by_default(client, site):
    enrol(client, site["ward"])
    token = start(client)
    answer(client, token, "weather_why", "Quiet day, played pool")
    submit(client, token)
    assert _count(SafeguardingItem) == 0
    token = start(client)
    answer(client, token, "weather_why", "been looking up how many of my tablets it would take")
    submit(client, token)
    [item] = _items()
    assert item.flagged and {"self_harm", "suicidal"} & set(item.concerns)


@pytest.mark.parametrize(("setting", "queued"), [("all", 1), ("flagged", 0)])
def test_the_trust_chooses_which_free_text_is_read(client, site, setting, queued):
    site["trust"].read_free_text = setting
    db.session.commit()
    enrol(client, site["ward"])
    for survey, question in (
        ("ward-weather", "weather_why"),
        ("patient-sexual-safety", "what_would_help"),
    ):
        token = start(client, survey)
        answer(client, token, question, "The garden is nice")
        submit(client, token)
    assert _count(SafeguardingItem) == queued * 2


def test_alerts_say_nothing_of_the_answers(client, site):
    enrol(client, site["ward"])
    token = start(client)
    text = "he did stuff to me in the laundry room. i didnt want it"
    answer(client, token, "weather_why", text)
    submit(client, token)
    alerts = list(db.session.scalars(select(Alert)))
    assert len(alerts) == 2
    for alert in alerts:
        assert "laundry" not in alert.body and "laundry" not in alert.subject
        assert alert.link == f"/safeguarding/{_items()[0].id}"
        assert alert.status == "pending"  # e-mail is not set up in tests by default


def test_a_trust_without_leads_still_queues_the_item(client, site):
    for lead in site["leads"]:
        lead.is_enabled = False
    db.session.commit()
    enrol(client, site["ward"])
    token = start(client)
    answer(client, token, "weather_why", "i want to kill myself")
    submit(client, token)
    assert _count(SafeguardingItem) == 1 and _count(Alert) == 0


def test_sending_twice_stores_one_item_and_one_set_of_alerts(client, site):
    enrol(client, site["ward"])
    token = start(client)
    answer(client, token, "weather_why", "i want to kill myself")
    page = client.get(f"/r/{token}/check").get_data(as_text=True)
    data = {"csrf_token": CSRF.search(page).group(1)}
    first = client.post(f"/r/{token}/submit", data=data)
    again = client.post(f"/r/{token}/submit", data=data)  # a double tap, or Back and resend
    assert first.status_code == 303 and again.status_code == 303
    assert _count(Response) == 1 and _count(SafeguardingItem) == 1 and _count(Alert) == 2


def test_an_item_keeps_only_the_hour_it_was_raised(client, site):
    enrol(client, site["ward"])
    token = start(client)
    answer(client, token, "weather_why", "i want to kill myself")
    submit(client, token)
    [item] = _items()
    assert item.raised_hour.minute == 0 and item.raised_hour.second == 0
    assert item.week == responses.week_of(item.week)


def test_a_broken_screen_never_loses_the_response_and_queues_it_to_be_read(
    client, site, monkeypatch
):
    from coprod.services.safeguarding import intake

    def broken(texts):
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(intake, "screen_many", broken)
    enrol(client, site["ward"])
    token = start(client)
    answer(client, token, "weather_why", "Quiet day, played pool")
    done = submit(client, token)
    assert done.status_code == 200
    [item] = _items()
    assert item.flagged and item.reasons == ["screen_unavailable"]
    assert _count(Response) == 1 and _count(Alert) == 2
