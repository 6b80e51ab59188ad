"""The measures of a place, as SPC charts with their data, for one survey and period: a
ward, or a site or trust with the counts of all its wards added up. One page shape for
all three; change ideas and aims are a ward's own, so only a ward's page shows them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from flask import abort, render_template, request

from coprod.extensions import db
from coprod.models import Site, Trust, Ward
from coprod.security import check_trust
from coprod.services.dashboards import improvement, keys, measures
from coprod.spc import describe, describe_changes, draw, icons
from coprod.views.dashboards import _chosen_survey, _period, bp

MAX_REBASES = 10
POINT_WORDS = {"week": "week by week", "month": "month by month"}


@dataclass(frozen=True)
class Place:
    """What a page of charts is of: a ward, a site or a trust, named, with its wards.

    ward is set on a ward's page only: change ideas and aims belong to a ward."""

    kind: str  # ward, site or trust
    name: str
    caption: str
    ward_ids: list[int]
    ward: Ward | None = None
    # (label, endpoint, id) of the wider places whose charts a link goes to, and of its
    # parts (a site's wards, a trust's sites).
    wider: list[tuple[str, str, int]] = field(default_factory=list)
    parts: list[tuple[str, str, int]] = field(default_factory=list)
    # A site's or trust's: its trust's sites with their wards, and its own key among them,
    # so that its totals are suppressed together with every other page's.
    within: dict[int, list[int]] | None = None
    key: tuple | None = None


def ward_place(ward: Ward) -> Place:
    """Return a ward as a place, with links to its site's and trust's charts."""
    site, trust = ward.site, ward.site.trust
    return Place(
        "ward",
        ward.name,
        f"{trust.name}, {site.name}",
        [ward.id],
        ward=ward,
        wider=[(site.name, "dashboards.site", site.id), (trust.name, "dashboards.trust", trust.id)],
    )


def site_place(site: Site) -> Place:
    """Return a site as a place: all its wards together."""
    trust = site.trust
    wards = [w.id for w in site.wards]
    return Place(
        "site",
        site.name,
        trust.name,
        wards,
        wider=[(trust.name, "dashboards.trust", trust.id)],
        parts=[(w.name, "dashboards.ward", w.id) for w in sorted(site.wards, key=_name)],
        within=_layout(trust),
        key=("site", site.id),
    )


def trust_place(trust: Trust) -> Place:
    """Return a trust as a place: the wards of all its sites together."""
    wards = [w.id for s in trust.sites for w in s.wards]
    return Place(
        "trust",
        trust.name,
        "",
        wards,
        parts=[(s.name, "dashboards.site", s.id) for s in sorted(trust.sites, key=_name)],
        within=_layout(trust),
        key=("trust",),
    )


def _layout(trust: Trust) -> dict[int, list[int]]:
    return {s.id: [w.id for w in s.wards] for s in trust.sites}


def _name(row) -> str:
    return row.name.lower()


def _points() -> tuple[str, str | None]:
    """Return the kind of point asked for (week by default, or month), or a problem."""
    points = request.args.get("points") or "week"
    if points not in measures.POINTS:
        return "week", "Choose weekly or monthly points"
    return points, None


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
    return _place_page(ward_place(row))


@bp.get("/sites/<int:site_id>")
def site(site_id: int):
    """Show a site's measures, all its wards together, as the ward page shows a ward's."""
    row = db.session.get(Site, site_id) or abort(404)
    check_trust(row.trust_id)
    return _place_page(site_place(row))


@bp.get("/trusts/<int:trust_id>")
def trust(trust_id: int):
    """Show a trust's measures, all its wards together, as the ward page shows a ward's."""
    row = db.session.get(Trust, trust_id) or abort(404)
    check_trust(row.id)
    return _place_page(trust_place(row))


def _place_page(place: Place):
    """Render the charts of a place for the survey, period, points and changes asked for."""
    surveys = measures.surveys_with_measures()
    survey_id = _chosen_survey(surveys)
    start, end, problem = _period()
    points, points_problem = _points()
    rebase, rebase_problem = _rebases(start, end) if not problem else ((), None)
    problem = problem or points_problem or rebase_problem
    if place.ward is not None:
        marked, limits_from = limits_of(place.ward, start, end, rebase)
        aims = improvement.aims_by_key(place.ward)
    else:
        marked, limits_from, aims = [], rebase, {}
    context = (points, limits_from, marked, aims)
    window = {"start": start, "end": end, "rebase": limits_from, "points": points}
    charts = [
        _chart(
            keys.survey_chart(
                place.ward_ids,
                survey_id,
                measure,
                audience,
                within=place.within,
                place=place.key,
                **window,
            ),
            *context,
        )
        for measure, audience in (measures.survey_measures(survey_id) if survey_id else [])
    ]
    # Incident data from other systems, charted alike beside the survey's measures.
    series = [_chart(keyed, *context) for keyed in keys.series_charts(place.ward_ids, **window)]
    return render_template(
        "dashboards/ward.html",
        place=place,
        ward=place.ward,
        surveys=surveys,
        survey_id=survey_id,
        start=start,
        end=end,
        points=points,
        problem=problem,
        charts=charts,
        series=series,
        rebase=rebase,
        marked=marked,
        limits_from=limits_from,
        day=improvement.day,
    ), (400 if problem else 200)


def _chart(keyed: keys.KeyedChart, points, limits_from, marked, aims) -> dict:
    """Return one measure's chart with its aim, its reading in words and its drawing."""
    aim = aims.get(keyed.key)
    aimed = improvement.read_aim(aim) if aim is not None else None
    target = aimed.target if aimed is not None else None
    chart = keyed.chart
    if chart is not None and target is not None:
        chart = improvement.with_target(chart, target)
    words = improvement.aim_words(aimed, chart) if aimed is not None else None
    if words is not None and points == "month" and target is not None:
        # The aim's value holds whatever the points; its baseline was counted in weeks.
        words = dataclasses.replace(
            words,
            baseline=f"{words.baseline} The baseline was counted week by week; the aim is the "
            "same value month by month.",
        )
    # The reading says what the process does; whether it meets the aim is said with the aim.
    reading = describe(keyed.chart, points) if keyed.chart else None
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
            keyed.periods,
            ident=ident,
            title=f"{keyed.label}, {unit}, {POINT_WORDS[points]}",
            description=" ".join(
                filter(None, [reading, *_aim_sentences(words), describe_changes(changes)])
            ),
            target=target,
            target_label=words.aim if words and target is not None else None,
            baseline=(aim.baseline_from, aim.baseline_to) if target is not None else None,
            changes=[(m.number, m.idea.started_on) for m in marked],
            months=points == "month",
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
