"""Entry point for gunicorn and the flask command: app = create_app()."""

import sys

from coprod import create_app
from coprod.config import ConfigError

try:
    app = create_app()
except ConfigError as exc:
    # One plain line for whoever reads the service log, not a traceback.
    sys.exit(f"coprod cannot start: {exc}")
