"""The JSON API under ``/api/v1``: session or bearer-token auth, documented by OpenAPI."""

from flask import Flask

from studyapp.api.auth import authenticate_api_request
from studyapp.api.views import bp
from studyapp.extensions import csrf


def init_app(app: Flask) -> None:
    csrf.exempt(bp)  # writes are checked in authenticate_api_request: CSRF unless a bearer token
    app.before_request(authenticate_api_request)
    app.register_blueprint(bp)
