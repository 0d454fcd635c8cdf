"""Home page, language switch and the health check."""

from flask import Flask

from studyapp.main.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
