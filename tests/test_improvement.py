"""A ward's improvement work: change ideas with PDSA notes on its charts, and aims with
their baseline and whether the process will meet them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import Aim, AuditEvent, ChangeIdea, PdsaNote, Role, SurveyVersion
from coprod.services import audit_words
from tests.factories import make_choices, make_surveyed_ward, make_user, post_form, sign_in

TO = date(2026, 11, 30)  # a Monday
WEEKS = [TO - timedelta(weeks=25 - i) for i in range(26)]
KEY = "survey:ward-weather:ward_calm"
LOW = [(2, 4), (3, 3)]  # 33% and 50% of 6 people: mean 41.7%
HIGH = [(5, 1), (6, 0)]  # 83% and 100%


@pytest.fixture
def ward(app):
    return make_surveyed_ward(app.config["COPROD_SURVEY_DIR"])


@pytest.fixture
def facilitator(client, ward):
    user = make_user(Role.FACILITATOR, [ward.site.trust])
    sign_in(client, user.email)
    return user


def _fill(ward, weeks, pattern):
    """Store, for each week, calm and tense answers in turn from the pattern."""
    version = db.session.scalar(
        select(SurveyVersion).where(
            SurveyVersion.survey_id == "ward-weather", SurveyVersion.variant == "standard"
        )
    )
    for i, week in enumerate(weeks):
        calm, tense = pattern[i % len(pattern)]
        for _ in range(calm):
            make_choices(ward, version, week, {"weather": "calm"})
        for _ in range(tense):
            make_choices(ward, version, week, {"weather": "tense"})
    db.session.commit()


def _page(client, ward, **query):
    args = {"survey": "ward-weather", "from": WEEKS[0].isoformat(), "to": TO.isoformat(), **query}
    page = client.get(f"/dashboards/wards/{ward.id}", query_string=args)
    return page.get_data(as_text=True)


def _idea(client, ward, **fields):
    data = {"title": "Protected meal times", "started_on": WEEKS[12].isoformat()}
    data |= {"new_limits": "no", **fields}
    return post_form(client, f"/dashboards/wards/{ward.id}/changes/new", data)


def _aim(client, ward, **fields):
    data = {"baseline_from": WEEKS[0].isoformat(), "baseline_to": WEEKS[7].isoformat()}
    data |= {"kind": "relative", "value": "50", **fields}
    url = f"/dashboards/wards/{ward.id}/aim?measure={KEY}"
    return post_form(client, url, {"measure": KEY, **data})


def _q(text: str) -> str:
    return f"\u2018{text}\u2019"  # as the audit log quotes names


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _sentences() -> list[str]:
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    return [entry.text for entry in audit_words.describe(events)]


def test_a_change_idea_is_marked_on_every_chart_numbered_and_in_words(client, ward, facilitator):
    _fill(ward, WEEKS[:20], LOW)
    response = _idea(client, ward, description="Staff eat with patients")
    assert response.status_code == 302
    listing = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Protected meal times" in listing and "Staff eat with patients" in listing
    html = _page(client, ward)
    assert 'class="coprod-spc__change"' in html
    assert re.search(r'font-weight="bold">1</text></g>', html)  # the number at its start
    assert '<li value="1"><a href="/dashboards/wards/' in html
    assert "Protected meal times<span" in html and "from 31 August 2026" in html
    desc = re.search(r"<desc [^>]*>([^<]*)</desc>", html).group(1)
    assert "Change marked by number: 1, Protected meal times, from 31 August 2026." in desc
    assert f"/dashboards/wards/{ward.id}/changes" in html
    assert (
        "added the change idea " + _q("Protected meal times") + " on " + ward.name
        in _sentences()[-1]
    )


def test_a_change_idea_with_new_limits_starts_them_afresh_and_joins_a_what_if(
    client, ward, facilitator
):
    _fill(ward, WEEKS[:12], LOW)
    _fill(ward, WEEKS[12:20], [(5, 1), (4, 2)])
    before = _page(client, ward)
    assert "8 weeks in a row above the mean" in before
    _idea(client, ward, new_limits="yes")
    after = _page(client, ward)
    # Against their own limits the 8 better weeks are the new normal, on trial limits.
    assert "Common cause variation" in after and "These are trial limits" in after
    assert "(new limits from then)" in after
    # A what-if change date on top of it still starts limits of its own.
    what_if = _page(client, ward, rebase=WEEKS[16].isoformat())
    groups = re.findall(r'stroke="#212b32" stroke-width="2"/>', what_if)  # one mean per group
    assert len(groups) == 3


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": ""}, "title", "Enter the change idea&#39;s title"),
        ({"title": "x" * 201}, "title", "200 characters"),
        ({"started_on": "soon"}, "started_on", "as a real date, like 2026-03-02"),
        ({"started_on": "1999-12-31"}, "started_on", "The start must be between"),
        ({"ended_on": WEEKS[3].isoformat()}, "ended_on", "The end must be on or after the start"),
    ],
)
def test_a_bad_change_idea_is_refused_at_its_field_and_nothing_is_written(
    client, ward, facilitator, fields, field, message
):
    events = _count(AuditEvent)
    response = _idea(client, ward, **fields)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert f'href="#{field}"' in html  # the error summary leads to the field
    assert _count(ChangeIdea) == 0 and _count(AuditEvent) == events


def test_a_change_idea_is_edited_noted_and_deleted_after_a_confirmation(client, ward, facilitator):
    _idea(client, ward)
    idea = db.session.scalar(select(ChangeIdea))
    edit = f"/dashboards/changes/{idea.id}/edit"
    assert "Protected meal times" in client.get(edit).get_data(as_text=True)
    data = {"title": "Protected mealtimes", "started_on": WEEKS[13].isoformat()}
    assert post_form(client, edit, {**data, "new_limits": "yes"}).status_code == 302
    note_url = f"/dashboards/changes/{idea.id}/notes/new"
    bad = post_form(client, note_url, {"stage": "think", "noted_on": "2026-11-02", "text": ""})
    assert bad.status_code == 400 and "Enter the note" in bad.get_data(as_text=True)
    note = {"stage": "study", "noted_on": "2026-11-02", "text": "Fewer arguments at lunch"}
    assert post_form(client, note_url, note).status_code == 302
    listing = client.get(f"/dashboards/wards/{ward.id}/changes").get_data(as_text=True)
    assert "Protected mealtimes" in listing and "Fewer arguments at lunch" in listing
    assert "Study" in listing
    confirm = client.get(f"/dashboards/changes/{idea.id}/delete").get_data(as_text=True)
    assert "Delete the change idea Protected mealtimes?" in confirm
    assert _count(ChangeIdea) == 1  # asking deletes nothing
    gone = post_form(client, f"/dashboards/changes/{idea.id}/delete", {})
    assert gone.status_code == 302
    assert _count(ChangeIdea) == 0 and _count(PdsaNote) == 0
    said = _sentences()
    assert any("changed the change idea " + _q("Protected mealtimes") in s for s in said)
    assert any("added a study note to the change idea" in s for s in said)
    assert "deleted the change idea " + _q("Protected mealtimes") in said[-1]
    assert "with its 1 PDSA note" in said[-1]


def test_an_aim_draws_its_line_and_baseline_and_says_it_is_hit_and_miss(client, ward, facilitator):
    _fill(ward, WEEKS[:20], LOW)
    form = client.get(f"/dashboards/wards/{ward.id}/aim?measure={KEY}")
    assert form.status_code == 200 and "Baseline from" in form.get_data(as_text=True)
    response = _aim(client, ward, kind="absolute", value="50")
    assert response.status_code == 302
    html = _page(client, ward)
    assert "Aim: 50%." in html
    assert "Baseline mean 41.7% (weeks 8 June 2026 to 27 July 2026, 8 weeks charted)." in html
    assert "Hit and miss: the process will sometimes meet the aim" in html
    # The Making Data Count icons beside the chart: variation, and now assurance too.
    assert 'class="coprod-icon coprod-icon--common_cause"' in html
    assert 'class="coprod-icon coprod-icon--hit_and_miss"' in html
    assert 'stroke-dasharray="10 4 2 4"' in html and ">Aim 50%</text>" in html
    assert 'class="coprod-spc__baseline"' in html and ">Baseline</text>" in html
    assert "set the aim for " + _q("Ward feels calm or fairly calm") in _sentences()[-1]


def test_a_relative_aim_is_a_share_better_than_the_baseline_and_can_be_failed(
    client, ward, facilitator
):
    _fill(ward, WEEKS[:20], LOW)
    # 41.7% and half as much again is 62.5%: within the limits, so hit and miss.
    _aim(client, ward, value="50")
    assert "Aim: 62.5%, 50% above the baseline mean." in _page(client, ward)
    # 110% better would be 87.5%, above the upper limit of about 86%: it will fail.
    _aim(client, ward, value="110")
    html = _page(client, ward)
    assert "Aim: 87.5%" in html
    assert "The process will consistently fail to meet the aim unless something changes." in html
    assert _count(Aim) == 1  # one aim per measure: the second replaced the first


def test_an_aim_the_improved_process_will_meet_says_so(client, ward, facilitator):
    _fill(ward, WEEKS[:8], LOW)
    _fill(ward, WEEKS[8:22], HIGH)
    _idea(client, ward, started_on=WEEKS[8].isoformat(), new_limits="yes")
    _aim(client, ward, kind="absolute", value="45")
    assert "The process will consistently meet the aim." in _page(client, ward)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"baseline_to": WEEKS[0].isoformat(), "baseline_from": WEEKS[7].isoformat()},
            "baseline_to",
            "The end of the baseline must be on or after its start",
        ),
        ({"baseline_from": "2026-02-30"}, "baseline_from", "as a real date"),
        (
            {"baseline_to": WEEKS[4].isoformat()},
            "baseline_from",
            "The baseline has 5 weeks with enough answers to chart; it needs at least 6",
        ),
        ({"baseline_to": "2030-01-07"}, "baseline_to", "The baseline must end by today"),
        ({"value": "lots"}, "value", "Enter the aim as a number, like 20"),
        ({"value": "0"}, "value", "Enter a change of more than 0%"),
        ({"value": "-10"}, "value", "Enter a change of more than 0%"),
        ({"value": "150"}, "value", "That aim would be 104.2%"),
        ({"kind": "absolute", "value": "101"}, "value", "a percentage must be from 0 to 100"),
        (
            {"kind": "absolute", "value": "40"},
            "value",
            "The aim must be above the baseline mean of 41.7%",
        ),
        ({"kind": "sideways"}, "kind", "Not a valid choice"),
    ],
)
def test_an_impossible_aim_is_refused_at_its_field(
    client, ward, facilitator, fields, field, message
):
    _fill(ward, WEEKS[:20], LOW)
    events = _count(AuditEvent)
    response = _aim(client, ward, **fields)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert f'href="#{field}"' in html
    assert _count(Aim) == 0 and _count(AuditEvent) == events


def test_weeks_too_small_to_show_do_not_count_towards_a_baseline(client, ward, facilitator):
    _fill(ward, WEEKS[:4], LOW)
    _fill(ward, WEEKS[4:8], [(2, 2)])  # 4 people a week: under the minimum of 5
    response = _aim(client, ward)
    assert "The baseline has 4 weeks" in response.get_data(as_text=True)


def test_an_aim_is_removed_after_a_confirmation(client, ward, facilitator):
    _fill(ward, WEEKS[:20], LOW)
    _aim(client, ward)
    aim = db.session.scalar(select(Aim))
    confirm = client.get(f"/dashboards/aims/{aim.id}/remove")
    assert "Remove the aim for Ward feels calm or fairly calm?" in confirm.get_data(as_text=True)
    assert post_form(client, f"/dashboards/aims/{aim.id}/remove", {}).status_code == 302
    assert _count(Aim) == 0
    html = _page(client, ward)
    assert "Set an aim" in html and "coprod-spc__target" not in html
    assert "coprod-icon--hit_and_miss" not in html
    assert "removed the aim for " + _q("Ward feels calm or fairly calm") in _sentences()[-1]


def test_another_trusts_ideas_and_aims_are_not_found(client, ward, facilitator, app):
    other = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], code="RX2")
    _fill(other, WEEKS[:20], LOW)
    owner = make_user(Role.FACILITATOR, [other.site.trust])
    idea = ChangeIdea(ward=other, title="Theirs", started_on=WEEKS[3], created_by=owner)
    aim = Aim(ward=other, measure_key=KEY, baseline_from=WEEKS[0], baseline_to=WEEKS[7])
    aim.kind, aim.value = "relative", 10
    db.session.add_all([idea, aim])
    db.session.commit()
    for url in (
        f"/dashboards/wards/{other.id}/changes",
        f"/dashboards/wards/{other.id}/changes/new",
        f"/dashboards/changes/{idea.id}/edit",
        f"/dashboards/changes/{idea.id}/delete",
        f"/dashboards/changes/{idea.id}/notes/new",
        f"/dashboards/wards/{other.id}/aim?measure={KEY}",
        f"/dashboards/aims/{aim.id}/remove",
        "/dashboards/changes/999999/edit",
    ):
        assert client.get(url).status_code == 404, url
        if url.endswith("/changes"):
            continue  # a list: nothing to post
        token_from = f"/dashboards/wards/{ward.id}/changes/new"
        data = {"title": "Taken over", "started_on": "2026-06-01", "new_limits": "no"}
        assert post_form(client, url, data, token_from=token_from).status_code == 404, url
    assert client.get(f"/dashboards/wards/{ward.id}/aim?measure=survey:nope:x").status_code == 404
    db.session.expire_all()
    assert db.session.get(ChangeIdea, idea.id).title == "Theirs"
    assert _count(Aim) == 1 and _count(PdsaNote) == 0


def test_every_problem_is_shown_at_once_not_one_at_a_time(client, ward, facilitator):
    idea = _idea(client, ward, title="", ended_on="2020-01-06").get_data(as_text=True)
    assert 'href="#title"' in idea and 'href="#ended_on"' in idea
    assert "The end must be on or after the start" in idea
    _fill(ward, WEEKS[:4], LOW)
    aim = _aim(client, ward, value="lots").get_data(as_text=True)
    assert "Enter the aim as a number, like 20" in aim
    assert "The baseline has 4 weeks with enough answers to chart" in aim
    assert aim.count("Enter the aim as a number, like 20") == 2  # in the summary and at the field


def test_only_changes_in_the_period_are_marked_and_a_baseline_gone_thin_is_said(
    client, ward, facilitator
):
    _fill(ward, WEEKS[:20], LOW)
    _idea(client, ward, title="Long ago", started_on="2025-01-06", new_limits="yes")
    # An aim whose baseline weeks have no answers (as after a higher minimum, say).
    aim = Aim(ward=ward, measure_key=KEY, baseline_from=date(2025, 1, 6))
    aim.baseline_to, aim.kind, aim.value = date(2025, 3, 31), "relative", 10
    db.session.add(aim)
    db.session.commit()
    html = _page(client, ward)
    assert "Long ago<span" not in html and "coprod-spc__change" not in html
    assert "These are trial limits" not in html  # its new limits fall outside the period too
    assert "The baseline no longer has 6 weeks with enough answers to chart" in html
    assert "coprod-spc__target" not in html and "Remove the aim" in html
