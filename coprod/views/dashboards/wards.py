"""A ward's measures as SPC charts with their data, for one survey and period."""

from __future__ import annotations

from datetime import date

from flask import abort, render_template, request

from coprod.extensions import db
from coprod.models import Ward
from coprod.security import check_trust
from coprod.services.dashboards import improvement, keys, measures
from coprod.spc import describe, describe_changes, draw, icons
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


def limits_of(ward: Ward, start: date, end: date, rebase: tuple[date, ...]) -> tuple[list, tuple]:
    """Return the ward's change ideas in the period (numbered) and the dates its limits
    start afresh: each change idea that says so, and each "what if" date asked for."""
    marked = improvement.changes_between(improvement.change_ideas(ward), start, end)
    limits_from = tuple(sorted({*rebase, *improvement.new_limit_dates(marked, start, end)}))
    return marked, limits_from


@bp.get("/wards/<int:ward_id>")
def ward(ward_id: int):
    """Show a ward's measures for one survey and period, as SPC charts with their data,
    its change ideas and its aims; limits start afresh at each change idea that says so
    and at each change date given (rebase, a "what if" that is not saved)."""
    row = db.session.get(Ward, ward_id) or abort(404)
    check_trust(row.site.trust_id)
    surveys = measures.surveys_with_measures()
    survey_id = _chosen_survey(surveys)
    start, end, problem = _period()
    rebase, rebase_problem = _rebases(start, end) if not problem else ((), None)
    problem = problem or rebase_problem
    marked, limits_from = limits_of(row, start, end, rebase)
    aims = improvement.aims_by_key(row)
    context = (row, limits_from, marked, aims)
    charts = [
        _chart(
            keys.survey_chart(
                [row.id], survey_id, measure, audience, start=start, end=end, rebase=limits_from
            ),
            *context,
        )
        for measure, audience in (measures.survey_measures(survey_id) if survey_id else [])
    ]
    # Incident data from other systems, charted alike beside the survey's measures.
    series = [
        _chart(keyed, *context)
        for keyed in keys.series_charts(row, start=start, end=end, rebase=limits_from)
    ]
    return render_template(
        "dashboards/ward.html",
        ward=row,
        surveys=surveys,
        survey_id=survey_id,
        start=start,
        end=end,
        problem=problem,
        charts=charts,
        series=series,
        rebase=rebase,
        marked=marked,
        limits_from=limits_from,
        day=improvement.day,
    ), (400 if problem else 200)


def _chart(keyed: keys.KeyedChart, ward, limits_from, marked, aims) -> dict:
    """Return one measure's chart with its aim, its reading in words and its drawing."""
    aim = aims.get(keyed.key)
    aimed = improvement.read_aim(aim) if aim is not None else None
    target = aimed.target if aimed is not None else None
    chart = keyed.chart
    if chart is not None and target is not None:
        chart = improvement.with_target(chart, target)
    words = improvement.aim_words(aimed, chart) if aimed is not None else None
    # The reading says what the process does; whether it meets the aim is said with the aim.
    reading = describe(keyed.chart) if keyed.chart else None
    ident = "chart-" + keyed.key.replace(":", "-")
    svg = None
    if chart is not None:
        changes = [
            (
                m.number,
                m.idea.title,
                improvement.day(m.idea.started_on),
                m.idea.started_on in limits_from,
            )
            for m in marked
        ]
        unit = "per cent" if keyed.share else "incidents"
        # A share is drawn from 0 to 100; a count from 0 to as high as it goes.
        scale = {} if keyed.share else {"clip": False, "low": 0.0, "high": 0.0}
        svg = draw(
            chart,
            keyed.mondays,
            ident=ident,
            title=f"{keyed.label}, {unit}, week by week",
            description=" ".join(
                filter(None, [reading, *_aim_sentences(words), describe_changes(changes)])
            ),
            target=target,
            target_label=words.aim if words and target is not None else None,
            baseline=(aim.baseline_from, aim.baseline_to) if target is not None else None,
            changes=[(m.number, m.idea.started_on) for m in marked],
            **scale,
        )
    return {
        "key": keyed.key,
        "ident": ident,
        "label": keyed.label,
        "result": keyed.result,
        "series": keyed.series,
        "chart": chart,
        "reading": reading,
        "svg": svg,
        "aim": aim,
        "aim_words": words,
        "icons": [icons.variation_icon(chart), icons.assurance_icon(chart, target="aim")]
        if chart is not None
        else [],
    }


def _aim_sentences(words) -> list[str]:
    return [words.summary, words.baseline, words.assurance] if words else []
