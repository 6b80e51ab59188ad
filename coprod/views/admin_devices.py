"""Admin pages for a ward's tablets, open surveys and personal links."""

from __future__ import annotations

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


def _survey_titles() -> dict[str, str]:
    rows = db.session.execute(
        select(SurveyVersion.survey_id, SurveyVersion.title).order_by(SurveyVersion.id)
    ).all()
    return {survey_id: title for survey_id, title in rows}


@bp.get("/wards/<int:ward_id>/tablets")
def ward(ward_id: int):
    """Show a ward's tablets, its surveys and their personal links."""
    ward = get_ward(ward_id)
    tablets = db.session.scalars(
        select(Device).where(Device.ward_id == ward.id).order_by(Device.id)
    ).all()
    rows = {
        r.survey_id: r
        for r in db.session.scalars(select(WardSurvey).where(WardSurvey.ward_id == ward.id))
    }
    return render_template(
        "admin/ward_tablets.html",
        ward=ward,
        tablets=tablets,
        surveys=_survey_titles(),
        rows=rows,
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
    return render_template("admin/tablet_link.html", ward=ward, device=device, link=link)


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


@bp.get("/links/<int:ward_survey_id>/qr.svg")
def qr_code(ward_survey_id: int):
    """Return the QR code of a ward survey's personal link, as SVG for printing."""
    row = db.session.get(WardSurvey, ward_survey_id) or abort(404)
    check_trust(row.ward.site.trust_id)
    buffer = io.BytesIO()
    link = url_for("tablet.personal_link", code=row.link_code, _external=True)
    segno.make(link, error="m").save(buffer, kind="svg", scale=6, border=2, title=link)
    return buffer.getvalue(), 200, {"Content-Type": "image/svg+xml"}
