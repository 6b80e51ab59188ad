"""The safeguarding leads' queue: flagged and to-read answers of their own trusts, each item
with its unredacted answers and what was done, and reports of harm per ward per week."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from coprod.extensions import db
from coprod.forms.safeguarding import ActionForm, FilterForm
from coprod.models.base import local_today, utcnow
from coprod.models.people import Permission
from coprod.security import permission_required
from coprod.services.safeguarding import patterns, queue, reading
from coprod.services.safeguarding.queue import QueueError

bp = Blueprint("safeguarding", __name__, url_prefix="/safeguarding")
MAX_BULK = 500  # answers marked read at once


@bp.before_request
@permission_required(Permission.REVIEW_SAFEGUARDING)
def _leads_only():
    """Let only safeguarding leads into these pages."""


def _hours() -> dict[str, int]:
    return current_app.config["COPROD_SAFEGUARDING_DUE_HOURS"]


def _item_or_404(item_id: int):
    """Return an item of the lead's trusts, or stop with 404 (another trust's is not there)."""
    return queue.get_item(current_user, item_id) or abort(404)


@bp.get("")
def index():
    """List the items of the lead's trusts, most urgent first, with filters."""
    wards = queue.wards_of(current_user)
    form = FilterForm(request.args)
    form.ward.choices = [("", "Any ward")] + [(str(w.id), f"{w.name} ({w.code})") for w in wards]
    filters = queue.Filters()
    if form.validate():
        filters = queue.Filters(
            state=form.state.data or None,
            ward_id=int(form.ward.data) if form.ward.data else None,
            concern=form.concern.data or None,
            kind=form.kind.data or None,
        )
    now = utcnow()
    page_number = request.args.get("page", "1")
    page_number = int(page_number) if page_number.isdecimal() and len(page_number) < 6 else 1
    page = queue.items_for(current_user, filters, _hours(), now, page=max(1, page_number))
    # Answers waiting to be read are shown in the list, so they can be read and marked read
    # together; showing them is audited like opening them.
    to_read = {
        item.id: reading.free_text_of(item)
        for item in page.items
        if not item.flagged and item.state != "closed"
    }
    if to_read and request.method == "GET":  # HEAD shows nothing, so records nothing
        queue.record_list_view(current_user, [i for i in page.items if i.id in to_read])
        db.session.commit()
    return render_template(
        "safeguarding/queue.html",
        form=form,
        items=page.items,
        page=page,
        to_read=to_read,
        query={k: v for k, v in request.args.items() if k != "page"},
        counts=queue.open_counts(current_user, _hours(), now),
        wards={w.id: w for w in wards},
        due=lambda item: queue.due_at(item, _hours()),
        overdue=lambda item: queue.is_overdue(item, _hours(), now),
        concern_label=queue.concern_label,
        states=queue.STATE_LABELS,
    )


@bp.post("/read")
def mark_read():
    """Close the chosen "to read" items as read with nothing of concern."""
    form = ActionForm()
    if not form.validate_on_submit() or form.action.data != "bulk_read":
        abort(400)
    values = request.form.getlist("item")[:MAX_BULK]
    ids = [int(v) for v in values if v.isdecimal() and len(v) <= 19 and int(v) < 2**63]
    count = queue.mark_read(current_user, ids)
    db.session.commit()
    if count:
        flash(f"Marked {count} answer(s) as read, nothing of concern", "success")
    else:
        flash("Choose at least one answer to read (flagged answers each need an outcome)", "error")
    return redirect(url_for(".index", kind="to_read"))


@bp.route("/<rid:item_id>", methods=["GET", "POST"])
def item(item_id: int):
    """Show one item's answers unredacted, what raised it and its history; take an action."""
    found = _item_or_404(item_id)
    form = ActionForm()
    error = None
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                queue.change(
                    current_user,
                    found,
                    form.action.data,
                    outcome=form.outcome.data,
                    reference=form.reference.data,
                    note=form.note.data,
                )
                db.session.commit()
                flash(queue.ACTIONS.get(form.action.data, "Saved"), "success")
                return redirect(url_for(".item", item_id=found.id))
            except QueueError as exc:
                db.session.rollback()
                error = str(exc)
                found = _item_or_404(item_id)
            except StaleDataError:
                db.session.rollback()
                error = "Someone else changed this item just now. Here it is as it is now."
                found = _item_or_404(item_id)
        else:
            error = next(iter(e for errors in form.errors.values() for e in errors), None)
    if request.method != "HEAD":  # HEAD shows nothing, so records nothing
        queue.record_view(current_user, found)
        db.session.commit()
    now = utcnow()
    return render_template(
        "safeguarding/item.html",
        item=found,
        form=form,
        error=error,
        answers=reading.answers_of(found),
        reasons=reading.reasons_of(found),
        ward=found.response.ward,
        survey=found.response.survey_version,
        due=queue.due_at(found, _hours()),
        overdue=queue.is_overdue(found, _hours(), now),
        concern_label=queue.concern_label,
        states=queue.STATE_LABELS,
        outcomes=queue.OUTCOMES,
        actions=queue.ACTIONS,
    ), (422 if error else 200)


@bp.get("/patterns")
def ward_patterns():
    """Show flagged reports per ward per week, and wards with repeated reports."""
    return render_template(
        "safeguarding/patterns.html",
        patterns=patterns.patterns_for(current_user, today=local_today()),
        concern_label=queue.concern_label,
    )
