"""Sign-in sessions, access-control decorators and the security headers on every response."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Flask, Response, abort, current_app, request
from flask_login import current_user
from sqlalchemy import select

from coprod.extensions import db, login
from coprod.models import User
from coprod.models.people import Permission

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app: Flask) -> None:
    """Attach the session loader and the response headers to the app."""
    login.login_view = "auth.login"
    login.login_message = "Sign in to see this page."
    login.login_message_category = "info"
    login.session_protection = "strong"
    app.after_request(_security_headers)


@login.user_loader
def _load_user(session_id: str) -> User | None:
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.scalar(select(User).where(User.id == int(user_id)))
    if user is None or user.session_token != token or not user.is_enabled:
        return None
    return user


def _security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.endpoint != "static":
        # Pages may show personal or sensitive answers: never keep them in a cache,
        # so the back button on a shared device shows nothing of the last person.
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    if current_app.config.get("PRODUCTION"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def permission_required(permission: Permission) -> Callable:
    """Let a view run only for a signed-in account whose role has the permission."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login.unauthorized()
            if not current_user.can(permission):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def check_trust(trust_id: int | None) -> None:
    """Stop with 404 unless the signed-in account may see this trust.

    404 rather than 403, so that nobody learns what exists in another trust.
    """
    if not current_user.is_authenticated or not current_user.can_reach(trust_id):
        abort(404)
