"""The schema comes from the migrations, and they match the models."""

import select
import sqlite3
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from studyapp import create_app
from studyapp.auth import sessions as accounts
from studyapp.database import postgres_connection_is_dead
from studyapp.extensions import db
from tests.conftest import PG_URL
from tests.factories import gen_user

BACKEND_PID = text("SELECT pg_backend_pid()")


def test_migrations_match_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app):
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_an_id_too_large_for_any_row_is_a_404_not_an_overflow(client, auth):
    gen_user(role="admin", email="admin@example.com")
    auth.login("admin@example.com")
    for too_large in (2**31, 2**63, 10**30):
        assert client.get(f"/admin/users/{too_large}").status_code == 404


@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_live_pooled_connection_is_reused_without_a_round_trip(app):
    with db.engine.connect() as connection:
        first = connection.execute(BACKEND_PID).scalar()
        assert not postgres_connection_is_dead(connection.connection.dbapi_connection)
    with db.engine.connect() as connection:
        assert connection.execute(BACKEND_PID).scalar() == first


@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_pooled_connection_the_server_closed_is_replaced_before_use(app, client):
    user = gen_user(email="pool@example.com")
    bearer = {"Authorization": f"Bearer {accounts.issue_api_token(user)}"}
    db.session.remove()
    with db.engine.connect() as connection:
        doomed = connection.execute(BACKEND_PID).scalar()
        socket = connection.connection.dbapi_connection.pgconn.socket
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        assert connection.execute(text(f"SELECT pg_terminate_backend({doomed})")).scalar()
    admin.dispose()
    deadline = time.monotonic() + 5  # the server's goodbye reaches the pooled socket
    while not select.select([socket], [], [], 0.05)[0] and time.monotonic() < deadline:
        pass

    response = client.get("/api/v1/me", headers=bearer)  # no 503: a fresh connection serves it

    assert response.status_code == 200 and response.get_json()["email"] == "pool@example.com"
    with db.engine.connect() as connection:
        assert connection.execute(BACKEND_PID).scalar() != doomed


def test_an_sqlite_too_old_for_returning_is_refused_at_start(monkeypatch, tmp_path):
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(RuntimeError, match=r"SQLite 3\.35 or newer is needed.*3\.31\.1"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite3'}"})
