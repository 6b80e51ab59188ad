"""Admin pages for a ward's tablets, open surveys and personal links."""

from __future__ import annotations

import base64
import io

import segno
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from coprod.extensions import db
from coprod.models import Device, SurveyVersion, WardSurvey
from coprod.models.people import Permission
from coprod.security import check_trust, permission_required
from coprod.services import devices
from coprod.views.admin_org import get_ward

bp = Blueprint("admin_devices", __name__, url_prefix="/admin")


@bp.before_request
@permission_required(Permission.MANAGE_DEVICES)
def _admins_only():
    """Let only admins into these pages."""


def _surveys() -> dict[str, SurveyVersion]:
    """Return the latest version of every survey, by survey id, standard wording first."""
    versions = db.session.scalars(select(SurveyVersion).order_by(SurveyVersion.id)).all()
    latest: dict[str, SurveyVersion] = {}
    for version in versions:
        kept = latest.get(version.survey_id)
        if kept is None or version.variant == "standard" or kept.variant != "standard":
            latest[version.survey_id] = version
    return dict(sorted(latest.items(), key=lambda item: item[1].title))


def _survey_titles() -> dict[str, str]:
    return {survey_id: version.title for survey_id, version in _surveys().items()}


def _qr_svg(link: str, *, scale: int) -> bytes:
    """Return a QR code of exactly this link, as SVG."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(
        buffer, kind="svg", scale=scale, border=4, light="#fff", title=link
    )
    return buffer.getvalue()


@bp.get("/wards/<int:ward_id>/tablets")
def ward(ward_id: int):
    """Show a ward's tablets, its surveys and their personal links."""
    ward = get_ward(ward_id)
    tablets = db.session.scalars(
        select(Device).where(Device.ward_id == ward.id).order_by(Device.id)
    ).all()
    return render_template(
        "admin/ward_tablets.html",
        ward=ward,
        tablets=tablets,
        surveys=_surveys(),
        rows=devices.ward_surveys(ward),
    )


@bp.post("/wards/<int:ward_id>/tablets")
def add_tablet(ward_id: int):
    """Make a one-time set-up link for a new tablet on this ward, shown once."""
    ward = get_ward(ward_id)
    device, code = devices.create_device(
        ward, label=request.form.get("label", ""), actor=current_user
    )
    db.session.commit()
    link = url_for("tablet.enrol", code=code, _external=True)
    # The code is kept only as a hash, so its QR code is drawn now, into the page.
    qr = "data:image/svg+xml;base64," + base64.b64encode(_qr_svg(link, scale=5)).decode()
    return render_template("admin/tablet_link.html", ward=ward, device=device, link=link, qr=qr)


@bp.post("/tablets/<int:device_id>/revoke")
def revoke_tablet(device_id: int):
    """Switch a tablet off at once."""
    device = db.session.get(Device, device_id) or abort(404)
    check_trust(device.ward.site.trust_id)
    devices.revoke(device, actor=current_user)
    db.session.commit()
    flash(f"{device.label} has been switched off.", "success")
    return redirect(url_for(".ward", ward_id=device.ward_id))


@bp.post("/wards/<int:ward_id>/surveys")
def set_survey(ward_id: int):
    """Open or close one survey on this ward."""
    ward = get_ward(ward_id)
    survey_id = request.form.get("survey", "")
    if survey_id not in _survey_titles():
        abort(400)
    if request.form.get("action") == "open":
        devices.open_survey(ward, survey_id, actor=current_user)
    else:
        row = db.session.scalar(
            select(WardSurvey).where(
                WardSurvey.ward_id == ward.id, WardSurvey.survey_id == survey_id
            )
        )
        if row is not None:
            devices.close_survey(row, actor=current_user)
    db.session.commit()
    return redirect(url_for(".ward", ward_id=ward.id))


@bp.post("/wards/<int:ward_id>/surveys/all")
def set_all_surveys(ward_id: int):
    """Open every survey on this ward, or close every one."""
    ward = get_ward(ward_id)
    action = request.form.get("action")
    if action == "open":
        count = devices.open_all(ward, list(_surveys()), actor=current_user)
        message = (
            f"Opened {_surveys_count(count)} on {ward.name}."
            if count
            else "Every survey was already open."
        )
    elif action == "close":
        count = devices.close_all(ward, actor=current_user)
        message = (
            f"Closed {_surveys_count(count)} on {ward.name}."
            if count
            else "No survey was open to close."
        )
    else:
        abort(400)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".ward", ward_id=ward.id))


def _surveys_count(count: int) -> str:
    return f"{count} survey" if count == 1 else f"{count} surveys"


@bp.get("/links/<int:ward_survey_id>/qr.svg")
def qr_code(ward_survey_id: int):
    """Return the QR code of a ward survey's personal link, as SVG for printing."""
    row = db.session.get(WardSurvey, ward_survey_id) or abort(404)
    check_trust(row.ward.site.trust_id)
    link = url_for("tablet.personal_link", code=row.link_code, _external=True)
    return _qr_svg(link, scale=6), 200, {"Content-Type": "image/svg+xml"}
