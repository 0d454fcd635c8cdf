"""Failed sign-ins counted per account and per address, in the database.

Every worker and server reads and writes the same rows, so the limits hold in the default
set-up (SQLite, several gunicorn workers) as with PostgreSQL, with or without Redis. A fixed
window per key: the first failure opens it, ``WINDOW`` later it starts afresh. Only failures
count; a successful sign-in clears its account's count (OWASP ASVS 2.2.1: anti-automation that
does not lock a rightful owner out for long).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from studyapp.extensions import db
from studyapp.models import LoginFailures

WINDOW = timedelta(minutes=15)


def keys(email: str, address: str | None) -> dict[str, str]:
    return {
        "account": f"account:{email.strip().lower()[:254]}",
        "address": f"address:{address or '-'}",
    }


def retry_after(keys_and_limits: dict[str, int], now: datetime) -> int | None:
    """Seconds until the first of these keys may try again, or None while all are under limit."""
    rows = db.session.execute(
        select(LoginFailures.key, LoginFailures.window_start, LoginFailures.failures).where(
            LoginFailures.key.in_(keys_and_limits)
        )
    )
    waits = [
        int((window_start + WINDOW - now).total_seconds()) + 1
        for key, window_start, failures in rows
        if failures >= keys_and_limits[key] and window_start + WINDOW > now
    ]
    return max(waits) if waits else None


def record_failure(keys_: list[str], now: datetime) -> None:
    """Counts one failure against each key (a new window where the old one has passed)."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    table = LoginFailures.__table__
    for key in keys_:
        statement = dialect.insert(table).values(key=key, window_start=now, failures=1)
        expired = table.c.window_start <= now - WINDOW
        statement = statement.on_conflict_do_update(
            index_elements=["key"],
            set_={
                "failures": case((expired, 1), else_=table.c.failures + 1),
                "window_start": case((expired, now), else_=table.c.window_start),
            },
        )
        db.session.execute(statement)
    db.session.commit()


def clear(key: str) -> None:
    db.session.execute(delete(LoginFailures).where(LoginFailures.key == key))
    db.session.commit()
