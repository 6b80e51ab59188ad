"""The overview: every ward of the account's trusts with its responses and the latest
reading of each measure."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from coprod.services import org
from coprod.services.dashboards import measures
from coprod.services.themes import min_group_size
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
