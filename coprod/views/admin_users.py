"""Admin pages for staff accounts and the audit log, limited to the admin's own trusts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from coprod.extensions import db
from coprod.forms.admin import PasswordForm, UserEditForm, UserForm, choices
from coprod.models import Trust, User
from coprod.models.people import Permission
from coprod.security import permission_required
from coprod.services import accounts, audit, audit_words, org
from coprod.services.accounts import AccountError

bp = Blueprint("admin_users", __name__, url_prefix="/admin")

AUDIT_PAGE_SIZE = 50


@bp.before_request
@permission_required(Permission.MANAGE_USERS)
def _admins_only():
    """Let only admins into these pages."""


def _trust_choices():
    return choices((t.id, f"{t.name} ({t.code})") for t in org.trusts_for(current_user))


def _chosen_trusts(ids: list[int]) -> list[Trust]:
    allowed = current_user.trust_ids
    return [t for t in org.trusts_for(current_user) if t.id in ids and t.id in allowed]


def get_user(user_id: int) -> User:
    """Return an account sharing a trust with the admin, or stop with 404."""
    user = db.session.get(User, user_id) or abort(404)
    if not (user.trust_ids & current_user.trust_ids):
        abort(404)
    return user


@bp.get("/users")
def users():
    """List the accounts that belong to the admin's trusts."""
    rows = db.session.scalars(
        select(User)
        .where(User.trusts.any(Trust.id.in_(current_user.trust_ids)))
        .order_by(User.email)
    ).all()
    return render_template("admin/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
def user_new():
    """Create an account in one or more of the admin's trusts."""
    form = UserForm()
    form.trusts.choices = _trust_choices()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                email=form.email.data,
                password=form.password.data,
                role=accounts.parse_role(form.role.data),
                trusts=_chosen_trusts(form.trusts.data),
                name=form.name.data or "",
                actor=current_user,
            )
            db.session.commit()
            flash(
                f"Created an account for {user.email}. Tell them the password in person or by "
                "phone; they will choose their own when they first sign in.",
                "success",
            )
            return redirect(url_for(".users"))
        except AccountError as exc:
            db.session.rollback()
            _attach_error(form, str(exc))
    return _user_form(form, "Add an account", ["email", "name", "role", "trusts", "password"])


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user_edit(user_id: int):
    """Change an account's role, trusts and whether it can sign in."""
    user = get_user(user_id)
    form = UserEditForm(
        data={
            "name": user.name,
            "role": user.role.value,
            "trusts": [t.id for t in user.trusts if t.id in current_user.trust_ids],
            "enabled": "yes" if user.is_enabled else "no",
        }
    )
    form.trusts.choices = _trust_choices()
    if form.validate_on_submit():
        try:
            accounts.update_user(
                user,
                actor=current_user,
                role=accounts.parse_role(form.role.data),
                is_enabled=form.enabled.data == "yes",
                name=form.name.data or "",
                trusts_in_scope=_chosen_trusts(form.trusts.data),
            )
            db.session.commit()
            flash(f"Saved {user.email}", "success")
            return redirect(url_for(".users"))
        except AccountError as exc:
            db.session.rollback()
            _attach_error(form, str(exc))
    return _user_form(
        form, f"Change {user.email}", ["name", "role", "trusts", "enabled"], user=user
    )


@bp.post("/users/<int:user_id>/remove")
def user_remove(user_id: int):
    """Take an account that also belongs to other trusts out of the admin's own."""
    user = get_user(user_id)
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        accounts.remove_from_trusts(user, actor=current_user)
        db.session.commit()
        flash(f"Took {user.email} out of your trusts", "success")
    except AccountError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    return redirect(url_for(".users"))


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
def user_password(user_id: int):
    """Set a new password for an account, ending its sessions."""
    user = get_user(user_id)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(user, form.password.data, actor=current_user)
            db.session.commit()
            flash(
                f"Set a new password for {user.email}. Tell them in person or by phone; they "
                "will choose their own when they next sign in.",
                "success",
            )
            return redirect(url_for(".users"))
        except AccountError as exc:
            db.session.rollback()
            form.password.errors.append(str(exc))
    return _user_form(form, f"Set a new password for {user.email}", ["password"], user=user)


@bp.get("/audit")
@permission_required(Permission.VIEW_AUDIT)
def audit_log():
    """Show the audit log for the admin's trusts, newest first."""
    page = request.args.get("page", 1, type=int)
    if page < 1 or page > 1_000_000:
        abort(404)
    query = audit.events_visible_to(current_user)
    events = db.session.scalars(
        query.limit(AUDIT_PAGE_SIZE + 1).offset((page - 1) * AUDIT_PAGE_SIZE)
    ).all()
    has_next = len(events) > AUDIT_PAGE_SIZE
    trusts = {t.id: t for t in current_user.trusts}
    # A record naming a trust the reader cannot see (an account change by an admin of two
    # trusts, say) is left out, so it tells nobody what happened in another trust.
    shown = [e for e in events[:AUDIT_PAGE_SIZE] if audit.readable_by(current_user, e)]
    return render_template(
        "admin/audit.html",
        entries=audit_words.describe(shown),
        trusts=trusts,
        page=page,
        has_next=has_next,
    )


def _attach_error(form, message: str) -> None:
    """Put a service's refusal on the field it is about, so the summary links to it."""
    lowered = message.lower()
    for name in ("password", "e-mail", "trust", "role"):
        if name in lowered:
            field = {"e-mail": "email", "trust": "trusts"}.get(name, name)
            if hasattr(form, field):
                getattr(form, field).errors.append(message)
                return
    form.form_errors.append(message)


def _user_form(form, heading: str, fields: list[str], user: User | None = None):
    status = 400 if form.errors or form.form_errors else 200
    shared = user is not None and not user.trust_ids <= current_user.trust_ids
    return render_template(
        "admin/form.html",
        form=form,
        heading=heading,
        fields=fields,
        back=url_for(".users"),
        form_errors=form.form_errors,
        remove_url=url_for(".user_remove", user_id=user.id) if shared else None,
    ), status
