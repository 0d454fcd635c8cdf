"""Binds SQLAlchemy and Alembic; SQLite gets WAL, enforced foreign keys and a busy timeout."""

import sqlite3

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.routing import IntegerConverter

from studyapp.extensions import db, migrate

LARGEST_ID = 2**31 - 1  # ids are INTEGER (int4 on PostgreSQL); larger ones in URLs raised 500s


class IdConverter(IntegerConverter):
    """``<int:…>`` that matches only ids a table can hold; beyond that the URL is a 404."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    # WAL lets readers run while one worker writes; NORMAL sync is still crash-safe in WAL mode.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_engine_options(app: Flask) -> None:
    """SQLite's engine options: how long a write waits for another's lock
    (SQLITE_BUSY_TIMEOUT_MS) before giving up, and no ping on checkout."""
    if not str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        return
    options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])  # the class attribute stays as it is
    seconds = int(app.config["SQLITE_BUSY_TIMEOUT_MS"]) / 1000
    options["connect_args"] = {**options.get("connect_args", {}), "timeout": seconds}
    # A file cannot drop a connection: pinging it on every checkout would only cost time.
    options["pool_pre_ping"] = False
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def init_app(app: Flask) -> None:
    import studyapp.models  # noqa: F401  (every table registered before Alembic looks)

    app.url_map.converters["int"] = IdConverter  # before any blueprint adds its routes
    _sqlite_engine_options(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
