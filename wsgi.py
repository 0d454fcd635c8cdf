"""Entry point for ``gunicorn wsgi:app`` and ``flask --app wsgi``."""

from studyapp import create_app

app = create_app()
