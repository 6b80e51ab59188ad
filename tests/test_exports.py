"""Downloads of the dashboards: aggregated figures only, suppressed exactly as on screen,
with their filters, safe to open in a spreadsheet, and audit-logged."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import AuditEvent, Role, WardType
from coprod.services import audit_words, devices, org
from tests.factories import make_choices, make_site, make_trust, make_user, sign_in
from tests.test_overview import PERIOD, WEEKS, answer, make_riverside, table_rows, version


@pytest.fixture
def org_(app):
    return make_riverside(app.config["COPROD_SURVEY_DIR"])


@pytest.fixture
def user(org_):
    trust, _wards = org_
    return make_user(Role.FACILITATOR, [trust])


@pytest.fixture
def signed_in(client, user):
    sign_in(client, user.email)
    return client


def read_csv(reply) -> tuple[dict[str, str], list[list[str]]]:
    """Return the CSV's filters {name: value} and its table (header first)."""
    lines = list(csv.reader(io.StringIO(reply.get_data().decode("utf-8-sig"))))
    blank = lines.index([])
    assert lines[0] == ["Filter", "Value"]
    return dict(lines[1:blank]), lines[blank + 1 :]


def read_xlsx(reply) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(reply.get_data()))


def test_the_overview_csv_agrees_with_the_page_and_names_its_filters(signed_in, org_):
    _trust, wards = org_
    answer(wards["Ash"], {WEEKS[-2]: (4, 4), WEEKS[-1]: (6, 2)})
    answer(wards["Birch"], {WEEKS[-1]: (5, 5)})
    answer(wards["Cedar"], {WEEKS[-1]: (1, 2)})
    query = {"survey": "ward-weather", **PERIOD, "type": "acute_adult", "sort": "ward"}
    html = signed_in.get("/dashboards", query_string=query).get_data(as_text=True)
    reply = signed_in.get("/dashboards/export.csv", query_string=query)
    assert reply.status_code == 200
    assert reply.mimetype == "text/csv"
    assert "attachment" in reply.headers["Content-Disposition"]
    filters, table = read_csv(reply)
    assert filters["Survey"] == "Ward weather"
    assert filters["From"] == PERIOD["from"] and filters["To"] == PERIOD["to"]
    assert filters["Ward type"] == "Acute adult"
    assert filters["Version"] == "All versions"
    assert "fewer than 5 patients" in filters["Small numbers"]
    header, body = table[0], {row[2]: row for row in table[1:]}
    assert header[:4] == ["Trust", "Site", "Ward", "Responses"]
    screen = table_rows(html)
    for name in ("Ash", "Birch", "Cedar", "All wards at North Hospital"):
        # The responses cell, word for word or number for number, as the page shows it.
        assert body[name][3] == screen[name][1], name
        shown = re.match(r"(\d+)%", screen[name][2])
        if shown:
            assert round(float(body[name][5])) == int(shown.group(1))
            assert body[name][4] == WEEKS[-1].isoformat()
            # The share's denominator, as the page shows it ("of 8").
            assert f"of {body[name][6]}" in screen[name][2]
        else:
            assert body[name][5] == screen[name][2]
    assert body["Cedar"][3] == "Not shown"
    assert "Dove" not in body  # not an acute ward
    assert body["Ash"][7] in ("Common cause", "Improvement", "Concern")


def test_the_overview_spreadsheet_has_the_table_and_an_about_sheet(signed_in, org_):
    _trust, wards = org_
    answer(wards["Ash"], {WEEKS[-1]: (6, 2)})
    reply = signed_in.get(
        "/dashboards/export.xlsx", query_string={"survey": "ward-weather", **PERIOD}
    )
    assert reply.status_code == 200
    book = read_xlsx(reply)
    assert book.sheetnames == ["Measures by ward", "About"]
    rows = list(book["Measures by ward"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Trust", "Site", "Ward", "Responses")
    by_ward = {row[2]: row for row in rows[1:]}
    assert by_ward["Ash"][3] == 8
    assert by_ward["Birch"][3] == 0  # nobody: zero is shown
    assert by_ward["All wards at North Hospital"][3] == 8
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Survey"] == "Ward weather"
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", about["Made"])
    assert "fewer than 5" in about["Small numbers"]


def test_names_that_look_like_formulas_stay_text(client, app):
    from coprod.services import survey_files

    survey_files.register_versions(survey_files.load_directory(app.config["COPROD_SURVEY_DIR"]))
    trust = make_trust("RT9", "Trust Nine")
    site = make_site(trust, '=HYPERLINK("http://example.com","Click")')
    ward = org.create_ward(
        site, code="RT9-W1", name="@SUM(1+1)", ward_type=WardType.PICU, actor=None
    )
    devices.open_survey(ward, "ward-weather", actor=None)
    db.session.commit()
    sign_in(client, make_user(Role.FACILITATOR, [trust]).email)
    query = {"survey": "ward-weather", **PERIOD, "q": "-1+1"}
    # The search finds nothing, but the file still names it.
    query["q"] = "+cmd"
    filters, _table = read_csv(client.get("/dashboards/export.csv", query_string=query))
    assert filters["Ward name or code contains"] == "'+cmd"
    del query["q"]
    _filters, table = read_csv(client.get("/dashboards/export.csv", query_string=query))
    row = next(r for r in table if r[2] == "'@SUM(1+1)")
    assert row[1].startswith("'=HYPERLINK(")
    book = read_xlsx(client.get("/dashboards/export.xlsx", query_string=query))
    cells = [c for r in book["Measures by ward"].iter_rows() for c in r if c.value]
    risky = [c for c in cells if str(c.value).startswith(("=", "@"))]
    assert risky and all(c.data_type == "s" for c in risky)


def test_the_ward_export_has_every_week_and_never_a_small_count(signed_in, org_):
    _trust, wards = org_
    ash = wards["Ash"]
    weeks = {week: [(2, 4), (3, 3)][i % 2] for i, week in enumerate(WEEKS[:12])}
    weeks[WEEKS[12]] = (1, 1)  # 2 people: not shown
    answer(ash, weeks)
    query = {"survey": "ward-weather", **PERIOD}
    html = signed_in.get(f"/dashboards/wards/{ash.id}", query_string=query).get_data(as_text=True)
    reply = signed_in.get(f"/dashboards/wards/{ash.id}/export.csv", query_string=query)
    assert reply.status_code == 200
    filters, table = read_csv(reply)
    assert filters["Ward"] == "Ash (RT1-ASH)" and filters["Survey"] == "Ward weather"
    header, rows = table[0], table[1:]
    assert header == [
        "Week from",
        "Measure",
        "Answered",
        "Positive (per cent)",
        "Mean",
        "Lower process limit",
        "Upper process limit",
        "Point type",
        "Trial limits",
    ]
    assert len(rows) == 26  # one measure, every week of the period
    small = next(r for r in rows if r[0] == WEEKS[12].isoformat())
    assert small[2:4] == ["Fewer than 5", "Fewer than 5"]
    assert small[4:] == ["", "", "", "", ""]
    assert not any(cell == "2" for cell in small)
    first = rows[0]
    assert first[2] == "6" and round(float(first[3])) == 33
    # The page and the file tell the same: the mean of twelve weeks alternating 33% and 50%.
    assert float(first[4]) == pytest.approx(41.7, abs=0.05)
    assert first[7] == "Common cause" and first[8] == "No"
    assert "Not shown: fewer than 5 answered" in html and '">6</td>' in html


def test_the_ward_spreadsheet_writes_numbers_as_numbers(signed_in, org_):
    _trust, wards = org_
    answer(wards["Ash"], {WEEKS[0]: (3, 3), WEEKS[1]: (4, 2)})
    reply = signed_in.get(
        f"/dashboards/wards/{wards['Ash'].id}/export.xlsx",
        query_string={"survey": "ward-weather", **PERIOD},
    )
    book = read_xlsx(reply)
    assert book.sheetnames == ["Weeks", "About"]
    rows = list(book["Weeks"].iter_rows(values_only=True))
    assert rows[1][2] == 6 and rows[1][3] == 50.0
    assert rows[3][2] == 0 and rows[3][3] == "Nobody answered"  # a week nobody answered


@pytest.mark.parametrize(
    ("url", "query", "message"),
    [
        ("/dashboards/export.csv", {"from": "March"}, "Enter dates like 2026-03-02"),
        ("/dashboards/export.xlsx", {"variant": "big"}, "Choose all versions, standard or Easy"),
        ("/dashboards/export.csv", {"sort": "nhs_number"}, "Sort by a column of the table"),
        ("ward", {"rebase": "last Tuesday"}, "Enter the date of a change like 2026-03-02"),
    ],
)
def test_bad_filters_answer_400_with_the_message_not_a_file(signed_in, org_, url, query, message):
    _trust, wards = org_
    if url == "ward":
        url = f"/dashboards/wards/{wards['Ash'].id}/export.csv"
    reply = signed_in.get(url, query_string={"survey": "ward-weather", **PERIOD, **query})
    assert reply.status_code == 400
    assert message in reply.get_data(as_text=True)
    assert "Content-Disposition" not in reply.headers
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action.like("export.%"))) is None


def test_another_trusts_ward_or_site_is_not_found(client, org_, app):
    _trust, wards = org_
    outsider = make_user(Role.FACILITATOR, [make_trust("RT2", "Other Trust")])
    sign_in(client, outsider.email)
    query = {"survey": "ward-weather", **PERIOD}
    for kind in ("csv", "xlsx"):
        url = f"/dashboards/wards/{wards['Ash'].id}/export.{kind}"
        assert client.get(url, query_string=query).status_code == 404
        site = {"site": str(wards["Ash"].site_id)}
        assert (
            client.get(f"/dashboards/export.{kind}", query_string={**query, **site}).status_code
            == 404
        )
    assert client.get("/dashboards/wards/999999/export.csv").status_code == 404
    assert client.get("/dashboards/export.pdf").status_code == 404


def test_signed_out_people_get_no_file(client, org_):
    _trust, wards = org_
    assert client.get("/dashboards/export.csv").status_code in (302, 401)
    assert client.get(f"/dashboards/wards/{wards['Ash'].id}/export.xlsx").status_code in (302, 401)


def test_every_export_is_audit_logged_with_its_filters_in_plain_words(signed_in, org_, user):
    trust, wards = org_
    query = {"survey": "ward-weather", **PERIOD, "variant": "easy_read"}
    assert signed_in.get("/dashboards/export.xlsx", query_string=query).status_code == 200
    url = f"/dashboards/wards/{wards['Ash'].id}/export.csv"
    assert signed_in.get(url, query_string={"survey": "ward-weather", **PERIOD}).status_code == 200
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.like("export.%")).order_by(AuditEvent.id)
    ).all()
    assert [e.action for e in events] == ["export.overview", "export.ward"]
    overview, ward = events
    assert overview.actor_id == user.id and overview.trust_id == trust.id
    assert overview.detail["format"] == "xlsx"
    assert overview.detail["filters"]["Version"] == "Easy Read"
    assert overview.detail["trusts"] == ["RT1"]
    assert ward.object_type == "ward" and ward.object_id == str(wards["Ash"].id)
    words = [entry.text for entry in audit_words.describe(events)]
    assert "downloaded the measures by ward (\u2018Ward weather\u2019" in words[0]
    assert words[0].endswith("as a spreadsheet)")
    assert "downloaded the weekly measures of Ash" in words[1] and words[1].endswith("as CSV)")


def test_the_overview_offers_both_downloads_with_its_filters(signed_in, org_):
    html = signed_in.get(
        "/dashboards", query_string={"survey": "ward-weather", **PERIOD, "q": "ash"}
    ).get_data(as_text=True)
    assert re.search(r'href="/dashboards/export.csv\?[^"]*q=ash[^"]*"[^>]*>Download CSV<', html)
    assert re.search(r'href="/dashboards/export.xlsx\?[^"]*"[^>]*>Download spreadsheet<', html)


def test_side_by_side_exports_name_each_group_and_its_minimum(signed_in, org_):
    _trust, wards = org_
    ash = wards["Ash"]
    for survey in ("patient-ward-climate", "staff-ward-climate"):
        devices.open_survey(ash, survey, actor=None)
    staff, patients = version("staff-ward-climate"), version("patient-ward-climate")
    for _ in range(12):
        make_choices(ash, staff, WEEKS[0], {"therapeutic_time": "agree"})
    for _ in range(3):
        make_choices(ash, patients, WEEKS[0], {"staff_listen": "agree"})
    db.session.commit()
    query = {"survey": "staff-ward-climate", **PERIOD, "audience": "both"}
    filters, table = read_csv(signed_in.get("/dashboards/export.csv", query_string=query))
    assert filters["Survey"] == "Life on the ward; Working on this ward"
    assert "Patients: Responses" in table[0] and "Staff: Responses" in table[0]
    row = next(r for r in table if r[2] == "Ash")
    assert row[table[0].index("Staff: Responses")] == "12"
    assert row[table[0].index("Patients: Responses")] == "Not shown"
    assert "11 staff" in filters["Small numbers"]
