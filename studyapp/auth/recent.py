"""Accounts seen a moment ago: the caller of a request without a query to load it.

Every request loads its caller: the user id in its session cookie, or the user of its API token.
Each process keeps a detached copy of each account it loaded in the last few seconds, and merges
it into the request's session without loading (``merge(load=False)``, SQLAlchemy's way of
using cached objects): the request's User is as if it had just been loaded.
A change to an account flushed through this process (deactivated, a new role or language)
forgets it at once; other processes load it afresh within ``TTL_SECONDS``. That is the one
thing this trades: a deactivated account keeps a worker's door open for up to five seconds.
"""

from __future__ import annotations

import threading
import time

from flask import current_app, has_app_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import make_transient_to_detached

from studyapp.extensions import db
from studyapp.models import User

TTL_SECONDS = 5.0
_COLUMNS = tuple(column.key for column in inspect(User).column_attrs)


class RecentAccounts:
    """User id → (expiry, detached copy), and API token digest → (expiry, user id)."""

    def __init__(self, ttl: float = TTL_SECONDS, size: int = 10_000, clock=time.monotonic):
        self.ttl, self.size, self.clock = ttl, size, clock
        self._users: dict[int, tuple[float, User]] = {}
        self._tokens: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def user(self, user_id: int) -> User | None:
        """The account as it was loaded less than ``ttl`` ago, in the request's session."""
        entry = self._users.get(user_id)
        if entry is None or entry[0] <= self.clock():
            return None
        return _attached(entry[1])

    def user_of_token(self, digest: str) -> User | None:
        entry = self._tokens.get(digest)
        if entry is None or entry[0] <= self.clock():
            return None
        return self.user(entry[1])

    def remember(self, user: User, token_digest: str | None = None) -> None:
        expires = self.clock() + self.ttl
        copy = User(**{key: getattr(user, key) for key in _COLUMNS})
        make_transient_to_detached(copy)  # as if loaded: nothing to write, nothing expired
        with self._lock:
            for entries in (self._users, self._tokens):
                if len(entries) >= self.size:
                    entries.clear()  # rare: more callers in five seconds than it holds
            self._users[user.id] = (expires, copy)
            if token_digest is not None:
                self._tokens[token_digest] = (expires, user.id)

    def forget(self, user_id: int) -> None:
        with self._lock:
            self._users.pop(user_id, None)  # its tokens find no account and load afresh


def _attached(copy: User) -> User:
    session = db.session()
    present = session.identity_map.get(session.identity_key(User, copy.id))
    if present is not None:
        return present  # never overwritten with what may be older values
    return session.merge(copy, load=False)  # a new instance; the copy stays detached


def recent_accounts() -> RecentAccounts:
    return current_app.extensions["recent_accounts"]


@event.listens_for(User, "after_update")
@event.listens_for(User, "after_delete")
def _forget_changed(mapper, connection, user: User) -> None:
    if has_app_context() and "recent_accounts" in current_app.extensions:
        recent_accounts().forget(user.id)


def init_app(app) -> None:
    app.extensions["recent_accounts"] = RecentAccounts()
