"""A ward's measures as SPC charts with their data, for one survey and period."""

from __future__ import annotations

from datetime import date

from flask import abort, render_template, request

from coprod.extensions import db
from coprod.models import Ward
from coprod.security import check_trust
from coprod.services.dashboards import measures
from coprod.spc import describe, draw
from coprod.views.dashboards import _chosen_survey, _period, bp

MAX_REBASES = 10


def _rebases(start: date, end: date) -> tuple[tuple[date, ...], str | None]:
    """Return the rebase dates asked for (changes made on the ward), or a problem."""
    days = []
    for value in request.args.getlist("rebase")[: MAX_REBASES + 1]:
        if not value:
            continue
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return (), "Enter the date of a change like 2026-03-02"
        if not start < day <= end:
            return (), "A change must be dated after the start of the period and by its end"
        days.append(day)
    if len(days) > MAX_REBASES:
        return (), f"Mark at most {MAX_REBASES} changes"
    return tuple(sorted(set(days))), None


@bp.get("/wards/<int:ward_id>")
def ward(ward_id: int):
    """Show a ward's measures for one survey and period, as SPC charts with their data;
    limits start afresh at each change date given (rebase)."""
    row = db.session.get(Ward, ward_id) or abort(404)
    check_trust(row.site.trust_id)
    surveys = measures.surveys_with_measures()
    survey_id = _chosen_survey(surveys)
    start, end, problem = _period()
    rebase, rebase_problem = _rebases(start, end) if not problem else ((), None)
    problem = problem or rebase_problem
    charts = []
    for measure, audience in measures.survey_measures(survey_id) if survey_id else []:
        result = measures.measure_chart(
            [row.id],
            survey_id,
            measure,
            audience,
            start=start,
            end=end,
            rebase=rebase,
        )
        reading = describe(result.chart) if result.chart else None
        svg = None
        if result.chart is not None:
            svg = draw(
                result.chart,
                [w.start for w in result.weeks],
                ident=f"chart-{measure.id}",
                title=f"{measure.label}, per cent, week by week",
                description=reading,
            )
        charts.append({"result": result, "reading": reading, "svg": svg})
    return render_template(
        "dashboards/ward.html",
        ward=row,
        surveys=surveys,
        survey_id=survey_id,
        start=start,
        end=end,
        problem=problem,
        charts=charts,
        rebase=rebase,
    ), (400 if problem else 200)
