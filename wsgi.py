"""Entry point for gunicorn and the flask command: app = create_app()."""

from coprod import create_app

app = create_app()
