"""Deadlines without cron: the app itself submits attempts past their deadline and grace.

Every worker process runs a small daemon thread (``Sweeper``) that, every
``EXAM_SWEEP_SECONDS`` (a little jitter apart), submits the overdue attempts with their saved
answers. Only one sweep runs at a time across workers and servers: each takes a lock first and
skips its turn when another holds it —

- PostgreSQL: a session advisory lock on the shared database (every server sees it);
- a Redis lock (``SET NX PX``) when ``EXAM_SWEEP_LOCK=redis`` and ``RATELIMIT_STORAGE_URI`` is
  ``redis://…``;
- SQLite (one host by nature): an exclusive ``flock`` on a file beside the database.

A sweep that races anything else is still harmless: ``attempts.submit`` locks the attempt row
and submits once, so a candidate's own late request, another sweep or ``flask exams sweep``
find the attempt already submitted. The thread starts with the app in a server process (gunicorn, ``flask
run``; not in other ``flask`` commands) and again in a process forked from it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

from flask import Flask
from sqlalchemy import text

from studyapp.exams import attempts
from studyapp.extensions import db
from studyapp.models.types import utcnow

ADVISORY_KEY = 0x53_57_45_45_50  # "SWEEP": one sweep at a time on a PostgreSQL database
REDIS_KEY = "studyapp:exam-sweep"


def sweep(app: Flask, limit: int | None = 500) -> int | None:
    """Submits up to ``limit`` overdue attempts; None when another sweep holds the lock."""
    with _sweep_lock(app) as held:
        if not held:
            return None
        return attempts.close_overdue(utcnow(), limit=limit)


def lock_kind(app: Flask) -> str:
    """Which lock keeps sweeps one at a time: postgres, redis or file."""
    chosen = app.config.get("EXAM_SWEEP_LOCK", "auto")
    if chosen != "auto":
        return chosen
    return "postgres" if db.engine.dialect.name == "postgresql" else "file"


@contextlib.contextmanager
def _sweep_lock(app: Flask) -> Iterator[bool]:
    kind = lock_kind(app)
    locks = {"postgres": _advisory_lock, "redis": _redis_lock, "file": _file_lock}
    with locks[kind](app) as held:
        yield held


@contextlib.contextmanager
def _advisory_lock(app: Flask) -> Iterator[bool]:
    with db.engine.connect() as connection:
        held = connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY})
        connection.commit()
        try:
            yield bool(held)
        finally:
            if held:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
                connection.commit()


@contextlib.contextmanager
def _redis_lock(app: Flask) -> Iterator[bool]:
    import redis  # installed with limits[redis]; only needed when this lock is chosen

    client = redis.Redis.from_url(app.config["RATELIMIT_STORAGE_URI"])
    token = secrets.token_hex(8)
    ttl_ms = int(app.config.get("EXAM_SWEEP_LOCK_TTL_SECONDS", 300) * 1000)
    held = bool(client.set(REDIS_KEY, token, nx=True, px=ttl_ms))
    try:
        yield held
    finally:
        if held and client.get(REDIS_KEY) == token.encode():
            client.delete(REDIS_KEY)
        client.close()


@contextlib.contextmanager
def _file_lock(app: Flask) -> Iterator[bool]:
    database = db.engine.url.database
    folder = Path(database).parent if database and database != ":memory:" else None
    path = (folder or Path(app.instance_path)) / ".exam-sweep.lock"
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Sweeper:
    """The daemon thread of one process: sweeps every ``interval`` seconds until stopped."""

    def __init__(self, app: Flask, interval: float):
        self.app, self.interval = app, interval
        self.sweeps = 0  # sweeps this thread ran (holding the lock)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="exam-sweeper", daemon=True)
        self._thread.start()

    def restart_in_child(self) -> None:
        if self._thread is not None and not self._stop.is_set():
            self.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        # Workers started together spread their turns over the interval.
        while not self._stop.wait(self.interval * random.uniform(0.5, 1.0)):
            self.run_once()

    def run_once(self) -> int | None:
        with self.app.app_context():
            try:
                count = sweep(self.app)
            except Exception:  # the next turn tries again; a failing sweep is logged, not fatal
                self.app.logger.exception("the overdue-attempt sweep failed")
                db.session.rollback()
                return None
            finally:
                db.session.remove()
        if count is not None:
            self.sweeps += 1
            if count:
                self.app.logger.info("submitted %d overdue attempt(s)", count)
        return count


def init_app(app: Flask) -> None:
    """Starts the sweeper of this process when ``EXAM_SWEEP_SECONDS`` > 0 and the app serves
    requests (gunicorn, ``flask run``; a command such as ``flask db upgrade`` sweeps nothing)."""
    interval = float(app.config.get("EXAM_SWEEP_SECONDS") or 0)
    if interval <= 0 or _in_flask_command():
        return
    sweeper = Sweeper(app, interval)
    app.extensions["exam_sweeper"] = sweeper
    sweeper.start()
    # gunicorn --preload forks workers from a process whose threads do not survive the fork.
    os.register_at_fork(after_in_child=sweeper.restart_in_child)


def _in_flask_command() -> bool:
    """Whether the app was created for a ``flask`` command other than ``flask run``."""
    import click

    context = click.get_current_context(silent=True)
    return context is not None and context.command.name != "run"
