"""Ward tablets and personal links: where a respondent picks a survey and starts it."""

from __future__ import annotations

import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import select

from coprod.extensions import csrf, db, limiter
from coprod.models import Device, Draft, WardSurvey
from coprod.services import devices, end_pages, responses
from coprod.services.devices import DeviceError
from coprod.services.survey_schema import VARIANTS
from coprod.views.housekeeping import tidy_now

bp = Blueprint("tablet", __name__)

DEVICE_COOKIE = "coprod_tablet"
OWNER_KEY = "draft_owner"
END_KEY = "end_page"  # the session's key to its thank-you page
MORE_KEY = "tell_more"  # the session's key to its "tell us more" after a one-tap answer
# A new secret for each person who starts a survey in this browser, so a repeated Send from
# it (the first reply lost) can be told the answers arrived, and nobody after them can.
SENDER_KEY = "sender"


def current_device() -> Device | None:
    """Return the enrolled, unrevoked tablet this browser is, if any."""
    return devices.device_for_secret(request.cookies.get(DEVICE_COOKIE))


def open_surveys(ward_id: int) -> list[dict]:
    """Return the ward's open surveys with the variants that exist for each."""
    rows = db.session.scalars(
        select(WardSurvey)
        .where(WardSurvey.ward_id == ward_id, WardSurvey.is_open.is_(True))
        .order_by(WardSurvey.survey_id)
    ).all()
    listed = []
    for row in rows:
        variants = {v: responses.current_version(row.survey_id, v) for v in VARIANTS}
        variants = {v: version for v, version in variants.items() if version is not None}
        if variants:
            first = next(iter(variants.values()))
            listed.append(
                {
                    "ward_survey": row,
                    "title": first.title,
                    "audience": first.audience,
                    "variants": variants,
                }
            )
    return listed


@bp.get("/tablet")
def start():
    """Show the tablet's start page: the ward's open surveys, or how to set it up."""
    device = current_device()
    if device is None:
        revoked = request.cookies.get(DEVICE_COOKIE) is not None
        return render_template("tablet/not_enrolled.html", revoked=revoked), 200
    tidy_now()
    return render_template(
        "tablet/start.html", device=device, ward=device.ward, surveys=open_surveys(device.ward_id)
    )


@bp.get("/tablet/away")
def away():
    """A plain page to land on after a quick exit on a tablet: it names no survey, so
    someone looking over a shoulder sees nothing of what was being answered."""
    response = make_response(render_template("tablet/away.html"))
    # Drop anything the browser kept of the pages before, so Back brings none of them back.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.post("/tablet/start")
def start_survey():
    """Begin a survey on this tablet and go to its first page."""
    device = current_device()
    if device is None:
        return redirect(url_for(".start"))
    ward_survey = _open_ward_survey(device.ward_id, request.form.get("survey", ""))
    version = _version(ward_survey, request.form.get("variant", "standard"))
    # One person at a time: anything left from the last person goes.
    for old in db.session.scalars(select(Draft).where(Draft.device_id == device.id)):
        responses.discard(old)
    end_pages.forget(session.pop(END_KEY, None))
    session.pop(MORE_KEY, None)
    session[SENDER_KEY] = secrets.token_urlsafe(24)
    draft = responses.start_draft(device.ward, version, mode="kiosk", device_id=device.id)
    db.session.commit()
    return redirect(url_for("respond.intro", token=draft.token))


@bp.post("/tablet/reset")
@csrf.exempt  # the tablet cookie is SameSite=Strict, so another site cannot reset a tablet
def reset():
    """Delete this tablet's answers in progress and return to its start page."""
    device = current_device()
    if device is not None:
        for old in db.session.scalars(select(Draft).where(Draft.device_id == device.id)):
            responses.discard(old)
    end_pages.forget(session.pop(END_KEY, None))
    session.pop(MORE_KEY, None)
    session.pop(SENDER_KEY, None)
    db.session.commit()
    return redirect(url_for(".start"))


@bp.route("/tablet/enrol/<code>", methods=["GET", "POST"])
def enrol(code: str):
    """Make this browser a ward's tablet, after the admin confirms on the page."""
    if request.method != "POST":  # GET and HEAD only show the page
        return render_template("tablet/enrol.html", code=code)
    try:
        _device, secret = devices.enrol(code)
        db.session.commit()
    except DeviceError as exc:
        db.session.rollback()
        return render_template("tablet/enrol.html", code=code, error=str(exc)), 400
    response = make_response(redirect(url_for(".start")))
    response.set_cookie(
        DEVICE_COOKIE,
        secret,
        max_age=5 * 365 * 24 * 3600,
        httponly=True,
        secure=current_app.config["PRODUCTION"],
        samesite="Strict",
    )
    return response


def _link_limit() -> str:
    return current_app.config["LINK_RATE_LIMIT"]


@bp.route("/s/<code>", methods=["GET", "POST"])
@limiter.limit(_link_limit, methods=["POST"])
def personal_link(code: str):
    """Start a survey from a ward's personal link, on a person's own phone."""
    # A code typed with spaces, hyphens or capitals still finds its survey.
    stored = devices.link_code_as_stored(code)
    ward_survey = db.session.scalar(
        select(WardSurvey).where(WardSurvey.link_code == stored, WardSurvey.is_open.is_(True))
    )
    if ward_survey is None:
        return render_template("tablet/closed.html"), 404
    listed = [s for s in open_surveys(ward_survey.ward_id) if s["ward_survey"].id == ward_survey.id]
    if not listed:
        return render_template("tablet/closed.html"), 404
    if request.method != "POST":  # GET and HEAD only show the page
        return render_template("tablet/link.html", survey=listed[0], ward=ward_survey.ward)
    version = _version(ward_survey, request.form.get("variant", "standard"))
    owner = secrets.token_urlsafe(24)
    session[OWNER_KEY] = owner
    session[SENDER_KEY] = secrets.token_urlsafe(24)
    draft = responses.start_draft(ward_survey.ward, version, mode="link", owner_key=owner)
    db.session.commit()
    return redirect(url_for("respond.intro", token=draft.token))


def _open_ward_survey(ward_id: int, survey_id: str) -> WardSurvey:
    ward_survey = db.session.scalar(
        select(WardSurvey).where(
            WardSurvey.ward_id == ward_id,
            WardSurvey.survey_id == survey_id,
            WardSurvey.is_open.is_(True),
        )
    )
    if ward_survey is None:
        abort(404)
    return ward_survey


def _version(ward_survey: WardSurvey, variant: str):
    if variant not in VARIANTS:
        abort(400)
    version = responses.current_version(ward_survey.survey_id, variant)
    if version is None:
        abort(404)
    return version
