"""Blueprints, one per module, registered in one place."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint to the app."""
    from coprod.views import (
        admin_devices,
        admin_org,
        admin_users,
        auth,
        dashboards,
        housekeeping,
        main,
        respond,
        safeguarding,
        tablet,
    )

    housekeeping.init_app(app)
    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(admin_org.bp)
    app.register_blueprint(admin_users.bp)
    app.register_blueprint(admin_devices.bp)
    app.register_blueprint(tablet.bp)
    app.register_blueprint(respond.bp)
    app.register_blueprint(safeguarding.bp)
    app.register_blueprint(dashboards.bp)
