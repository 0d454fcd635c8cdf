"""Administrators manage organisations, cohorts and users."""

from flask import Flask

from studyapp.admin.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
