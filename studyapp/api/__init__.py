"""The JSON API under ``/api/v1``: session or bearer-token auth, documented by OpenAPI."""

from flask import Flask

from studyapp.api import cards, exams, hr, views
from studyapp.api.auth import authenticate_api_request
from studyapp.extensions import csrf

BLUEPRINTS = (views.bp, cards.bp, exams.bp, hr.bp)


def init_app(app: Flask) -> None:
    app.before_request(authenticate_api_request)
    for blueprint in BLUEPRINTS:
        # Writes are checked in authenticate_api_request: CSRF unless a bearer token signed in.
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)
