"""The start page, the signed-in home page and the health check."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import text

from coprod.extensions import db
from coprod.models.people import Permission
from coprod.services import org
from coprod.services.safeguarding import alerts, queue

bp = Blueprint("main", __name__)
logger = logging.getLogger(__name__)


@bp.get("/")
def index():
    """Say what coprod is and who it is for."""
    return render_template("main/index.html")


@bp.get("/home")
@login_required
def home():
    """Show a signed-in account its trusts and where to go next."""
    if current_user.is_admin:
        return redirect(url_for("admin_org.overview"))
    counts = None
    if current_user.can(Permission.REVIEW_SAFEGUARDING):
        counts = queue.open_counts(
            current_user, current_app.config["COPROD_SAFEGUARDING_DUE_HOURS"]
        )
    return render_template(
        "main/home.html",
        trusts=org.trusts_for(current_user),
        safeguarding_counts=counts,
        can_view_dashboards=current_user.can(Permission.VIEW_DASHBOARDS),
    )


@bp.get("/healthz")
def healthz():
    """Report whether the app can reach its database and deliver its alerts, as JSON."""
    try:
        db.session.execute(text("SELECT 1"))
        outbox = "delayed" if alerts.delayed() else "ok"
    except Exception:
        logger.exception("health check could not reach the database")
        db.session.rollback()
        return {"status": "error", "database": "unreachable"}, 503
    # Only whether alerts are long delayed: a count would tell anyone who polls this page
    # that someone on a ward has just disclosed harm.
    return {"status": "ok", "database": "ok", "outbox": outbox}
