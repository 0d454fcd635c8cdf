"""Binds SQLAlchemy and Alembic; SQLite gets WAL and enforced foreign keys."""

import sqlite3

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from studyapp.extensions import db, migrate


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    # WAL lets readers run while one worker writes; NORMAL sync is still crash-safe in WAL mode.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def init_app(app: Flask) -> None:
    import studyapp.models  # noqa: F401  (every table registered before Alembic looks)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
