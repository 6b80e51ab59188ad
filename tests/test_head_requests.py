"""No GET or HEAD request changes anything: every route is tried with HEAD, and nothing in
the database may differ afterwards."""

from __future__ import annotations

from sqlalchemy import func, select

from coprod.extensions import db
from coprod.models import AuditEvent, Device, Draft, Response, SafeguardingAction
from coprod.services import devices, survey_files
from tests.factories import make_org

COUNTED = (Draft, Response, AuditEvent, SafeguardingAction)


def _state():
    counts = tuple(db.session.scalar(select(func.count()).select_from(m)) for m in COUNTED)
    enrolled = db.session.scalar(select(func.count()).where(Device.secret_hash.is_not(None)))
    return counts, enrolled


def test_head_never_enrols_a_tablet_or_starts_a_survey(app, client):
    survey_files.register_versions(survey_files.load_directory(app.config["COPROD_SURVEY_DIR"]))
    _trust, _site, ward = make_org("RX1")
    link = devices.open_survey(ward, "ward-weather", actor=None)
    _device, code = devices.create_device(ward, label="Lounge", actor=None)
    db.session.commit()
    before = _state()
    for _ in range(5):
        assert client.head(f"/tablet/enrol/{code}").status_code == 200
        assert client.head(f"/s/{link.link_code}").status_code == 200
    db.session.expire_all()
    assert _state() == before
    # The link still works for the person it was made for.
    page = client.get(f"/tablet/enrol/{code}").get_data(as_text=True)
    assert "Make this the ward tablet" in page
