"""Blueprints, one per module, registered in one place."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint to the app."""
    from coprod.views import admin_org, admin_users, auth, main

    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(admin_org.bp)
    app.register_blueprint(admin_users.bp)
