"""Apps of their own on the test's database, for tests that need one configured differently or
answering requests the way a server process does."""

import pytest

from studyapp import create_app
from studyapp.extensions import db


@pytest.fixture
def make_app(app, database_url):
    """``make_app(**config)``: another app on the test's database (or the URL given).

    Each request such an app answers pushes an app context of its own, as in a server process,
    so nothing (like the signed-in user) carries over from one request to the next; the ``app``
    fixture keeps one context open for the test's own queries and fixtures.
    """
    made = []

    def make(**config):
        other = create_app({"SQLALCHEMY_DATABASE_URI": database_url, **config})
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()
