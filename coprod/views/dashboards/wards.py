"""The overview of every ward of the account's trusts, and a ward's measures as SPC charts."""

from __future__ import annotations

from datetime import date

from flask import abort, render_template, request
from flask_login import current_user

from coprod.extensions import db
from coprod.models import Ward
from coprod.security import check_trust
from coprod.services import org
from coprod.services.dashboards import measures
from coprod.services.themes import min_group_size
from coprod.spc import describe, draw
from coprod.views.dashboards import _chosen_survey, _period, bp


@bp.get("")
def overview():
    """List every ward of the account's trusts with its responses and the latest reading of
    each measure, for one survey and period; each row leads to the ward's charts."""
    surveys = measures.surveys_with_measures()
    survey_id = _chosen_survey(surveys)
    start, end, problem = _period()
    trusts = org.trusts_for(current_user)
    wards = [w for t in trusts for s in t.sites for w in s.wards]
    pairs = measures.survey_measures(survey_id) if survey_id else []
    counts = measures.response_counts([w.id for w in wards], survey_id, start, end) if pairs else {}
    ward_ids = [w.id for w in wards]
    # One query per measure and survey version for all the wards, not one per ward.
    by_ward = {
        measure.id: measures.counts_by_ward(ward_ids, survey_id, measure.id, start, end)
        for measure, _audience in pairs
    }
    rows = []
    for ward_row in wards:
        latest = []
        for measure, audience in pairs:
            result = measures.measure_chart(
                [ward_row.id],
                survey_id,
                measure,
                audience,
                start=start,
                end=end,
                counts=by_ward[measure.id].get(ward_row.id, {}),
            )
            latest.append(result.chart.points[-1] if result.chart else None)
        rows.append({"ward": ward_row, "responses": counts.get(ward_row.id, 0), "latest": latest})
    audience = pairs[0][1] if pairs else "patient"
    return render_template(
        "dashboards/overview.html",
        trusts=trusts,
        rows=rows,
        measures=[m for m, _a in pairs],
        surveys=surveys,
        survey_id=survey_id,
        start=start,
        end=end,
        problem=problem,
        minimum=min_group_size(audience),
    ), (400 if problem else 200)


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
