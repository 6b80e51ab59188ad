"""Downloads of the dashboards' figures, as CSV or XLSX: the overview's table and a ward's
weeks of every measure, each with the filters of the page it came from. Audit-logged."""

from __future__ import annotations

from flask import Response, abort, request
from flask_login import current_user

from coprod.extensions import db
from coprod.models import Ward
from coprod.models.base import utcnow
from coprod.security import check_trust
from coprod.services import audit
from coprod.services.dashboards import exports, measures
from coprod.views.dashboards import _chosen_survey, _period, bp
from coprod.views.dashboards.overview import overview_view
from coprod.views.dashboards.wards import POINT_WORDS, _points, _rebases, limits_of

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file(export: exports.Export, kind: str, name: str) -> Response:
    """Return the export as a download named name.kind."""
    body = exports.to_csv(export) if kind == "csv" else exports.to_xlsx(export)
    reply = Response(body, mimetype=TYPES[kind])
    reply.headers["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return reply


def _refused(problems: list[str]) -> Response:
    """Answer bad filters with their messages, not a file."""
    text = "There is a problem: " + " ".join(problems) + "\n"
    return Response(text, status=400, mimetype="text/plain")


@bp.get("/export.<any(csv, xlsx):kind>")
def overview_export(kind: str):
    """Download the overview's table, as the same query string shows it, as CSV or XLSX."""
    view = overview_view()
    if view["problems"]:
        return _refused([text for text, _field in view["problems"]])
    if not view["columns"]:
        abort(404)
    f = view["filters"]
    titles = view["titles"]
    site = next((s.name for s in view["sites"] if s.id == f.site_id), "All sites")
    sort = dict(view["sort_choices"]).get(f.sort, "Site")
    named = [
        ("Survey", "; ".join(titles[s] for s in f.surveys)),
        ("Who answered", view["audiences"].get(f.audience, "As the survey asks")),
        ("Version", view["variants"].get(f.variant, "All versions")),
        ("From", f.start.isoformat()),
        ("To", f.end.isoformat()),
        ("Site", site),
        ("Ward type", f.ward_type.label if f.ward_type else "All types"),
        ("Ward name or code contains", f.search or "Anything"),
        ("Sorted by", f"{sort}, {'high to low' if f.order == 'desc' else 'low to high'}"),
    ]
    made = utcnow()
    export = exports.overview_export(view["tables"], view["columns"], named, made=made)
    trusts = [t.trust for t in view["tables"]]
    if request.method == "HEAD":  # HEAD downloads nothing, so records nothing
        return _file(export, kind, f"measures-by-ward-{f.end.isoformat()}")
    audit.record(
        current_user,
        "export.overview",
        trust_id=trusts[0].id if len(trusts) == 1 else None,
        trusts=sorted(t.code for t in trusts),
        format=kind,
        filters=dict(named),
    )
    db.session.commit()
    return _file(export, kind, f"measures-by-ward-{f.end.isoformat()}")


@bp.get("/wards/<int:ward_id>/export.<any(csv, xlsx):kind>")
def ward_export(ward_id: int, kind: str):
    """Download a ward's weeks (or months) of every measure of a survey, with the SPC mean,
    limits and point types, as its page charts them (the same survey, period, points and
    change dates)."""
    row = db.session.get(Ward, ward_id) or abort(404)
    check_trust(row.site.trust_id)
    surveys = measures.surveys_with_measures()
    survey_id = _chosen_survey(surveys)
    start, end, problem = _period()
    points, points_problem = _points()
    rebase, rebase_problem = _rebases(start, end) if not problem else ((), None)
    if problem or points_problem or rebase_problem:
        return _refused([problem or points_problem or rebase_problem])
    if survey_id is None:
        abort(404)
    # The same limits as the page: from each change idea that says so, and each date asked.
    _marked, rebase = limits_of(row, start, end, rebase)
    named = [
        ("Trust", row.site.trust.name),
        ("Site", row.site.name),
        ("Ward", f"{row.name} ({row.code})"),
        ("Survey", dict(surveys)[survey_id]),
        ("From", start.isoformat()),
        ("To", end.isoformat()),
        ("Points", POINT_WORDS[points].capitalize()),
        ("Changes (new limits from)", ", ".join(d.isoformat() for d in rebase) or "None"),
    ]
    made = utcnow()
    export = exports.ward_export(
        row, survey_id, named, start=start, end=end, rebase=rebase, made=made, points=points
    )
    if request.method == "HEAD":  # HEAD downloads nothing, so records nothing
        return _file(export, kind, f"{row.code.lower()}-measures-{end.isoformat()}")
    audit.record(
        current_user,
        "export.ward",
        row,
        trust_id=row.site.trust_id,
        format=kind,
        filters=dict(named),
    )
    db.session.commit()
    return _file(export, kind, f"{row.code.lower()}-measures-{end.isoformat()}")
