"""Ward tablets (enrol by one-time link, recognise, revoke) and which surveys a ward has open."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from coprod.extensions import db
from coprod.models import Device, Draft, User, Ward, WardSurvey
from coprod.models.base import utcnow
from coprod.services import audit, codes

ENROL_HOURS = 24
# Characters of new codes, from an alphabet of 31 (coprod/services/codes.py): a personal
# link's 10 hold 49.5 bits and a set-up link's 40 hold 198, more than the 48 and 192 of
# the URL-safe codes made before; those still work.
LINK_CODE_LENGTH = 10
ENROL_CODE_LENGTH = 40


class DeviceError(ValueError):
    """A tablet action was refused; the message is safe to show."""


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def create_device(ward: Ward, *, label: str, actor: User | None) -> tuple[Device, str]:
    """Add a tablet for a ward and return it with its one-time enrolment code.

    The code is shown once and only its hash is kept. The caller commits.
    """
    code = codes.new_code(ENROL_CODE_LENGTH)
    label = " ".join(label.split())[:100] or f"Tablet on {ward.name}"
    device = Device(
        ward=ward,
        label=label,
        enrol_code_hash=_digest(codes.squeeze(code)),
        enrol_expires_at=utcnow() + timedelta(hours=ENROL_HOURS),
    )
    db.session.add(device)
    db.session.flush()
    audit.record(actor, "device.create", device, trust_id=ward.site.trust_id, ward=ward.code)
    return device, code


def enrol(code: str) -> tuple[Device, str]:
    """Use a one-time code to make a browser a ward's tablet; return the tablet's secret.

    The caller commits and stores the secret in the browser's cookie.
    """
    # Codes made before readable codes are compared exactly, as they mix upper and lower case.
    typed = {_digest(code)}
    if codes.readable(code, ENROL_CODE_LENGTH):
        typed.add(_digest(codes.squeeze(code)))
    device = db.session.scalar(select(Device).where(Device.enrol_code_hash.in_(typed)))
    if device is None or device.revoked_at is not None:
        raise DeviceError("This set-up link is not valid. Ask an admin for a new one.")
    if device.enrol_expires_at is None or device.enrol_expires_at < utcnow():
        raise DeviceError("This set-up link has expired. Ask an admin for a new one.")
    secret = secrets.token_urlsafe(32)
    device.secret_hash = _digest(secret)
    device.enrol_code_hash = None
    device.enrol_expires_at = None
    device.enrolled_at = utcnow()
    audit.record(None, "device.enrol", device, trust_id=device.ward.site.trust_id)
    return device, secret


def device_for_secret(secret: str | None) -> Device | None:
    """Return the active tablet whose secret this is, or None (unknown or revoked)."""
    if not secret or len(secret) > 100:
        return None
    device = db.session.scalar(select(Device).where(Device.secret_hash == _digest(secret)))
    if device is None or device.revoked_at is not None:
        return None
    return device


def revoke(device: Device, *, actor: User) -> None:
    """Stop a tablet working at once, e.g. when it is lost; the caller commits."""
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        device.enrol_code_hash = None
        # Answers in progress on a lost tablet go with it.
        db.session.execute(delete(Draft).where(Draft.device_id == device.id))
        audit.record(actor, "device.revoke", device, trust_id=device.ward.site.trust_id)


def link_code_as_stored(code: str) -> str:
    """Return a typed personal-link code as it is stored, so spaces and capitals still match.

    A code made before readable codes is returned unchanged: it is matched exactly.
    """
    return codes.readable(code, LINK_CODE_LENGTH) or code


def _new_link_code() -> str:
    while True:
        code = codes.new_code(LINK_CODE_LENGTH)
        if db.session.scalar(select(WardSurvey.id).where(WardSurvey.link_code == code)) is None:
            return code


def ward_surveys(ward: Ward) -> dict[str, WardSurvey]:
    """Return the ward's surveys that have ever been opened, by survey id."""
    rows = db.session.scalars(select(WardSurvey).where(WardSurvey.ward_id == ward.id))
    return {row.survey_id: row for row in rows}


def open_survey(ward: Ward, survey_id: str, *, actor: User | None) -> WardSurvey:
    """Open a survey on a ward (giving it a personal link code); the caller commits."""
    row = db.session.scalar(
        select(WardSurvey).where(WardSurvey.ward_id == ward.id, WardSurvey.survey_id == survey_id)
    )
    if row is None:
        row = WardSurvey(ward=ward, survey_id=survey_id, link_code=_new_link_code())
        db.session.add(row)
    row.is_open = True
    db.session.flush()
    audit.record(actor, "survey.open", row, trust_id=ward.site.trust_id, survey=survey_id)
    return row


def close_survey(row: WardSurvey, *, actor: User) -> None:
    """Close a survey on a ward; its link stops working. The caller commits."""
    row.is_open = False
    audit.record(actor, "survey.close", row, trust_id=row.ward.site.trust_id, survey=row.survey_id)


def open_all(ward: Ward, survey_ids: list[str], *, actor: User) -> int:
    """Open every one of these surveys not yet open on a ward; return how many. Caller commits.

    Each is recorded in the audit log as if opened on its own.
    """
    rows = ward_surveys(ward)
    opened = 0
    for survey_id in survey_ids:
        row = rows.get(survey_id)
        if row is None or not row.is_open:
            open_survey(ward, survey_id, actor=actor)
            opened += 1
    return opened


def close_all(ward: Ward, *, actor: User) -> int:
    """Close every survey open on a ward; return how many. The caller commits."""
    open_rows = [row for row in ward_surveys(ward).values() if row.is_open]
    for row in sorted(open_rows, key=lambda r: r.survey_id):
        close_survey(row, actor=actor)
    return len(open_rows)
