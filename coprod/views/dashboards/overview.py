"""The overview: every ward of the account's trusts with its responses and the latest
reading of each measure, filtered and sorted, with site and trust totals."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from coprod.models import WardType
from coprod.services import org
from coprod.services.dashboards import measures
from coprod.services.dashboards import overview as building
from coprod.views.dashboards import _chosen_survey, _period, bp

# The query string keys of a view of the overview: links are built from these alone, so
# that nothing else in an address (such as url_for's own _external) reaches a link.
QUERY_KEYS = ("survey", "from", "to", "audience", "variant", "site", "type", "q", "sort", "order")


def overview_view() -> dict:
    """Return what the overview shows for the query string, with any problems; 404 for a
    survey or site the account cannot see."""
    surveys = measures.surveys_with_measures()
    survey_id = _chosen_survey(surveys)
    start, end, problem = _period()
    problems = [(problem, "from")] if problem else []
    trusts = org.trusts_for(current_user)
    sites = [s for t in trusts for s in t.sites]
    audiences = measures.survey_audiences()
    chosen, more = building.choose(
        request.args,
        survey_id=survey_id or "",
        audiences=audiences,
        site_ids={s.id for s in sites},
    )
    if chosen["site_id"] == "missing":
        abort(404)
    problems += more
    picked = [(sid, measures.survey_measures(sid)) for sid in chosen["surveys"] if sid]
    cols = building.columns(picked, both=len(picked) > 1)
    if chosen["sort"] not in building.sort_keys(cols):
        problems.append(("Sort by a column of the table", "sort"))
        chosen["sort"] = "site"
    chosen.pop("surveys")
    filters = building.Filters(
        surveys=tuple(sid for sid, _pairs in picked), start=start, end=end, **chosen
    )
    tables = building.tables(trusts, cols, filters) if cols else []
    return {
        "tables": tables,
        "columns": cols,
        "filters": filters,
        "surveys": surveys,
        "survey_id": survey_id,
        "sites": sites,
        "ward_types": list(WardType),
        "audiences": building.AUDIENCES,
        "variants": building.VARIANTS,
        "start": start,
        "end": end,
        "problems": problems,
        "args": {key: request.args[key] for key in QUERY_KEYS if request.args.get(key)},
        "problems_list": [{"text": text, "href": f"#{field}"} for text, field in problems],
        "titles": dict(surveys),
        "trusts_shown": len(trusts),
        "sort_choices": [("site", "Site"), ("ward", "Ward")] + [(c.key, c.label) for c in cols],
        "problem": problems[0][0] if problems else None,
        "minimum": min((c.minimum for c in cols), default=5),
    }


@bp.get("")
def overview():
    """List every ward of the account's trusts with its responses and the latest reading of
    each measure, for one survey (or a patients' and a staff survey side by side), period,
    variant and set of wards, sorted; each row leads to the ward's charts."""
    context = overview_view()
    status = 400 if context["problems"] else 200
    return render_template("dashboards/overview.html", **context), status
