"""Clear out what must not outlive its use, on any request, until the nightly job exists:
drafts left idle (sooner on a ward tablet) and thank-you pages past their time."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app, request

from coprod.extensions import db
from coprod.models import Draft
from coprod.models.base import utcnow
from coprod.services import end_pages, responses

EVERY = timedelta(seconds=30)  # at most this often in each process
_LAST = "coprod.tidied_at"


def kiosk_draft_seconds() -> int:
    """How long answers in progress on a ward tablet last untouched, whatever the browser
    does: well past the idle warning, which with script clears them sooner. Script keeps a
    draft alive while someone is using the page; without script, the page moves to the
    tablet's start a little after this, so Back finds nothing to bring back."""
    config = current_app.config
    idle, warning = config["COPROD_KIOSK_IDLE_SECONDS"], config["COPROD_KIOSK_WARNING_SECONDS"]
    return max(3 * idle, idle + warning)


def draft_is_idle(draft: Draft) -> bool:
    """Say whether a draft has been left idle for longer than this app allows."""
    minutes = current_app.config["COPROD_DRAFT_IDLE_MINUTES"]
    return responses.is_idle(draft, minutes, kiosk_seconds=kiosk_draft_seconds())


def tidy_now() -> None:
    """Delete idle drafts and expired thank-you pages, and commit."""
    responses.purge_idle_drafts(
        current_app.config["COPROD_DRAFT_IDLE_MINUTES"], kiosk_seconds=kiosk_draft_seconds()
    )
    end_pages.purge_expired()
    db.session.commit()
    current_app.extensions[_LAST] = utcnow()


def _tidy_now_and_then() -> None:
    if request.endpoint in (None, "static") or request.path.startswith("/healthz"):
        return
    last = current_app.extensions.get(_LAST)
    if last is None or utcnow() - last >= EVERY or utcnow() < last:
        tidy_now()


def init_app(app: Flask) -> None:
    """Tidy before requests, at most every EVERY per process."""
    app.before_request(_tidy_now_and_then)
    app.jinja_env.globals["kiosk_draft_seconds"] = kiosk_draft_seconds
