"""The schema comes from the migrations, and they match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from studyapp.extensions import db
from tests.factories import gen_user


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
