"""coprod: co-production and lived-experience platform for mental health safety networks."""

from __future__ import annotations

import logging

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from coprod.config import Config

logger = logging.getLogger(__name__)


def create_app(config: Config | None = None) -> Flask:
    """Build the web application: settings, extensions, blueprints, commands, errors."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config or Config())
    # nhsuk-frontend-jinja macros expect chained look-ups of optional parameters
    # to be quietly undefined.
    # Autoescape every template: Flask's default covers only .html files, and the design
    # system's macros are .jinja files that render names and answers.
    app.jinja_options = {
        **app.jinja_options,
        "autoescape": True,
        "undefined": ChainableUndefined,
        "loader": ChoiceLoader(
            [
                FileSystemLoader(app.root_path + "/templates"),
                PackageLoader("nhsuk_frontend_jinja"),
            ]
        ),
    }
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        _ensure_sqlite_dir(app.config["SQLALCHEMY_DATABASE_URI"])

    from coprod import cli, errors, security
    from coprod.extensions import babel, csrf, db, limiter, login, migrate
    from coprod.views import register_blueprints

    proxies = app.config.get("COPROD_TRUSTED_PROXIES", 0)
    if proxies:
        # Behind a proxy every request comes from the proxy's address; take the client's from
        # the headers the configured number of proxies set, and no further.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    # Ids in URLs fit the database's integer columns; anything larger is a 404.
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.url_map.converters["rid"] = RandomIdConverter
    db.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations_dir()))
    csrf.init_app(app)
    babel.init_app(app)
    limiter.init_app(app)
    security.init_app(app)
    login.init_app(app)
    register_blueprints(app)
    _load_screen()
    errors.init_app(app)
    cli.init_app(app)
    return app


def _load_screen() -> None:
    """Load the safeguarding screen's model now, so a missing one stops the app at start."""
    from coprod.config import ConfigError
    from coprod.screening import engine
    from coprod.screening.model import ModelError

    try:
        engine.model()
    except ModelError as exc:
        raise ConfigError(str(exc)) from None


class BoundedIntegerConverter(IntegerConverter):
    """An integer URL part no larger than a 32-bit database id."""

    def __init__(self, map, *args, max=2**31 - 1, **kwargs):
        super().__init__(map, *args, max=max, **kwargs)


class RandomIdConverter(IntegerConverter):
    """An integer URL part no larger than a random 64-bit id (see models.base.RandomId)."""

    def __init__(self, map, *args, max=2**63 - 1, **kwargs):
        super().__init__(map, *args, max=max, **kwargs)


def _migrations_dir():
    from coprod.config import BASE_DIR

    return BASE_DIR / "migrations"


def _ensure_sqlite_dir(uri: str) -> None:
    from pathlib import Path

    path = uri.removeprefix("sqlite:///")
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
