"""Incident series from other systems: the list, an import from a CSV file, one series, and
its deletion. Only the account's own trusts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from coprod.extensions import db
from coprod.forms.incidents import NEW, DeleteForm, IncidentImportForm
from coprod.models.base import local_today
from coprod.models.incidents import IncidentSeries
from coprod.security import check_trust
from coprod.services import org
from coprod.services.dashboards import incidents
from coprod.services.dashboards.incidents import IncidentImportError, NewSeries
from coprod.views.dashboards import bp

MAX_SHOWN = 20  # problems listed; the rest are counted


def _get_series(series_id: int) -> IncidentSeries:
    """Return a series of one of the account's trusts, or stop with 404."""
    series = db.session.get(IncidentSeries, series_id) or abort(404)
    check_trust(series.trust_id)
    return series


@bp.get("/incidents")
def incidents_list():
    """List the incident series of the account's trusts, with what each covers."""
    trusts = org.trusts_for(current_user)
    return render_template(
        "dashboards/incidents.html",
        trusts=trusts,
        series=incidents.series_of(t.id for t in trusts),
    )


def _pick(value: str | None, rows: dict[str, object]):
    """Return the row chosen by its id among the account's own, or None."""
    return rows.get(value or "")


def _resolve(form: IncidentImportForm, trusts, own: dict, wards: dict):
    """Return (series, new series, ward, problems) from the form's choices."""
    problems = [(name, message) for name, messages in form.errors.items() for message in messages]
    series = new = None
    ward = _pick(form.ward.data, wards)
    if form.ward.data and ward is None:
        problems.append(("ward", "Choose one of the wards listed"))
    if form.series.data == NEW:
        by_id = {str(t.id): t for t in trusts}
        trust = trusts[0] if len(trusts) == 1 else _pick(form.trust.data, by_id)
        if trust is None:
            problems.append(("trust", "Choose the trust of the new series"))
        else:
            new = NewSeries(
                trust,
                form.name.data or "",
                form.kind.data or "",
                form.improvement.data or "",
                form.note.data or "",
            )
    elif form.series.data:
        series = _pick(form.series.data, own)
        if series is None:
            problems.append(("series", "Choose one of the series listed, or a new one"))
    return series, new, ward, problems


@bp.route("/incidents/import", methods=["GET", "POST"])
def incident_import():
    """Import a CSV file of weekly (or daily) figures into a series of the account's trusts,
    all or nothing; a new series is made with it when asked."""
    trusts = org.trusts_for(current_user)
    own = {str(s.id): s for s, _cover in incidents.series_of(t.id for t in trusts)}
    wards = {str(w.id): w for t in trusts for s in t.sites for w in s.wards}
    form = IncidentImportForm()
    several = len(trusts) > 1
    form.series.choices = [
        (key, f"{s.name} ({s.trust.name})" if several else s.name) for key, s in own.items()
    ] + [(NEW, "A new series")]
    form.trust.choices = [("", "Choose a trust")] + [(str(t.id), t.name) for t in trusts]
    form.ward.choices = [("", "None: the file has a ward column")] + [
        (key, f"{w.name} ({w.code})" + (f", {w.site.trust.name}" if several else ""))
        for key, w in wards.items()
    ]
    problems: list[tuple[str, str]] = []
    if request.method == "GET":
        wanted = request.args.get("series")
        if wanted and wanted not in own:
            abort(404)
        form.series.data = wanted or (None if own else NEW)
    else:
        form.validate()
        series, new, ward, problems = _resolve(form, trusts, own, wards)
        if not problems and (series or new):
            upload = form.file.data
            data = upload.read(incidents.MAX_BYTES + 1) if upload and upload.filename else None
            try:
                result = incidents.import_file(
                    data, series=series, new=new, ward=ward, actor=current_user, today=local_today()
                )
                db.session.commit()
                flash(_imported(result), "success")
                return redirect(url_for(".incident_series", series_id=result.series.id))
            except IncidentImportError as exc:
                db.session.rollback()
                problems = exc.problems
            except IntegrityError:
                # Another import made the same series or weeks at the same moment.
                db.session.rollback()
                problems = [("file", "The series changed while the file was imported: try again")]
    return render_template(
        "dashboards/incident_import.html",
        form=form,
        several=several,
        summary=_summary(problems),
        inline=_inline(problems),
    ), (400 if problems else 200)


def _imported(result) -> str:
    rows = "row" if result.rows == 1 else "rows"
    weeks = "week" if result.added == 1 else "weeks"
    return (
        f"Imported {result.rows} {rows} into {result.series.name}: {result.added} {weeks} added,"
        f" {result.replaced} replaced"
    )


def _summary(problems: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Return the error summary's items: the first problems, then how many more."""
    items = [{"text": message, "href": f"#{field}"} for field, message in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        items.append({"text": f"and {len(problems) - MAX_SHOWN} more", "href": "#file"})
    return items


def _inline(problems: list[tuple[str, str]]) -> dict[str, str]:
    """Return the message to show at each field: a file's many problems are counted."""
    by_field: dict[str, list[str]] = {}
    for field, message in problems:
        by_field.setdefault(field, []).append(message)
    inline = {field: messages[0] for field, messages in by_field.items()}
    files = by_field.get("file", [])
    if len(files) > 1:
        inline["file"] = f"The file has {len(files)} problems, listed at the top of the page"
    return inline


@bp.get("/incidents/<int:series_id>")
def incident_series(series_id: int):
    """Show a series: its wards, with the weeks each covers and its latest values."""
    series = _get_series(series_id)
    return render_template(
        "dashboards/incident_series.html", series=series, wards=incidents.ward_values(series)
    )


@bp.route("/incidents/<int:series_id>/delete", methods=["GET", "POST"])
def incident_delete(series_id: int):
    """Ask to confirm, then delete a series with all its values."""
    series = _get_series(series_id)
    form = DeleteForm()
    if form.validate_on_submit():
        name = series.name
        count = incidents.delete_series(series, actor=current_user)
        db.session.commit()
        flash(f"Deleted {name} and its {count} values", "success")
        return redirect(url_for(".incidents_list"))
    return render_template("dashboards/incident_delete.html", series=series, form=form)
