"""Error pages that say plainly what went wrong and what to do next."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from coprod.extensions import db

logger = logging.getLogger(__name__)

MESSAGES = {
    400: ("There is a problem with your request", "Go back and try again."),
    403: ("You do not have permission to see this page", "Ask an admin if you need access."),
    404: (
        "Page not found",
        "If you typed the web address, check it is correct. "
        "If you pasted it, check you copied the whole address.",
    ),
    405: ("That action is not available here", "Go back and try again."),
    413: ("What you sent is too large", "Send a smaller file or less text."),
    429: (
        "Too many attempts",
        "Wait a few minutes, then try again.",
    ),
    500: (
        "Sorry, there is a problem with the service",
        "Try again later. Nothing you entered has been saved.",
    ),
}


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.before_request(_refuse_nul)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _refuse_nul():
    """Refuse a NUL character in any form value or address part of a staff page: no database
    can store one, and PostgreSQL fails on it. Respondents' pages say so in their own words."""
    if request.blueprint == "respond":
        return None
    values = [*request.args.values(), *request.form.values(), *(request.view_args or {}).values()]
    if any("\x00" in str(value) for value in values):
        return _render(
            400,
            "Your form contained characters that cannot be saved",
            "Remove any unusual characters, such as ones pasted from another program, and try "
            "again.",
        )
    return None


def _render(status: int, title: str | None = None, body: str | None = None):
    default_title, default_body = MESSAGES.get(status, MESSAGES[400])
    if request.path.startswith("/healthz"):
        return {"status": "error", "error": title or default_title}, status
    return (
        render_template(
            "errors/error.html",
            status=status,
            title=title or default_title,
            body=body or default_body,
        ),
        status,
    )


def _csrf_error(error: CSRFError):
    db.session.rollback()
    return _render(
        400,
        "Your form has expired",
        "For your security, forms expire after a while. Go back, reload the page "
        "and try again. Nothing has been changed.",
    )


def _http_error(error: HTTPException):
    db.session.rollback()
    status = error.code or 500
    return _render(status)


def _unexpected_error(error: Exception):
    db.session.rollback()
    logger.exception("unhandled error on %s %s", request.method, request.path)
    return _render(500)
