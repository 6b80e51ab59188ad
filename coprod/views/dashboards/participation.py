"""Who took part on a ward, against who was on it; and entering or importing who was on it."""

from __future__ import annotations

from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from coprod.extensions import db
from coprod.forms.population import PopulationImportForm, field_name, population_form
from coprod.models import Trust, Ward, WardPopulation
from coprod.models.base import local_today
from coprod.security import check_trust
from coprod.services.dashboards import participation as service
from coprod.services.dashboards import population as entry
from coprod.services.themes import min_group_size
from coprod.views.dashboards import bp

MAX_FILE_BYTES = 200_000
QUARTERS_LISTED = 8
EARLIEST_YEAR = 2020


def _quarter_of(day: date) -> tuple[str, date, date]:
    """Return the calendar quarter a day falls in: its name (2026-Q4), first and last day."""
    number = (day.month - 1) // 3 + 1
    first = date(day.year, 3 * number - 2, 1)
    following = date(day.year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
    return f"{day.year}-Q{number}", first, following - timedelta(days=1)


def _quarters() -> list[tuple[str, date, date]]:
    """Return the last few quarters, newest first, for the choice of period."""
    found, day = [], local_today()
    for _ in range(QUARTERS_LISTED):
        name, first, last = _quarter_of(day)
        found.append((name, first, last))
        day = first - timedelta(days=1)
    return found


def _chosen_quarter() -> tuple[str, date, date, str | None]:
    """Return the quarter asked for (this quarter by default), or this one and a problem.

    Who took part is shown for whole calendar quarters only: two overlapping periods, or a
    period and a week more, would give a small group away by subtraction."""
    asked = request.args.get("quarter") or ""
    current = _quarter_of(local_today())
    if not asked:
        return (*current, None)
    year, _sep, number = asked.partition("-Q")
    if not (year.isascii() and year.isdigit() and number in ("1", "2", "3", "4")):
        return (*current, "Choose a quarter, like 2026-Q3")
    if not EARLIEST_YEAR <= int(year) <= local_today().year:
        return (*current, "Choose a quarter from the list")
    found = _quarter_of(date(int(year), 3 * int(number) - 2, 1))
    if found[1] > local_today():
        return (*current, "Choose a quarter that has begun")
    return (*found, None)


def _chosen_one_survey(surveys) -> str:
    """Return the survey asked for (the first by default): one survey at a time, since
    every survey together less one would give the others' small groups away."""
    ids = [survey for survey, _title, _audience in surveys]
    survey_id = request.args.get("survey") or (ids[0] if ids else "")
    if survey_id not in ids:
        abort(404)
    return survey_id


def _ward(ward_id: int) -> Ward:
    """Return a ward of the account's trusts, or stop with 404."""
    ward = db.session.get(Ward, ward_id) or abort(404)
    check_trust(ward.trust_id)
    return ward


@bp.get("/wards/<int:ward_id>/participation")
def participation(ward_id: int):
    """Show who took part on a ward in a period, for every survey or one, against who was
    on the ward; every small count hidden."""
    ward = _ward(ward_id)
    surveys = service.recorded_surveys()
    survey_id = _chosen_one_survey(surveys)
    audience_of = {survey: audience for survey, _title, audience in surveys}
    quarter, start, end, problem = _chosen_quarter()
    population = service.population_for(ward.id, start, end)
    patient_minimum = min_group_size("patient")
    results = [
        service.participation(
            [ward.id],
            start,
            end,
            audience=audience,
            minimum=min_group_size(audience),
            survey_id=survey_id,
            population=population if audience == "patient" else None,
            population_minimum=patient_minimum,
        )
        for audience, _name in service.AUDIENCES
        if survey_id is None or audience_of[survey_id] == audience
    ]
    population_total = None
    if population is not None and population.total >= patient_minimum:
        population_total = population.total
    return render_template(
        "dashboards/participation.html",
        ward=ward,
        surveys=surveys,
        survey_id=survey_id,
        start=start,
        end=end,
        quarter=quarter,
        quarters=_quarters(),
        problem=problem,
        results=results,
        population=population,
        population_total=population_total,
        patient_minimum=patient_minimum,
        staff_minimum=min_group_size("staff"),
        formats=service.FORMATS,
        helped=service.HELPED,
    ), (400 if problem else 200)


@bp.get("/trusts/<int:trust_id>/participation")
def trust_participation(trust_id: int):
    """Show who took part across a trust's wards in a period, ward by ward and in total,
    totals hidden wherever a ward hides a count."""
    check_trust(trust_id)
    trust = db.session.get(Trust, trust_id) or abort(404)
    surveys = service.recorded_surveys()
    survey_id = _chosen_one_survey(surveys)
    audience_of = {survey: audience for survey, _title, audience in surveys}
    quarter, start, end, problem = _chosen_quarter()
    wards = [(w.id, w.name) for site in trust.sites for w in site.wards]
    results = [
        service.trust_participation(
            wards,
            start,
            end,
            audience=audience,
            minimum=min_group_size(audience),
            survey_id=survey_id,
        )
        for audience, _name in service.AUDIENCES
        if survey_id is None or audience_of[survey_id] == audience
    ]
    return render_template(
        "dashboards/participation_trust.html",
        trust=trust,
        surveys=surveys,
        survey_id=survey_id,
        start=start,
        end=end,
        quarter=quarter,
        quarters=_quarters(),
        problem=problem,
        results=results,
        patient_minimum=min_group_size("patient"),
        staff_minimum=min_group_size("staff"),
        formats=service.FORMATS,
    ), (400 if problem else 200)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _saved(ward: Ward, population: WardPopulation):
    db.session.commit()
    flash(
        f"Saved who was on {ward.name} from {_day(population.starts_on)} "
        f"to {_day(population.ends_on)}.",
        "success",
    )
    return redirect(
        url_for(
            ".participation",
            ward_id=ward.id,
            quarter=_quarter_of(population.starts_on)[0],
        )
    )


@bp.route("/wards/<int:ward_id>/population/new", methods=["GET", "POST"])
def population_new(ward_id: int):
    """Type in who was on the ward in a period, by the about-you categories."""
    ward = _ward(ward_id)
    categories = service.about_you_categories("patient")
    form = population_form(categories)
    has_errors = False
    if request.method == "POST":
        has_errors = not form.validate()
        if not has_errors:
            counts = {
                (c.id, v): form[field_name(c.id, v)].data
                for c in categories
                for v, _label in c.population_options
            }
            problems = entry.category_problems(categories, counts, form.total.data)
            for category_id, message in problems.items():
                category = next(c for c in categories if c.id == category_id)
                first = form[field_name(category_id, category.population_options[0][0])]
                first.errors = [*first.errors, message]
            has_errors = bool(problems)
            if not has_errors:
                saved = entry.save_population(
                    ward,
                    form.starts_on.data,
                    form.ends_on.data,
                    counts,
                    form.total.data,
                    actor=current_user,
                )
                return _saved(ward, saved)
    return render_template(
        "dashboards/population_form.html",
        ward=ward,
        form=form,
        categories=categories,
        field_name=field_name,
        has_errors=has_errors,
    ), (400 if has_errors else 200)


@bp.route("/wards/<int:ward_id>/population/import", methods=["GET", "POST"])
def population_import(ward_id: int):
    """Import who was on the ward in a period from a CSV file of category,value,count rows."""
    ward = _ward(ward_id)
    categories = service.about_you_categories("patient")
    form = PopulationImportForm()
    file_problems: list[str] = []
    has_errors = False
    if request.method == "POST":
        valid = form.validate()
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            file_problems = ["Choose a CSV file"]
        else:
            data = upload.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                file_problems = ["The file is too big: a CSV file of counts is under 200 KB"]
            else:
                counts, total, file_problems = entry.parse_csv(data, categories)
        has_errors = not valid or bool(file_problems)
        if not has_errors:
            saved = entry.save_population(
                ward,
                form.starts_on.data,
                form.ends_on.data,
                counts,
                total,
                actor=current_user,
                imported=True,
            )
            return _saved(ward, saved)
    return render_template(
        "dashboards/population_import.html",
        ward=ward,
        form=form,
        categories=categories,
        file_problems=file_problems,
        has_errors=has_errors,
    ), (400 if has_errors else 200)
