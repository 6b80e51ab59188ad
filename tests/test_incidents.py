"""Incident data from other systems: importing a CSV file into a series, all or nothing,
seeing and deleting a series, and its weeks charted for a ward."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import AuditEvent, Role
from coprod.models.base import local_today
from coprod.models.incidents import IncidentSeries, IncidentValue
from coprod.services import audit_words
from coprod.services.dashboards import incidents
from coprod.services.dashboards.incidents import IncidentImportError
from tests.factories import csrf_token, make_org, make_user, make_ward, sign_in

MONDAY = date(2026, 11, 2)
IMPORT = "/dashboards/incidents/import"


@pytest.fixture
def org(app):
    """A trust with two wards (RX1-W1, RX1-W2) and a second trust with its own ward."""
    trust, site, ward = make_org("RX1")
    second = make_ward(site, code="RX1-W2")
    other_trust, _site, other_ward = make_org("RY9")
    return {
        "trust": trust,
        "ward": ward,
        "second": second,
        "other_trust": other_trust,
        "other_ward": other_ward,
    }


@pytest.fixture
def facilitator(client, org):
    user = make_user(Role.FACILITATOR, [org["trust"]])
    sign_in(client, user.email)
    return user


def _upload(client, text: str | bytes, **fields):
    """Post the import form with a file, as a browser would."""
    data = text.encode() if isinstance(text, str) else text
    form = {
        "csrf_token": csrf_token(client, IMPORT),
        "series": "new",
        "name": "Restraints",
        "kind": "restraint",
        "improvement": "decrease",
        "ward": "",
        **fields,
    }
    if data is not None:
        form["file"] = (io.BytesIO(data), "restraints.csv")
    return client.post(IMPORT, data=form, content_type="multipart/form-data")


def _values(series_name: str = "Restraints") -> dict[tuple[str, date], float]:
    series = db.session.scalar(select(IncidentSeries).where(IncidentSeries.name == series_name))
    if series is None:
        return {}
    rows = db.session.scalars(select(IncidentValue).where(IncidentValue.series_id == series.id))
    return {(v.ward.code, v.week): v.value for v in rows}


def _summary(html: str) -> list[tuple[str, str]]:
    """Return the error summary's (link, text) pairs."""
    box = html.split('class="nhsuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return [
        (href, re.sub(r"\s+", " ", text).strip())
        for href, text in re.findall(r'<a href="([^"]+)"\s*>(.*?)</a>', box, re.S)
    ]


def test_a_new_series_is_imported_with_days_added_into_weeks(client, org, facilitator):
    csv = (
        "date,ward,value\n"
        "2026-11-02,RX1-W1,2\n"
        "2026-11-04,rx1-w1,1\n"  # the same week, and the code in any case
        "2026-11-09,RX1-W1,0\n"
        "09/11/2026,RX1-W2,4\n"  # a UK date, as spreadsheets save them
    )
    response = _upload(client, csv, note="Datix")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported 4 rows into Restraints: 3 weeks added, 0 replaced" in page
    assert _values() == {
        ("RX1-W1", MONDAY): 3,
        ("RX1-W1", MONDAY + timedelta(weeks=1)): 0,
        ("RX1-W2", MONDAY + timedelta(weeks=1)): 4,
    }
    assert "Lower is better" in page and "Datix" in page
    assert "Week from 9 Nov 2026: 0" in page and "Week from 2 Nov 2026: 3" in page
    listing = client.get("/dashboards/incidents").get_data(as_text=True)
    assert "Restraints" in listing and "2 weeks, 2 Nov 2026 to 9 Nov 2026" in listing


def test_reimporting_replaces_the_weeks_in_the_file_and_says_how_many(client, org, facilitator):
    _upload(client, "date,ward,value\n2026-11-02,RX1-W1,2\n2026-11-09,RX1-W1,5\n")
    series = db.session.scalar(select(IncidentSeries))
    response = _upload(
        client,
        "date,value\n2026-11-09,1\n2026-11-16,0\n",
        series=str(series.id),
        ward=str(org["ward"].id),
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported 2 rows into Restraints: 1 week added, 1 replaced" in page
    assert _values() == {
        ("RX1-W1", MONDAY): 2,
        ("RX1-W1", MONDAY + timedelta(weeks=1)): 1,
        ("RX1-W1", MONDAY + timedelta(weeks=2)): 0,
    }


def test_one_bad_row_stores_nothing_and_each_problem_is_located(client, org, facilitator):
    future = (local_today() + timedelta(days=1)).isoformat()
    csv = (
        "date,ward,value\n"
        "2026-11-02,RX1-W1,2\n"
        "2026-11-02,RX1-W1,3\n"
        "2026-11-03,XYZ,1\n"
        "2026-11-04,RX1-W1,-1\n"
        "yesterday,RX1-W1,1\n"
        f"{future},RX1-W1,1\n"
        "2026-11-05,RX1-W1\n"
        "2026-11-05,RY9-W1,1\n"  # a ward of another trust is no ward of this one
    )
    response = _upload(client, csv)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert html.count("Error:") >= 1 and "<title>Error: Import incident data" in html
    assert _summary(html) == [
        ("#file", "row 3: the same ward and date as row 2"),
        ("#file", "row 4: no ward XYZ in this trust"),
        ("#file", "row 5: the value must be a number of 0 or more"),
        ("#file", "row 6: the date &#39;yesterday&#39; is not a date like 2026-03-02"),
        ("#file", f"row 7: the date {future} is in the future"),
        ("#file", "row 8: 2 cells where the header has 3"),
        ("#file", "row 9: no ward RY9-W1 in this trust"),
    ]
    assert "The file has 7 problems, listed at the top of the page" in html
    assert db.session.scalar(select(func.count(IncidentSeries.id))) == 0
    assert db.session.scalar(select(func.count(IncidentValue.id))) == 0
    assert (
        db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action.like("incident%"))
        )
        == 0
    )
    # What was typed is kept; only the file must be chosen again.
    assert 'value="Restraints"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty: it needs a header row date,value"),
        ("date,value\n2026-11-02,1\n".encode("utf-16"), "The file is not UTF-8 text"),
        (b"date,value\n" + b"2026-11-02,1\n" * 90_000, "The file is larger than 1 MB: split it"),
        (b"date,count\n2026-11-02,1\n", "row 1: the header needs the column value"),
        (b"date,value,patient\n2026-11-02,1,A\n", "row 1: unknown column &#39;patient&#39;"),
        (b"date,value\n", "The file has a header but no rows"),
        (b"date,value\n" + b"2026-11-02,1\n" * 20_001, "The file has more than 20,000 rows"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_reason(
    client, org, facilitator, data, message
):
    response = _upload(client, data, ward=str(org["ward"].id))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(IncidentSeries.id))) == 0


def test_a_file_without_a_ward_column_needs_a_ward_chosen(client, org, facilitator):
    response = _upload(client, "date,value\n2026-11-02,1\n")
    assert response.status_code == 400
    assert _summary(response.get_data(as_text=True)) == [
        ("#ward", "The file has no ward column: choose the ward its figures are for")
    ]
    response = _upload(client, "date,value\n2026-11-02,1\n", ward=str(org["second"].id))
    assert response.status_code == 302
    assert _values() == {("RX1-W2", MONDAY): 1}


def test_the_form_itself_is_checked_before_anything_is_stored(client, org, facilitator):
    response = _upload(client, None, name=" ", kind="", series="new")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _summary(html) == [
        ("#name", "Enter a name for the new series, such as Restraints"),
        ("#kind", "Choose what the new series counts"),
        ("#file", "Choose a CSV file to upload"),
    ]
    _upload(client, "date,ward,value\n2026-11-02,RX1-W1,1\n")
    response = _upload(client, "date,ward,value\n2026-11-02,RX1-W1,1\n", name="restraints")
    assert _summary(response.get_data(as_text=True)) == [
        ("#name", f"{org['trust'].name} already has a series called restraints: choose it above")
    ]
    assert db.session.scalar(select(func.count(IncidentSeries.id))) == 1


def test_many_problems_are_listed_up_to_twenty_then_counted(client, org, facilitator):
    csv = "date,ward,value\n" + "".join(f"2026-11-02,NO{i},1\n" for i in range(25))
    html = _upload(client, csv).get_data(as_text=True)
    summary = _summary(html)
    assert len(summary) == 21
    assert summary[0] == ("#file", "row 2: no ward NO0 in this trust")
    assert summary[-1] == ("#file", "and 5 more")


def test_the_import_is_audited_by_counts_and_names_never_values(client, org, facilitator):
    _upload(client, "date,ward,value\n2026-11-02,RX1-W1,7\n2026-11-09,RX1-W2,8\n")
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "incident_series.import")
    )
    assert event.trust_id == org["trust"].id
    assert event.detail["wards"] == ["RX1-W1", "RX1-W2"]
    assert event.detail["added"] == 2 and event.detail["rows"] == 2
    assert "7" not in str(event.detail.values()) and "8" not in str(event.detail.values())
    sentence = audit_words.describe([event])[0].text
    assert sentence == (
        f"{facilitator.email} imported 2 rows of incident data into the new series"
        f" \u2018Restraints\u2019 of {org['trust'].name} for RX1-W1, RX1-W2:"
        " 2 weeks added, 0 replaced"
    )


def test_deleting_asks_first_then_removes_the_series_and_its_values(client, org, facilitator):
    _upload(client, "date,ward,value\n2026-11-02,RX1-W1,7\n2026-11-09,RX1-W2,8\n")
    series = db.session.scalar(select(IncidentSeries))
    url = f"/dashboards/incidents/{series.id}/delete"
    page = client.get(url).get_data(as_text=True)
    assert "Delete Restraints?" in page and "This cannot be undone" in page
    response = client.post(url, data={"csrf_token": csrf_token(client, url)})
    assert response.status_code == 302
    listing = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Deleted Restraints and its 2 values" in listing
    assert db.session.scalar(select(func.count(IncidentValue.id))) == 0
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "incident_series.delete")
    )
    assert event.detail == {"name": "Restraints", "values": 2, "wards": 2}
    sentence = audit_words.describe([event])[0].text
    assert sentence == (
        f"{facilitator.email} deleted the incident series \u2018Restraints\u2019 of"
        f" {org['trust'].name} with its 2 weekly figures on 2 wards"
    )


def test_another_trusts_series_and_wards_are_not_found(app, client, org):
    their_client = app.test_client()
    sign_in(their_client, make_user(Role.FACILITATOR, [org["other_trust"]]).email)
    _upload(their_client, "date,ward,value\n2026-11-02,RY9-W1,7\n", name="Seclusions")
    theirs = db.session.scalar(select(IncidentSeries))
    user = make_user(Role.FACILITATOR, [org["trust"]])
    sign_in(client, user.email)
    assert "Seclusions" not in client.get("/dashboards/incidents").get_data(as_text=True)
    for url in (
        f"/dashboards/incidents/{theirs.id}",
        f"/dashboards/incidents/{theirs.id}/delete",
        f"{IMPORT}?series={theirs.id}",
        "/dashboards/incidents/999999",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Seclusions" not in response.get_data(as_text=True)
    url = f"/dashboards/incidents/{theirs.id}/delete"
    token = csrf_token(client, IMPORT)
    assert client.post(url, data={"csrf_token": token}).status_code == 404
    # Naming their series or ward in the form is refused like any unknown choice.
    response = _upload(client, "date,value\n2026-11-02,1\n", series=str(theirs.id))
    assert response.status_code == 400
    assert "Choose one of the series listed, or a new one" in response.get_data(as_text=True)
    response = _upload(client, "date,value\n2026-11-02,1\n", ward=str(org["other_ward"].id))
    assert "Choose one of the wards listed" in response.get_data(as_text=True)
    db.session.expire_all()
    assert _values("Seclusions") == {("RY9-W1", MONDAY): 7}
    assert _values("Restraints") == {}


def test_an_account_of_several_trusts_chooses_the_trust_of_a_new_series(client, org):
    user = make_user(Role.FACILITATOR, [org["trust"], org["other_trust"]])
    sign_in(client, user.email)
    response = _upload(client, "date,ward,value\n2026-11-02,RY9-W1,1\n")
    assert _summary(response.get_data(as_text=True)) == [
        ("#trust", "Choose the trust of the new series")
    ]
    # A ward of the other trust is no ward for the series.
    response = _upload(
        client,
        "date,value\n2026-11-02,1\n",
        trust=str(org["other_trust"].id),
        ward=str(org["ward"].id),
    )
    assert _summary(response.get_data(as_text=True)) == [
        ("#ward", f"The series is of {org['other_trust'].name}: choose one of its wards")
    ]
    response = _upload(
        client, "date,ward,value\n2026-11-02,RY9-W1,1\n", trust=str(org["other_trust"].id)
    )
    assert response.status_code == 302
    assert db.session.scalar(select(IncidentSeries)).trust_id == org["other_trust"].id


def _series(org, improvement="decrease", values=()) -> IncidentSeries:
    series = IncidentSeries(
        trust=org["trust"], name="Seclusions", kind="seclusion", improvement=improvement
    )
    db.session.add(series)
    db.session.flush()
    for week, value in values:
        db.session.add(IncidentValue(series=series, ward=org["ward"], week=week, value=value))
    db.session.commit()
    return series


def test_a_wards_chart_has_every_week_with_gaps_where_there_is_no_figure(org):
    weeks = [MONDAY + timedelta(weeks=i) for i in range(6)]
    series = _series(org, values=[(weeks[0], 4), (weeks[1], 0), (weeks[3], 2), (weeks[5], 9)])
    # Another ward's figures stay on that ward.
    db.session.add(IncidentValue(series=series, ward=org["second"], week=weeks[2], value=50))
    db.session.commit()
    (chart,) = incidents.incident_charts(org["ward"].id, weeks[0] + timedelta(days=3), weeks[5])
    assert chart.key == f"series:{series.id}" and chart.label == "Seclusions"
    assert chart.improvement == "decrease" and chart.unit == "incidents a week"
    assert chart.weeks == (
        (weeks[0], 4),
        (weeks[1], 0),  # a zero is a figure
        (weeks[2], None),
        (weeks[3], 2),
        (weeks[4], None),
        (weeks[5], 9),
    )
    assert [p.date for p in chart.chart.points] == [weeks[0], weeks[1], weeks[3], weeks[5]]
    assert chart.chart.improvement == "decrease"
    rebased = incidents.incident_charts(org["ward"].id, weeks[0], weeks[5], rebase=(weeks[3],))
    assert [p.group for p in rebased[0].chart.points] == [0, 0, 1, 1]
    assert incidents.incident_charts(org["second"].id, weeks[0], weeks[5])[0].chart is None


def test_a_rise_in_incidents_reads_as_concern(org):
    weeks = [MONDAY - timedelta(weeks=20 - i) for i in range(20)]
    values = [2, 3] * 6 + [9, 10, 9, 10, 9, 10, 9, 10]
    _series(org, values=list(zip(weeks, values, strict=True)))
    (chart,) = incidents.incident_charts(org["ward"].id, weeks[0], weeks[-1])
    assert chart.chart.variation == "concern"


def test_the_file_reader_adds_days_into_mondays_weeks():
    totals, rows = incidents.read_file(
        b"\xef\xbb\xbfdate,value\n2026-11-08,1.5\n2026-11-02,1\n\n2026-11-09,0\n",
        {},
        7,
        date(2026, 12, 1),
    )
    assert rows == 3
    assert totals == {(7, MONDAY): 2.5, (7, MONDAY + timedelta(weeks=1)): 0}
    with pytest.raises(IncidentImportError) as raised:
        incidents.read_file(b"date,value\n2026-12-02,1\n", {}, 7, date(2026, 12, 1))
    assert raised.value.problems == [("file", "row 2: the date 2026-12-02 is in the future")]


def test_an_empty_ward_cell_is_for_the_ward_chosen_and_missing_without_one():
    data = b"date,ward,value\n2026-11-02,,1\n2026-11-02,W2,2\n"
    totals, _rows = incidents.read_file(data, {"W2": 2}, 1, date(2026, 12, 1))
    assert totals == {(1, MONDAY): 1, (2, MONDAY): 2}
    with pytest.raises(IncidentImportError) as raised:
        incidents.read_file(data, {"W2": 2}, None, date(2026, 12, 1))
    assert raised.value.problems == [("file", "row 2: the ward is missing")]


def test_signed_out_people_are_sent_to_sign_in(client):
    for url in ("/dashboards/incidents", IMPORT):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def _ward_page(client, ward, weeks):
    query = {"from": weeks[0].isoformat(), "to": weeks[-1].isoformat()}
    return client.get(f"/dashboards/wards/{ward.id}", query_string=query)


def test_a_series_is_charted_on_its_ward_page_beside_the_survey_measures(client, org, facilitator):
    weeks = [MONDAY - timedelta(weeks=19 - i) for i in range(20)]
    values = [(w, 6 + (i % 3)) for i, w in enumerate(weeks[:12])]
    values += [(w, 1 + (i % 2)) for i, w in enumerate(weeks[12:])]
    series = _series(org, values=values)
    page = _ward_page(client, org["ward"], weeks)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Incident data from other systems" in html
    section = html.split(f'id="chart-series-{series.id}-heading"', 1)[1].split("</section>", 1)[0]
    assert "Seclusions, incidents, week by week" in section
    # Fewer seclusions is better: the last eight weeks below the mean read as improvement.
    assert "improvement" in section and "<svg" in section
    assert "No figure for this week" not in section
    # The other ward, with no figures, has no incident charts.
    other = _ward_page(client, org["second"], weeks).get_data(as_text=True)
    assert "Incident data from other systems" not in other


def test_a_series_takes_an_aim_like_a_survey_measure(client, org, facilitator):
    from tests.factories import post_form

    weeks = [MONDAY - timedelta(weeks=19 - i) for i in range(20)]
    series = _series(org, values=[(w, 6 + (i % 2)) for i, w in enumerate(weeks)])
    key = f"series:{series.id}"
    url = f"/dashboards/wards/{org['ward'].id}/aim?measure={key}"
    data = {"measure": key, "baseline_from": weeks[0].isoformat()}
    data |= {"baseline_to": weeks[9].isoformat(), "kind": "relative", "value": "50"}
    saved = post_form(client, url, data)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    html = _ward_page(client, org["ward"], weeks).get_data(as_text=True)
    section = html.split(f'id="chart-series-{series.id}-heading"', 1)[1].split("</section>", 1)[0]
    # Half of a baseline mean of 6.5 a week, and a process whose lower limit is above it.
    assert "Aim: 3.2, 50% below the baseline mean" in section
    assert "consistently fail" in section
    assert "3.2%" not in section  # a count, not a share
    other = IncidentSeries(trust=org["other_trust"], name="Theirs", kind="restraint")
    db.session.add(other)
    db.session.commit()
    theirs = f"/dashboards/wards/{org['ward'].id}/aim?measure=series:{other.id}"
    assert client.get(theirs).status_code == 404


@pytest.mark.parametrize("key", ["series:²", "series:" + "9" * 30])
def test_an_odd_series_key_on_the_aim_page_is_not_found(client, org, facilitator, key):
    assert client.get(f"/dashboards/wards/{org['ward'].id}/aim?measure={key}").status_code == 404
