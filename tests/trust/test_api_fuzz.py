"""Schemathesis against /api/v1, in-process: no 5xx, every answer as openapi.json says.

The operations are read from the document the app serves when the tests are collected, so a
route that a feature adds to it is fuzzed without touching this file. Each operation is then
sent to an app on its own test's database (a fresh SQLite copy), signed in with a candidate's
bearer token. About half the generated ids are swapped for ids that exist, so that the answers
of requests that succeed are checked against the document as well as the refusals.
"""

import random

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from studyapp import PROJECT_ROOT, create_app
from studyapp.auth import sessions as accounts
from studyapp.domain.content import ContentFiles, load_syllabus
from tests.factories import gen_user

OPENAPI_PATH = "/api/v1/openapi.json"
# Serving the document touches no database; this app only tells which operations exist.
schema = schemathesis.openapi.from_wsgi(
    OPENAPI_PATH, create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
)
_SYLLABUS = load_syllabus(ContentFiles.from_directory(PROJECT_ROOT / "content")).syllabus
# By what a field is named: ``card_id`` and ``card`` take card ids, ``blueprint`` paper ids.
EXISTING_IDS = {
    kind: sorted(getattr(_SYLLABUS, kind + "s"))
    for kind in ("chapter", "lesson", "card", "question", "blueprint")
}


@schema.auth(refresh_interval=None)
class CandidateToken:
    """Signs every generated request in as the test's candidate; schemathesis knows it is
    signed in, so it neither generates credentials of its own nor counts ours as invalid."""

    token = ""  # set by the ``candidate_token`` fixture

    def get(self, case, context):
        return CandidateToken.token

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.meta is not None and not case.meta.generation.mode.is_positive:
        return  # a request meant to be invalid stays so
    chooser = random.Random(repr((case.path_parameters, case.body)))
    for values in (case.path_parameters, case.body):
        for name, value in values.items() if isinstance(values, dict) else ():
            choices = EXISTING_IDS.get(name.removesuffix("_id"))
            if isinstance(value, str) and choices and chooser.random() < 0.5:
                values[name] = chooser.choice(choices)


@pytest.fixture
def served_app(make_app):
    return make_app()


@pytest.fixture
def candidate_token(app):
    CandidateToken.token = accounts.issue_api_token(gen_user(email="fuzz@example.com"))
    yield
    CandidateToken.token = ""


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@schema.parametrize()
@settings(max_examples=40, deadline=2000, suppress_health_check=list(HealthCheck))
def test_api_answers_as_documented(case, served_app, candidate_token):
    case.call_and_validate(app=served_app)
