"""Binds SQLAlchemy and Alembic; SQLite gets WAL, enforced foreign keys and a busy timeout."""

import select
import sqlite3

from flask import Flask
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool
from werkzeug.routing import IntegerConverter

from studyapp.extensions import db, migrate

MINIMUM_SQLITE = (3, 35)
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


def postgres_connection_is_dead(dbapi_connection) -> bool:
    """Whether a pooled psycopg connection is known dead, without asking the server.

    An idle connection has nothing to say: when its socket is readable, the server closed it or
    sent a termination notice (restart, ``pg_terminate_backend``, a proxy cut). Asking with a
    round trip instead (``pool_pre_ping``) costs every request a trip to the server and back,
    about a sixth of an answer save's; a connection wrongly judged dead only costs a reconnect.
    """
    if dbapi_connection.closed or dbapi_connection.broken:
        return True
    try:
        readable, _, _ = select.select([dbapi_connection.pgconn.socket], [], [], 0)
    except Exception:  # psycopg raises when the connection has no socket left
        return True
    return bool(readable)


@event.listens_for(Pool, "checkout")
def _drop_dead_postgres_connections(dbapi_connection, connection_record, connection_proxy):
    if not hasattr(dbapi_connection, "pgconn"):
        return  # SQLite: a file cannot drop a connection
    if postgres_connection_is_dead(dbapi_connection):
        # The pool discards this connection and checks out (or opens) another.
        raise exc.DisconnectionError("the server closed this pooled connection")


def _sqlite_engine_options(app: Flask) -> None:
    """SQLite's engine options: how long a write waits for another's lock
    (SQLITE_BUSY_TIMEOUT_MS) before giving up."""
    if not str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        return
    if sqlite3.sqlite_version_info < MINIMUM_SQLITE:  # upserts and RETURNING
        raise RuntimeError(
            f"SQLite {'.'.join(map(str, MINIMUM_SQLITE))} or newer is needed; this Python's "
            f"sqlite3 module uses SQLite {sqlite3.sqlite_version}"
        )
    options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])  # the class attribute stays as it is
    seconds = int(app.config["SQLITE_BUSY_TIMEOUT_MS"]) / 1000
    options["connect_args"] = {**options.get("connect_args", {}), "timeout": seconds}
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def init_app(app: Flask) -> None:
    import studyapp.models  # noqa: F401  (every table registered before Alembic looks)

    app.url_map.converters["int"] = IdConverter  # before any blueprint adds its routes
    _sqlite_engine_options(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
