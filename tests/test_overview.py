"""The overview of every ward: filters, sorting, totals, and what small numbers never show."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import Role, SurveyVersion, WardType
from coprod.models.base import local_today
from coprod.services import devices, org, survey_files
from coprod.services.dashboards.overview import hide_first
from coprod.services.dashboards.suppression import Sum, suppress_sums
from tests.factories import make_choices, make_site, make_trust, make_user, sign_in

TO = date(2026, 11, 30)  # a Monday
WEEKS = [TO - timedelta(weeks=25 - i) for i in range(26)]
PERIOD = {"from": WEEKS[0].isoformat(), "to": TO.isoformat()}


class Rows(HTMLParser):
    """Collect the text of every table row: [[cell, ...], ...], headers included."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str) -> dict[str, list[str]]:
    """Return {first cell: the row's other cells} of every row of the page's tables."""
    parser = Rows()
    parser.feed(html)
    return {row[0]: row[1:] for row in parser.rows if row}


def version(survey="ward-weather", variant="standard") -> SurveyVersion:
    return db.session.scalar(
        select(SurveyVersion).where(
            SurveyVersion.survey_id == survey, SurveyVersion.variant == variant
        )
    )


def answer(ward, weeks: dict[date, tuple[int, int]], variant="standard"):
    """Store, for each week, calm answers and tense answers to the ward weather."""
    chosen = version(variant=variant)
    tense = "tense" if variant == "standard" else "stormy"
    for week, (calm, other) in weeks.items():
        for _ in range(calm):
            make_choices(ward, chosen, week, {"weather": "calm"})
        for _ in range(other):
            make_choices(ward, chosen, week, {"weather": tense})
    db.session.commit()


@pytest.fixture
def org_(app):
    return make_riverside(app.config["COPROD_SURVEY_DIR"])


def make_riverside(survey_dir: str):
    """Add a trust of two sites: North (Ash, Birch, Cedar: acute) and South (Dove: PICU)."""
    survey_files.register_versions(survey_files.load_directory(survey_dir))
    trust = make_trust("RT1", "Riverside Trust")
    north, south = make_site(trust, "North Hospital"), make_site(trust, "South Hospital")
    wards = {}
    for site, name, kind in [
        (north, "Ash", WardType.ACUTE_ADULT),
        (north, "Birch", WardType.ACUTE_ADULT),
        (north, "Cedar", WardType.ACUTE_ADULT),
        (south, "Dove", WardType.PICU),
    ]:
        wards[name] = org.create_ward(
            site, code=f"RT1-{name.upper()}", name=name, ward_type=kind, actor=None
        )
        devices.open_survey(wards[name], "ward-weather", actor=None)
    db.session.commit()
    return trust, wards


@pytest.fixture
def signed_in(client, org_):
    trust, _wards = org_
    sign_in(client, make_user(Role.FACILITATOR, [trust]).email)
    return client


def page(client, **query):
    reply = client.get("/dashboards", query_string={"survey": "ward-weather", **PERIOD, **query})
    return reply, reply.get_data(as_text=True)


# Names for the overview's counts: wards a, b and c of site T (every version), and one
# ward's standard (s), Easy Read (e) and every version (all).
KEYS = {
    "a": ("ward", 1, None),
    "b": ("ward", 2, None),
    "c": ("ward", 3, None),
    "T": ("site", 1, None),
    "s": ("ward", 1, "standard"),
    "e": ("ward", 1, "easy_read"),
    "all": ("ward", 1, None),
}


@pytest.mark.parametrize(
    ("values", "sums", "hidden"),
    [
        # One small ward: the site total less the other ward would reveal it.
        ({"a": 20, "b": 3, "T": 23}, [("T", ["a", "b"])], {"b", "T"}),
        # Two small wards that add up to a group big enough to show: the total may show.
        ({"a": 20, "b": 3, "c": 4, "T": 27}, [("T", ["a", "b", "c"])], {"b", "c"}),
        # Two small wards adding up to fewer than the minimum: the total goes.
        ({"a": 20, "b": 1, "c": 2, "T": 23}, [("T", ["a", "b", "c"])], {"b", "c", "T"}),
        # A ward with nobody: zero is shown, as it identifies no one, and the total stays.
        ({"a": 20, "b": 0, "T": 20}, [("T", ["a", "b"])], set()),
        # Versions: keep every version together, and hide the big version instead.
        ({"s": 20, "e": 3, "all": 23}, [("all", ["s", "e"])], {"s", "e"}),
    ],
)
def test_a_total_never_reveals_a_small_count_by_subtraction(values, sums, hidden):
    counts = {KEYS[name]: value for name, value in values.items()}
    equations = [Sum(KEYS[total], tuple(KEYS[p] for p in parts)) for total, parts in sums]
    found = suppress_sums(counts, equations, 5, first=hide_first)
    assert found == {KEYS[name] for name in hidden}


def test_totals_of_each_site_and_the_trust_are_suppressed_like_any_cell(signed_in, org_):
    _trust, wards = org_
    answer(wards["Ash"], {WEEKS[0]: (10, 10)})
    answer(wards["Birch"], {WEEKS[0]: (4, 4)})
    answer(wards["Cedar"], {WEEKS[0]: (2, 1)})  # 3: too few to show
    answer(wards["Dove"], {WEEKS[0]: (3, 3)})
    reply, html = page(signed_in)
    assert reply.status_code == 200
    rows = table_rows(html)
    assert rows["Ash"][1] == "20" and rows["Birch"][1] == "8"
    # Too few, and hiding a small count, read the same: neither can be told from the other.
    assert rows["Cedar"][1] == "Not shown"
    # North's total (31) less Ash and Birch would give Cedar's 3: it is not shown.
    assert rows["All wards at North Hospital"][1] == "Not shown"
    assert rows["All wards at South Hospital"][1] == "6"
    # The trust's total less South's would give North's, and so Cedar's: not shown either.
    assert rows["All wards of Riverside Trust"][1] == "Not shown"
    assert ">31<" not in html and ">37<" not in html
    assert "Not shown” means fewer than 5 patients, or a figure that would let" in html


def test_a_ward_with_nobody_shows_zero_and_keeps_its_totals(signed_in, org_):
    _trust, wards = org_
    answer(wards["Ash"], {WEEKS[0]: (10, 10)})
    answer(wards["Birch"], {WEEKS[0]: (4, 4)})
    rows = table_rows(page(signed_in)[1])
    # Nobody at Cedar identifies no one: its 0 shows, and so does North's total.
    assert rows["Cedar"][1] == "0" and rows["Dove"][1] == "0"
    assert rows["All wards at North Hospital"][1] == "28"
    assert rows["All wards of Riverside Trust"][1] == "28"


def test_the_overview_and_who_took_part_hide_the_same_counts(signed_in, org_):
    _trust, wards = org_
    ash = wards["Ash"]
    answer(ash, {WEEKS[0]: (10, 10)})
    answer(ash, {WEEKS[0]: (1, 1)}, variant="easy_read")  # 2 people
    overview = {
        variant: table_rows(page(signed_in, **({"variant": variant} if variant else {}))[1])
        for variant in ("", "standard", "easy_read")
    }
    # Who took part is by whole quarter: the one these answers fall in.
    quarter = f"{WEEKS[0].year}-Q{(WEEKS[0].month - 1) // 3 + 1}"
    reply = signed_in.get(
        f"/dashboards/wards/{ash.id}/participation",
        query_string={"survey": "ward-weather", "quarter": quarter},
    )
    formats = table_rows(reply.get_data(as_text=True))
    # One rule, one wording: the 2 Easy Read responses and the 20 standard ones that would
    # give them away are hidden on both pages, and all 22 together show on both.
    assert overview[""]["Ash"][1] == formats["All formats"][-1] == "22"
    assert overview["standard"]["Ash"][1] == formats["Standard"][-1] == "Not shown"
    assert overview["easy_read"]["Ash"][1] == formats["Easy Read"][-1] == "Not shown"


def test_totals_stay_those_of_every_ward_whatever_is_listed(signed_in, org_):
    _trust, wards = org_
    for name in ("Ash", "Birch", "Cedar"):
        answer(wards[name], {WEEKS[0]: (5, 5)})
    _reply, html = page(signed_in, q="ash")
    rows = table_rows(html)
    assert "Ash" in rows and "Birch" not in rows and "Dove" not in rows
    # Listing one ward does not make North's total that ward's: it is still all three.
    assert rows["All wards at North Hospital"][1] == "30"
    assert "All wards at South Hospital" not in rows


def test_the_variant_filter_counts_only_that_version(signed_in, org_):
    _trust, wards = org_
    answer(wards["Ash"], {WEEKS[-1]: (4, 4)})
    answer(wards["Ash"], {WEEKS[-1]: (6, 0)}, variant="easy_read")
    answer(wards["Birch"], {WEEKS[-1]: (5, 5)})
    answer(wards["Birch"], {WEEKS[-1]: (3, 3)}, variant="easy_read")
    rows = table_rows(page(signed_in)[1])
    # Every version: 14 at Ash, 16 at Birch; and Ash's latest week, 10 calm of 14.
    assert rows["Ash"][1] == "14" and rows["Birch"][1] == "16"
    easy = table_rows(page(signed_in, variant="easy_read")[1])
    assert easy["Ash"][1] == "6" and easy["Birch"][1] == "6"
    standard = table_rows(page(signed_in, variant="standard")[1])
    assert standard["Ash"][1] == "8" and standard["Birch"][1] == "10"


def test_a_version_count_that_would_reveal_a_small_one_is_not_shown(signed_in, org_):
    _trust, wards = org_
    answer(wards["Ash"], {WEEKS[0]: (10, 10)})
    answer(wards["Ash"], {WEEKS[0]: (1, 1)}, variant="easy_read")  # 2 people
    every = table_rows(page(signed_in)[1])
    assert every["Ash"][1] == "22"
    standard = table_rows(page(signed_in, variant="standard")[1])
    # 22 less 20 would tell how many used Easy Read.
    assert standard["Ash"][1] == "Not shown"
    assert table_rows(page(signed_in, variant="easy_read")[1])["Ash"][1] == "Not shown"


def test_site_and_ward_type_filters_list_only_those_wards(signed_in, org_):
    _trust, wards = org_
    south = wards["Dove"].site
    rows = table_rows(page(signed_in, site=str(south.id))[1])
    assert "Dove" in rows and "Ash" not in rows
    rows = table_rows(page(signed_in, type="acute_adult")[1])
    assert {"Ash", "Birch", "Cedar"} <= set(rows) and "Dove" not in rows
    _reply, html = page(signed_in, type="picu")
    assert 'value="picu" selected' in html


def test_sorting_by_responses_puts_hidden_counts_last_and_is_announced(signed_in, org_):
    _trust, wards = org_
    answer(wards["Ash"], {WEEKS[0]: (3, 3)})
    answer(wards["Birch"], {WEEKS[0]: (9, 9)})
    answer(wards["Cedar"], {WEEKS[0]: (1, 1)})
    answer(wards["Dove"], {WEEKS[0]: (2, 1)})
    _reply, html = page(signed_in, sort="responses", order="desc")
    parser = Rows()
    parser.feed(html)
    order = [r[0] for r in parser.rows if r and r[0] in ("Ash", "Birch", "Cedar", "Dove")]
    assert order[:2] == ["Birch", "Ash"]
    # The hidden ones keep their name order: their order must not tell which is smaller.
    assert order[2:] == ["Cedar", "Dove"]
    assert re.search(r'aria-sort="descending"><a [^>]*>Responses<', html)
    assert html.count("aria-sort=") == 1
    _reply, html = page(signed_in, sort="ward", order="desc")
    parser = Rows()
    parser.feed(html)
    order = [r[0] for r in parser.rows if r and r[0] in ("Ash", "Birch", "Cedar", "Dove")]
    assert order == ["Dove", "Cedar", "Birch", "Ash"]
    assert re.search(r'aria-sort="descending"><a [^>]*>Ward<', html)


def test_sorting_by_a_measure_uses_the_latest_week_shown(signed_in, org_):
    _trust, wards = org_
    answer(wards["Ash"], {WEEKS[0]: (2, 4), WEEKS[1]: (2, 4)})  # 33%
    answer(wards["Birch"], {WEEKS[0]: (5, 1), WEEKS[1]: (5, 1)})  # 83%
    _reply, html = page(signed_in, sort="ward-weather.ward_calm", order="desc")
    parser = Rows()
    parser.feed(html)
    order = [r[0] for r in parser.rows if r and r[0] in ("Ash", "Birch", "Cedar", "Dove")]
    assert order == ["Birch", "Ash", "Cedar", "Dove"]
    assert "83%" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"variant": "large_print"}, "Choose all versions, standard or Easy Read"),
        ({"type": "ward_9"}, "Choose a ward type from the list"),
        ({"site": "north"}, "Choose a site from the list"),
        ({"q": "x" * 101}, "Search for at most 100 characters"),
        ({"sort": "nhs_number"}, "Sort by a column of the table"),
        ({"order": "sideways"}, "Sort from low to high or from high to low"),
        ({"audience": "visitors"}, "Choose patients, staff, or both side by side"),
        ({"audience": "both"}, "This survey has no survey of the other group"),
        ({"audience": "staff"}, "This survey asks patients only"),
    ],
)
def test_bad_filters_get_a_clear_message(signed_in, org_, query, message):
    reply, html = page(signed_in, **query)
    assert reply.status_code == 400
    assert message in html
    assert "Download CSV" not in html


def test_another_trusts_site_is_not_found(client, org_, app):
    trust, _wards = org_
    other = make_site(make_trust("RT2", "Other Trust"), "Elsewhere")
    sign_in(client, make_user(Role.FACILITATOR, [trust]).email)
    assert page(client, site=str(other.id))[0].status_code == 404
    assert page(client, site="999999")[0].status_code == 404


def test_patients_and_staff_side_by_side_each_with_their_own_minimum(signed_in, org_):
    _trust, wards = org_
    ash = wards["Ash"]
    for survey in ("patient-ward-climate", "staff-ward-climate"):
        devices.open_survey(ash, survey, actor=None)
    patients, staff = version("patient-ward-climate"), version("staff-ward-climate")
    for _ in range(8):
        make_choices(ash, patients, WEEKS[0], {"staff_listen": "agree"})
        make_choices(ash, staff, WEEKS[0], {"therapeutic_time": "agree"})
    db.session.commit()
    reply, html = page(signed_in, survey="patient-ward-climate", audience="both")
    assert reply.status_code == 200
    assert 'scope="colgroup"' in html
    assert "Patients: Feel listened to and taken seriously by staff" in html
    assert "Staff: Have enough time for therapeutic work" in html
    row = table_rows(html)["Ash"]
    # Eight patients are enough to show; eight staff are fewer than the staff minimum, 11.
    assert row[1] == "8"
    assert row[5] == "Not shown"  # staff responses: after the patients' and their 3 measures
    assert "fewer than 5 patients or 11 staff" in html
    # Asking for staff with a patients' survey chosen shows the staff survey on the topic.
    reply, html = page(signed_in, survey="patient-ward-climate", audience="staff")
    assert reply.status_code == 200
    assert "Have enough time for therapeutic work" in html
    assert "Feel listened to" not in html


def test_every_view_has_its_own_address_and_works_without_script(signed_in, org_):
    _reply, html = page(signed_in, variant="easy_read", q="ash", sort="site")
    assert '<form method="get"' in html
    assert 'name="q" type="search" maxlength="100" value="ash"' in html
    assert 'value="easy_read" selected' in html
    # Sorting links keep the other filters.
    assert re.search(r'href="/dashboards\?[^"]*variant=easy_read[^"]*sort=ward', html)


def test_links_carry_the_filters_only(signed_in, org_):
    reply, html = page(signed_in, _external="1", _scheme="javascript", kind="pdf", q="ash")
    assert reply.status_code == 200
    assert "javascript:" not in html and 'href="http' not in html
    assert re.search(r'href="/dashboards/export.csv\?[^"]*q=ash', html)


def test_a_site_total_that_would_give_a_hidden_ward_week_away_is_not_shown(app, client):
    from coprod.models import SurveyVersion
    from tests.factories import make_choices, make_surveyed_ward, make_user, make_ward, sign_in

    first = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"])
    second = make_ward(first.site)
    version = db.session.scalar(
        select(SurveyVersion).where(
            SurveyVersion.survey_id == "ward-weather", SurveyVersion.variant == "standard"
        )
    )
    monday = local_today() - timedelta(days=local_today().weekday())
    for week in (monday - timedelta(weeks=1), monday):
        for ward, calm in ((first, 8), (second, 3)):  # 8 shown, 3 hidden: 11 less 8 is 3
            for _ in range(calm):
                make_choices(ward, version, week, {"weather": "calm"})
    db.session.commit()
    sign_in(client, make_user(Role.FACILITATOR, [first.site.trust]).email)
    html = client.get("/dashboards", query_string={"survey": "ward-weather"}).get_data(as_text=True)
    totals = html.split("coprod-totals", 1)[1].split("</tbody>", 1)[0]
    site_row = totals.split(f"All wards at {first.site.name}", 1)[1].split("</tr>", 1)[0]
    assert "100%" not in site_row


@pytest.mark.parametrize("site", ["²", "9" * 30])
def test_an_odd_site_id_is_a_clear_message_not_an_error(app, client, site):
    from tests.factories import make_org

    trust, _site, _ward = make_org("RX1")
    sign_in(client, make_user(Role.FACILITATOR, [trust]).email)
    reply = client.get("/dashboards", query_string={"site": site})
    assert reply.status_code == 400
    assert "Choose a site from the list" in reply.get_data(as_text=True)


def test_one_version_is_not_shown_where_the_others_would_be_a_small_group(app, client):
    from coprod.models import SurveyVersion
    from tests.factories import make_choices, make_surveyed_ward, make_user, sign_in

    ward = make_surveyed_ward(app.config["COPROD_SURVEY_DIR"])
    standard, easy = (
        db.session.scalar(
            select(SurveyVersion).where(
                SurveyVersion.survey_id == "ward-weather", SurveyVersion.variant == variant
            )
        )
        for variant in ("standard", "easy_read")
    )
    monday = local_today() - timedelta(days=local_today().weekday())
    for week in (monday - timedelta(weeks=1), monday):
        for _ in range(8):
            make_choices(ward, standard, week, {"weather": "calm"})
        for _ in range(3):  # 3 Easy Read answers: 11 in all, less the 8 standard ones
            make_choices(ward, easy, week, {"weather": "calm"})
    db.session.commit()
    sign_in(client, make_user(Role.FACILITATOR, [ward.site.trust]).email)
    everyone = client.get("/dashboards", query_string={"survey": "ward-weather"})
    assert "of 11" in everyone.get_data(as_text=True)
    standard_only = client.get(
        "/dashboards", query_string={"survey": "ward-weather", "variant": "standard"}
    ).get_data(as_text=True)
    assert "of 8" not in standard_only and "100%" not in standard_only
