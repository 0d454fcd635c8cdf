"""Fixtures in the flaskr style: ``app``, ``client``, ``runner`` and ``auth``.

Every test that uses ``app`` runs on SQLite and, when ``TEST_DATABASE_URL`` is set, again on
PostgreSQL. The schema is built once per run by the real Alembic migrations; each test then gets
a fresh copy (SQLite) or emptied tables in a private schema (PostgreSQL), so no test sees
another's rows.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid

import pytest
from flask import g
from flask.testing import FlaskClient
from flask_migrate import upgrade
from freezegun import freeze_time
from sqlalchemy import create_engine, text

from studyapp import create_app
from studyapp.extensions import db
from studyapp.trainer import analysis

PG_URL = os.environ.get("TEST_DATABASE_URL")
# Tests marked ``clock`` run once at each of these instants (UTC), the clock frozen and ticking:
# an afternoon, and either side of 20:00 UTC — 04:00 in China, where the study day rolls over.
# A test that reads the wall clock and assumes a date passes at one and fails at another.
CLOCK_INSTANTS = ("2026-03-10 07:30:00", "2026-03-10 19:59:30", "2026-03-10 20:00:30")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
CSRF_RE = re.compile(r'name="csrf-token" content="([^"]+)"')


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "clock: depends on dates; runs at every instant of CLOCK_INSTANTS"
    )


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("clock"):
        if "clock" not in metafunc.fixturenames:
            metafunc.fixturenames.append("clock")
        metafunc.parametrize("clock", CLOCK_INSTANTS, indirect=True, scope="function")


@pytest.fixture
def clock(request):
    """The frozen clock of a ``clock`` test (its instant from the parametrisation)."""
    with freeze_time(request.param, tick=True) as frozen:
        yield frozen


@pytest.fixture(autouse=True)
def _clock_first(request):
    """Freezes the clock of a ``clock`` test before any other function fixture (an app, a
    cohort with an exam date) reads it."""
    if request.node.get_closest_marker("clock"):
        request.getfixturevalue("clock")


def _migrate(url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    _migrate(f"sqlite:///{path}")
    return str(path)


@pytest.fixture(scope="session")
def pg_schema_url():
    schema = f"test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    _migrate(url)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _empty_tables() -> None:
    names = [t.name for t in db.metadata.sorted_tables]
    with db.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    return request.getfixturevalue("pg_schema_url")


class FreshGlobalsClient(FlaskClient):
    """Gives each request an empty ``g``, as a real server does.

    The ``app`` fixture keeps one app context open so tests can use the database between
    requests; Flask reuses it for every request, which would carry ``g`` (and the signed-in user
    Flask-Login caches there) from one request to the next.
    """

    def open(self, *args, **kwargs):
        for name in list(vars(g)):
            delattr(g, name)
        return super().open(*args, **kwargs)


@pytest.fixture
def content_dir():
    """The content folder the app serves; None for the real content/. Override per module."""
    return None


@pytest.fixture
def app(database_url, content_dir):
    config = {"SQLALCHEMY_DATABASE_URI": database_url}
    if content_dir is not None:
        config["CONTENT_DIR"] = str(content_dir)
    app = create_app(config)
    app.test_client_class = FreshGlobalsClient
    with app.app_context():
        yield app
        # A refresh thread still writing would hold locks that the tables' cleanup waits on.
        analysis.wait_for_refreshes()
        db.session.remove()
        if database_url.startswith("postgresql"):
            _empty_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(client, path: str = "/auth/login") -> str:
    """The token a browser would read from the page's meta tag (after following redirects, as
    a browser does: staff are sent from / to their own home)."""
    match = CSRF_RE.search(client.get(path, follow_redirects=True).get_data(as_text=True))
    assert match, f"no csrf meta tag on {path}"
    return match.group(1)


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = "secret-pass-1", follow_redirects: bool = False):
        token = csrf_token(self._client)
        return self._client.post(
            "/auth/login",
            data={"email": email, "password": password, "csrf_token": token},
            follow_redirects=follow_redirects,
        )

    def logout(self):
        token = csrf_token(self._client, "/auth/password")  # "/" sends staff to their home
        return self._client.post("/auth/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client):
    return AuthActions(client)
