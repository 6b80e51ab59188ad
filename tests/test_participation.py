"""Who took part on a ward, against who was on it: what a facilitator sees, and what
nobody may see."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import AuditEvent, Role, SurveyVersion, WardPopulation
from coprod.services import audit_words
from tests.factories import csrf_token, make_choices, make_surveyed_ward, make_user, sign_in

WEEK = date(2026, 11, 16)  # a Monday
PERIOD = {"quarter": "2026-Q4", "survey": "ward-weather"}  # whole quarters, one survey
SURVEYS = ("ward-weather", "staff-ward-climate")


@pytest.fixture
def ward(app):
    return make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], surveys=SURVEYS)


@pytest.fixture
def facilitator(client, ward):
    user = make_user(Role.FACILITATOR, [ward.site.trust])
    sign_in(client, user.email)
    return user


def _version(survey_id="ward-weather", variant="standard") -> SurveyVersion:
    return db.session.scalar(
        select(SurveyVersion).where(
            SurveyVersion.survey_id == survey_id, SurveyVersion.variant == variant
        )
    )


def _add(ward, n, answers, variant="standard", helped=None, survey_id="ward-weather"):
    version = _version(survey_id, variant)
    for _ in range(n):
        make_choices(ward, version, WEEK, answers).helped = helped


def _patients(ward):
    """25 patients: 14 standard, 11 Easy Read (6 had help, 5 did not)."""
    _add(ward, 10, {"gender": "woman", "ethnic_group": "white", "age_band": "age_18_24"})
    _add(ward, 2, {"gender": "woman", "ethnic_group": "white", "age_band": "age_25_34"})
    _add(ward, 2, {"gender": "non_binary", "ethnic_group": "asian", "age_band": "age_25_34"})
    _add(ward, 5, {"gender": "man", "ethnic_group": "black"}, "easy_read", True)
    _add(ward, 1, {"gender": "man", "ethnic_group": "asian"}, "easy_read", True)
    _add(ward, 4, {"gender": "man"}, "easy_read", False)
    _add(ward, 1, {"gender": "prefer_not_to_say"}, "easy_read", False)
    db.session.commit()


def _page(client, ward, **query):
    return client.get(
        f"/dashboards/wards/{ward.id}/participation", query_string={**PERIOD, **query}
    )


def _cells(html: str, caption: str, label: str) -> list[str]:
    """Return the cells of the row headed label in the table captioned caption."""
    table = re.search(
        r"<caption[^>]*>\s*" + re.escape(caption) + r"\s*</caption>(.*?)</table>", html, re.S
    )
    assert table, f"no table {caption!r}"
    row = re.search(
        r"<th scope=\"row\"[^>]*>\s*" + re.escape(label) + r"\s*</th>(.*?)</tr>",
        table.group(1),
        re.S,
    )
    assert row, f"no row {label!r} in {caption!r}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", c).replace("&ndash;", "").strip() for c in cells]


def test_a_facilitator_sees_who_took_part_by_format_help_and_answers(client, ward, facilitator):
    _patients(ward)
    page = _page(client, ward)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "25 responses." in html
    formats = "Patients: responses by format and whether someone helped"
    assert _cells(html, formats, "Standard") == ["0", "0", "14", "14"]
    assert _cells(html, formats, "Easy Read") == ["6", "5", "0", "11"]
    assert _cells(html, formats, "All formats") == ["6", "5", "14", "25"]
    gender = "Patients: Gender"
    assert _cells(html, gender, "Woman") == ["12", "48%"]
    # 2 and 1 are too small; together they are only 3, which 25 less the counts shown
    # would give away, so the next smallest count (10) goes too. Zeros show.
    assert _cells(html, gender, "Non-binary") == ["Not shown", "Not shown"]
    assert _cells(html, gender, "Prefer not to say") == ["Not shown", "Not shown"]
    assert _cells(html, gender, "Man") == ["Not shown", "Not shown"]
    assert _cells(html, gender, "Not answered") == ["0", "0%"]
    assert _cells(html, gender, "I describe my gender another way") == ["0", "0%"]
    assert _cells(html, gender, "Everyone") == ["25", "100%"]
    assert "Staff:" not in html  # one survey at a time: a patients' survey's own audience
    assert "What is making it feel that way?" not in html  # never a free-text question


def test_hiding_only_the_small_count_would_leak_it_so_the_next_smallest_goes_too(
    client, ward, facilitator
):
    _patients(ward)
    html = _page(client, ward).get_data(as_text=True)
    ethnic = "Patients: Ethnic group"
    # 12 white + 5 black + 3 asian + 5 not answered = 25: with the 3 alone hidden,
    # 25 - 12 - 5 - 5 would give it back, so the next smallest count (5) is hidden too.
    assert _cells(html, ethnic, "Asian, Asian British or Asian Welsh")[0] == "Not shown"
    hidden_partner = [
        _cells(html, ethnic, "Black, Black British, Black Welsh, Caribbean or African")[0],
        _cells(html, ethnic, "Not answered")[0],
    ]
    assert "Not shown" in hidden_partner
    assert _cells(html, ethnic, "White") == ["12", "48%"]
    assert ">3<" not in html.split(ethnic, 1)[1].split("</table>", 1)[0]


def test_staff_are_counted_against_the_staff_minimum(client, ward, facilitator):
    _add(ward, 10, {"gender": "woman"}, survey_id="staff-ward-climate")
    db.session.commit()
    html = _page(client, ward, survey="staff-ward-climate").get_data(as_text=True)
    assert "Fewer than 11 responses in this period" in html
    assert "Staff: Gender" not in html
    _add(ward, 1, {"gender": "man"}, survey_id="staff-ward-climate")
    db.session.commit()
    html = _page(client, ward, survey="staff-ward-climate").get_data(as_text=True)
    assert "11 responses." in html
    assert _cells(html, "Staff: Gender", "Woman") == ["Not shown", "Not shown"]
    assert _cells(html, "Staff: Gender", "Man") == ["Not shown", "Not shown"]
    assert "Patients: Gender" not in html  # one survey: its own audience only


def _population_form(**counts):
    data = {"starts_on": "2026-11-02", "ends_on": "2026-11-29", "total": "20"}
    return {**data, **counts}


def _post(client, url, data, **kwargs):
    return client.post(url, data={"csrf_token": csrf_token(client, url), **data}, **kwargs)


def test_entering_who_was_on_the_ward_shows_the_shares_and_the_gaps(client, ward, facilitator):
    _patients(ward)
    url = f"/dashboards/wards/{ward.id}/population/new"
    form = _population_form(
        gender__woman="5", gender__man="10", gender__non_binary="2", gender__another_way="3",
        ethnic_group__white="10", ethnic_group__black="6", ethnic_group__not_known="4",
        age_band__not_known="20", first_language__english="20",
    )  # fmt: skip
    saved = _post(client, url, form)
    assert saved.status_code == 302
    # Back to the page, for the quarter the counts are of.
    assert "participation" in saved.headers["Location"]
    assert "quarter=2026-Q4" in saved.headers["Location"]
    html = _page(client, ward).get_data(as_text=True)
    assert "Saved who was on" in html
    assert "20 people." in html
    gender = "Patients: Gender"
    # 48% of responses against 25% of the ward: 23 points more.
    assert _cells(html, gender, "Woman") == ["12", "48%", "5", "25%", "+23"]
    # The 10 men who answered hide the 2 and 1 beside them; the 10 on the ward show.
    assert _cells(html, gender, "Man") == ["Not shown", "Not shown", "10", "50%", "Not shown"]
    # 2 and 3 on the ward are too few to show; so are the gaps made from them.
    assert _cells(html, gender, "Non-binary") == ["Not shown"] * 5
    another = _cells(html, gender, "I describe my gender another way")
    assert another == ["0", "0%", "Not shown", "Not shown", "Not shown"]
    assert _cells(html, gender, "Everyone")[2:4] == ["20", "100%"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "population.enter"))
    assert event is not None and event.trust_id == ward.site.trust_id
    sentence = audit_words.describe([event])[0].text
    assert f"entered who was on {ward.name} from 2026-11-02 to 2026-11-29" in sentence


def test_counts_that_do_not_add_up_are_refused_where_they_are(client, ward, facilitator):
    url = f"/dashboards/wards/{ward.id}/population/new"
    refused = _post(client, url, _population_form(gender__woman="8", gender__man="x"))
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "There is a problem" in html
    assert 'href="#gender__man"' in html and "Gender: Man: enter a whole number" in html
    refused = _post(client, url, _population_form(gender__woman="8", ends_on="2026-10-01"))
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert 'href="#ends_on"' in html
    refused = _post(client, url, _population_form(gender__woman="8"))
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Gender adds up to 8, not 20" in html
    assert 'href="#gender__woman"' in html
    assert db.session.scalar(select(func.count(WardPopulation.id))) == 0


def _csv(text: str):
    return {"file": (io.BytesIO(text.encode()), "ward.csv")}


def test_a_csv_file_imports_whole_or_not_at_all(client, ward, facilitator):
    _patients(ward)
    url = f"/dashboards/wards/{ward.id}/population/import"
    period = {"starts_on": "2026-11-02", "ends_on": "2026-11-29"}
    bad = "category,value,count\ngender,woman,8\ngender,mann,10\nshoe_size,9,1\ngender,man,x\n"
    refused = _post(client, url, {**period, **_csv(bad)}, content_type="multipart/form-data")
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "Row 3: \u2018mann\u2019 is not a value of gender" in html
    assert "Row 4: \u2018shoe_size\u2019 is not a category" in html
    assert "Row 5: the count must be a whole number" in html
    assert 'href="#file"' in html
    uneven = "category,value,count\ngender,woman,8\ngender,man,12\nethnic_group,white,19\n"
    refused = _post(client, url, {**period, **_csv(uneven)}, content_type="multipart/form-data")
    assert "Ethnic group adds up to 19, not 20" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count(WardPopulation.id))) == 0
    good = "category,value,count\ngender,woman,8\ngender,man,12\n"
    saved = _post(client, url, {**period, **_csv(good)}, content_type="multipart/form-data")
    assert saved.status_code == 302
    html = _page(client, ward).get_data(as_text=True)
    assert _cells(html, "Patients: Gender", "Woman") == ["12", "48%", "8", "40%", "+8"]
    assert _cells(html, "Patients: Gender", "Man")[2:4] == ["12", "60%"]
    # Left out of the file, everyone's age is not known.
    assert _cells(html, "Patients: Age", "Not known on the ward")[2:] == [
        "20",
        "100%",
        "Does not apply",
    ]
    # The same period again replaces its counts.
    again = "category,value,count\ngender,woman,10\ngender,man,10\n"
    _post(client, url, {**period, **_csv(again)}, content_type="multipart/form-data")
    population = db.session.scalar(select(WardPopulation))
    db.session.refresh(population)
    assert population.count("gender", "woman") == 10
    assert db.session.scalar(select(func.count(WardPopulation.id))) == 1
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("pop%")).order_by(AuditEvent.id)
    )
    assert list(actions) == ["population.import", "population.import"]
    last = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    sentence = audit_words.describe([last])[0].text
    assert sentence.endswith(
        f"imported who was on {ward.name} from 2026-11-02 to 2026-11-29, "
        "replacing the counts before"
    )


def test_another_trusts_ward_is_not_found_and_nothing_is_stored(client, ward, app):
    other = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], code="RX2")
    user = make_user(Role.FACILITATOR, [other.site.trust])
    sign_in(client, user.email)
    assert _page(client, ward).status_code == 404
    assert _page(client, other, survey="no-such-survey").status_code == 404
    assert client.get("/dashboards/wards/999999/participation").status_code == 404
    for path in ("population/new", "population/import"):
        assert client.get(f"/dashboards/wards/{ward.id}/{path}").status_code == 404
    token = csrf_token(client, f"/dashboards/wards/{other.id}/population/new")
    posted = client.post(
        f"/dashboards/wards/{ward.id}/population/new",
        data={"csrf_token": token, **_population_form(gender__woman="20")},
    )
    assert posted.status_code == 404
    assert db.session.scalar(select(func.count(WardPopulation.id))) == 0


def test_signed_out_people_are_sent_to_sign_in(client, ward):
    response = client.get(f"/dashboards/wards/{ward.id}/participation")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    ("quarter", "message"),
    [
        ("yesterday", "Choose a quarter, like 2026-Q3"),
        ("2026-Q5", "Choose a quarter, like 2026-Q3"),
        ("1999-Q1", "Choose a quarter from the list"),
        ("2099-Q1", "Choose a quarter from the list"),
    ],
)
def test_a_period_is_a_whole_quarter_and_a_bad_one_is_refused(
    client, ward, facilitator, quarter, message
):
    page = _page(client, ward, quarter=quarter)
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert message in html and 'href="#quarter"' in html
    # Dates are not taken: a period and a week more would give a small group away.
    _patients(ward)
    one = _page(client, ward, **{"from": "2026-11-02", "to": "2026-11-15"})
    two = _page(client, ward, **{"from": "2026-11-02", "to": "2026-11-22"})
    assert one.get_data(as_text=True).count("25") == two.get_data(as_text=True).count("25")


def test_across_the_trust_a_total_hides_wherever_a_ward_hides_its_count(client, ward, app):
    from tests.factories import make_ward

    second = make_ward(ward.site)
    _add(ward, 8, {"gender": "woman"})
    _add(ward, 7, {"gender": "man"})
    _add(second, 6, {"gender": "woman"})
    _add(second, 3, {"gender": "man"})
    _add(second, 2, {"gender": "prefer_not_to_say"})
    db.session.commit()
    user = make_user(Role.FACILITATOR, [ward.site.trust])
    sign_in(client, user.email)
    url = f"/dashboards/trusts/{ward.site.trust_id}/participation"
    page = client.get(url, query_string=PERIOD)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    by_ward = "Patients: responses by ward and format"
    assert _cells(html, by_ward, ward.name) == ["15", "0", "15"]
    assert _cells(html, by_ward, second.name) == ["11", "0", "11"]
    assert _cells(html, by_ward, "All wards") == ["26", "0", "26"]
    gender = "Patients across the wards: Gender"
    assert _cells(html, gender, "Woman") == ["14", "54%"]
    # 7 + 3 = 10 would give back the second ward's 3, which its own page hides.
    assert _cells(html, gender, "Man") == ["Not shown", "Not shown"]
    assert _cells(html, gender, "Prefer not to say") == ["Not shown", "Not shown"]
    assert _cells(html, gender, "Not answered") == ["0", "0%"]
    other = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"], code="RX2")
    assert client.get(f"/dashboards/trusts/{other.site.trust_id}/participation").status_code == 404
    assert client.get("/dashboards/trusts/999999/participation").status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        "category,value,count\ngender,woman,²\n".encode(),
        b"category,value,count\ngender,woman," + b"9" * 140_000 + b"\n",
    ],
    ids=["not-a-plain-digit", "field-too-long-for-csv"],
)
def test_odd_population_files_are_refused_with_a_message(data):
    from coprod.services.dashboards.participation import Category
    from coprod.services.dashboards.population import parse_csv

    categories = [Category("gender", "Gender", (("woman", "Woman"), ("man", "Man")))]
    counts, total, problems = parse_csv(data, categories)
    assert (counts, total) == ({}, 0) and problems
