"""Sign in and sign out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from coprod.extensions import db, limiter
from coprod.forms.auth import ChangePasswordForm, LoginForm
from coprod.services import accounts, audit

bp = Blueprint("auth", __name__)

LOGIN_FAILED = "Enter a correct e-mail address and password"
# What a person whose password an admin set may still open before choosing their own.
BEFORE_PASSWORD_CHANGE = {"auth.change_password", "auth.logout", "static", "main.healthz"}


@bp.before_app_request
def _password_change_first():
    """Send a person whose password an admin typed to choose their own, before anything else."""
    if request.endpoint in BEFORE_PASSWORD_CHANGE or not current_user.is_authenticated:
        return None
    if current_user.must_change_password:
        return redirect(url_for("auth.change_password"))
    return None


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _safe_next(target: str | None) -> str:
    """Return a local path to go to after sign-in, never another site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target:
            return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Show the sign-in form and sign a person in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    errors = []
    if form.validate_on_submit():
        result = accounts.authenticate(
            form.email.data,
            form.password.data,
            max_failures=current_app.config["COPROD_LOGIN_MAX_FAILURES"],
            lock_minutes=current_app.config["COPROD_LOGIN_LOCK_MINUTES"],
        )
        db.session.commit()
        if result.user is not None:
            login_user(result.user)
            return redirect(_safe_next(request.args.get("next")))
        errors.append(LOGIN_FAILED)
    status = 200 if not (errors or form.errors) else 400
    return render_template(
        "auth/login.html",
        form=form,
        errors=errors,
        lock_minutes=current_app.config["COPROD_LOGIN_LOCK_MINUTES"],
        max_failures=current_app.config["COPROD_LOGIN_MAX_FAILURES"],
    ), status


@bp.post("/logout")
def logout():
    """Sign the person out and say so."""
    if current_user.is_authenticated:
        audit.record(current_user, "logout", current_user)
        # A copy of the session cookie must stop working too, so the server forgets it.
        accounts.end_sessions(current_user)
        db.session.commit()
        logout_user()
    flash("You have signed out.", "info")
    return redirect(url_for("main.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Let a signed-in person change their own password; other sessions end."""
    form = ChangePasswordForm()
    first = current_user.must_change_password
    if form.validate_on_submit():
        try:
            accounts.change_own_password(
                current_user, form.current_password.data, form.new_password.data
            )
            db.session.commit()
            # The session token changed with the password: keep this session signed in.
            login_user(current_user._get_current_object())
            flash("Your password has been changed. Other sign-ins have ended.", "success")
            return redirect(url_for("main.home"))
        except accounts.AccountError as exc:
            db.session.rollback()
            target = form.current_password if "current" in str(exc) else form.new_password
            target.errors.append(str(exc))
    if first:
        form.current_password.label.text = "The password you signed in with"
    return render_template(
        "admin/form.html",
        form=form,
        heading="Choose your own password" if first else "Change your password",
        lead=FIRST_CHANGE if first else None,
        fields=["current_password", "new_password"],
        back=None if first else url_for("main.home"),
    ), 400 if form.errors else 200


FIRST_CHANGE = (
    "An admin set the password you signed in with. Choose one that only you know before you go on."
)
