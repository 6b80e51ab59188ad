"""A ward's improvement work: change ideas with PDSA notes, and aims for its measures."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from coprod.extensions import db
from coprod.forms.dashboards import AimForm, ChangeIdeaForm, ConfirmForm, PdsaNoteForm
from coprod.models import Aim, ChangeIdea, Ward
from coprod.models.base import local_today
from coprod.security import check_trust
from coprod.services.dashboards import improvement, keys
from coprod.services.dashboards.improvement import ImprovementError
from coprod.views.dashboards import bp

SET_AT_ONCE = "Someone else set an aim for this measure just now: check it and try again"
IDEA_FIELDS = ["title", "description", "started_on", "ended_on", "new_limits"]


def _ward(ward_id: int) -> Ward:
    """Return a ward of the account's trusts, or stop with 404."""
    ward = db.session.get(Ward, ward_id) or abort(404)
    check_trust(ward.trust_id)
    return ward


def _idea(change_id: int) -> ChangeIdea:
    """Return a change idea on a ward of the account's trusts, or stop with 404."""
    idea = db.session.get(ChangeIdea, change_id) or abort(404)
    check_trust(idea.ward.trust_id)
    return idea


def _refused(form, exc: ImprovementError) -> None:
    """Put each problem the service found on its field, so the page shows it there."""
    db.session.rollback()
    for name, message in exc.problems.items():
        form[name].errors = [*form[name].errors, message]


def _also(form, check) -> None:
    """Add what the service finds to fields the form passed, so every problem shows at once."""
    try:
        check()
    except ImprovementError as exc:
        for name, message in exc.problems.items():
            if not form[name].errors:
                form[name].errors = [*form[name].errors, message]


def _idea_check(form):
    values = _idea_values(form)
    del values["new_limits"]
    return lambda: improvement.check_change_idea(**values, today=local_today())


def _form_page(template: str, form, status_if_posted: int = 400, **context):
    status = status_if_posted if request.method == "POST" else 200
    return render_template(template, form=form, **context), status


@bp.get("/wards/<int:ward_id>/changes")
def changes(ward_id: int):
    """List a ward's change ideas, newest first, with their PDSA notes."""
    ward = _ward(ward_id)
    ideas = improvement.change_ideas(ward)
    return render_template(
        "dashboards/change_ideas.html",
        ward=ward,
        ideas=ideas,
        numbers=improvement.numbered(ideas),
        day=improvement.day,
    )


def _idea_values(form) -> dict:
    return {
        "title": form.title.data or "",
        "description": form.description.data or "",
        "started_on": form.started_on.data,
        "ended_on": form.ended_on.data,
        "new_limits": form.new_limits.data == "yes",
    }


@bp.route("/wards/<int:ward_id>/changes/new", methods=["GET", "POST"])
def change_new(ward_id: int):
    """Add a change idea to a ward."""
    ward = _ward(ward_id)
    form = ChangeIdeaForm()
    if form.validate_on_submit():
        try:
            idea = improvement.save_change_idea(
                ward, None, **_idea_values(form), actor=current_user, today=local_today()
            )
            db.session.commit()
            flash(f"Added the change idea {idea.title}", "success")
            return redirect(url_for(".changes", ward_id=ward.id) + f"#change-{idea.id}")
        except ImprovementError as exc:
            _refused(form, exc)
    elif request.method == "POST":
        _also(form, _idea_check(form))
    return _form_page(
        "dashboards/change_form.html",
        form,
        ward=ward,
        heading=f"Add a change idea for {ward.name}",
        fields=IDEA_FIELDS,
        back=url_for(".changes", ward_id=ward.id),
    )


@bp.route("/changes/<int:change_id>/edit", methods=["GET", "POST"])
def change_edit(change_id: int):
    """Change what a change idea says."""
    idea = _idea(change_id)
    form = ChangeIdeaForm(obj=idea if request.method == "GET" else None)
    if request.method == "GET":
        form.new_limits.data = "yes" if idea.new_limits else "no"
    back = url_for(".changes", ward_id=idea.ward_id) + f"#change-{idea.id}"
    if form.validate_on_submit():
        try:
            improvement.save_change_idea(
                idea.ward, idea, **_idea_values(form), actor=current_user, today=local_today()
            )
            db.session.commit()
            flash(f"Saved the change idea {idea.title}", "success")
            return redirect(back)
        except ImprovementError as exc:
            _refused(form, exc)
    elif request.method == "POST":
        _also(form, _idea_check(form))
    return _form_page(
        "dashboards/change_form.html",
        form,
        ward=idea.ward,
        heading=f"Change {idea.title}",
        fields=IDEA_FIELDS,
        back=back,
    )


@bp.route("/changes/<int:change_id>/delete", methods=["GET", "POST"])
def change_delete(change_id: int):
    """Ask before deleting a change idea and its notes; delete it when confirmed."""
    idea = _idea(change_id)
    ward = idea.ward
    if ConfirmForm().validate_on_submit():
        title = idea.title
        improvement.delete_change_idea(idea, actor=current_user)
        db.session.commit()
        flash(f"Deleted the change idea {title}", "success")
        return redirect(url_for(".changes", ward_id=ward.id))
    return render_template(
        "dashboards/change_delete.html", idea=idea, ward=ward, day=improvement.day
    ), (400 if request.method == "POST" else 200)


@bp.route("/changes/<int:change_id>/notes/new", methods=["GET", "POST"])
def note_new(change_id: int):
    """Add a Plan-Do-Study-Act note to a change idea."""
    idea = _idea(change_id)
    form = PdsaNoteForm()
    if request.method == "GET":
        form.noted_on.data = local_today()
    back = url_for(".changes", ward_id=idea.ward_id) + f"#change-{idea.id}"
    if form.validate_on_submit():
        try:
            improvement.add_note(
                idea,
                noted_on=form.noted_on.data,
                stage=form.stage.data,
                text=form.text.data or "",
                actor=current_user,
                today=local_today(),
            )
            db.session.commit()
            flash(f"Added a {form.stage.data} note to {idea.title}", "success")
            return redirect(back)
        except ImprovementError as exc:
            _refused(form, exc)
    return _form_page(
        "dashboards/change_form.html",
        form,
        ward=idea.ward,
        heading=f"Add a PDSA note to {idea.title}",
        fields=["stage", "noted_on", "text"],
        back=back,
    )


def _dated(name: str) -> str | None:
    """Return an ISO date from the request, or None if it is not one."""
    value = request.values.get(name, "")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _ward_page(ward: Ward, key: str) -> str:
    """Return the address of the ward page showing this measure, in the period it was on."""
    kind, _, rest = key.partition(":")
    survey_id, _, measure_id = rest.partition(":")
    args = {"survey": survey_id} if kind == "survey" else {}
    args |= {k: v for k in ("from", "to") if (v := _dated(k))}
    return url_for(".ward", ward_id=ward.id, **args) + f"#measure-{measure_id}"


@bp.route("/wards/<int:ward_id>/aim", methods=["GET", "POST"])
def aim_set(ward_id: int):
    """Set a ward's aim for one measure (named by ?measure=), against a baseline period."""
    ward = _ward(ward_id)
    key = request.values.get("measure", "")
    today = local_today()
    keyed = keys.chart_for_key(key, ward, start=today, end=today) or abort(404)
    aim = improvement.aim_for(ward, key)
    form = AimForm(obj=aim if request.method == "GET" else None)
    back = _ward_page(ward, key)
    if form.validate_on_submit():
        try:
            improvement.set_aim(
                ward,
                key,
                baseline_from=form.baseline_from.data,
                baseline_to=form.baseline_to.data,
                kind=form.kind.data,
                value=form.value.data,
                actor=current_user,
                today=today,
            )
            db.session.commit()
            flash(f"Set the aim for {keyed.label}", "success")
            return redirect(back)
        except ImprovementError as exc:
            _refused(form, exc)
        except IntegrityError:
            # Two people set the first aim for this measure at once: the other one won.
            _refused(form, ImprovementError({"kind": SET_AT_ONCE}))
    elif request.method == "POST":
        _also(
            form,
            lambda: improvement.check_aim(
                ward,
                key,
                baseline_from=form.baseline_from.data,
                baseline_to=form.baseline_to.data,
                kind=form.kind.data,
                value=form.value.data,
                today=today,
            ),
        )
    return _form_page(
        "dashboards/aim_form.html",
        form,
        ward=ward,
        keyed=keyed,
        key=key,
        heading=f"{'Change the' if aim else 'Set an'} aim for {keyed.label}",
        aim=aim,
        back=back,
        period={k: v for k in ("from", "to") if (v := _dated(k))},
    )


@bp.route("/aims/<int:aim_id>/remove", methods=["GET", "POST"])
def aim_remove(aim_id: int):
    """Ask before removing an aim; remove it when confirmed."""
    aim = db.session.get(Aim, aim_id) or abort(404)
    check_trust(aim.ward.trust_id)
    ward = aim.ward
    today = local_today()
    keyed = keys.chart_for_key(aim.measure_key, ward, start=today, end=today)
    label = keyed.label if keyed else aim.measure_key
    back = _ward_page(ward, aim.measure_key)
    if ConfirmForm().validate_on_submit():
        improvement.remove_aim(aim, actor=current_user, label=label)
        db.session.commit()
        flash(f"Removed the aim for {label}", "success")
        return redirect(back)
    return render_template(
        "dashboards/aim_remove.html", aim=aim, ward=ward, label=label, back=back
    ), (400 if request.method == "POST" else 200)
