"""Signed-in sessions and API tokens: created, checked on every request, listed, ended.

Both are decided from the database on every request (never from a per-process copy): a logout,
a password change, a revoked token or a deactivated account counts on every worker and server
at once. Only SHA-256 digests are stored; the tokens live in the browser's cookies (session and
remember-me) or with the API client.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import cast

from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, bindparam, or_, select, update

from studyapp.extensions import db
from studyapp.models import ApiToken, User, UserSession
from studyapp.models.types import utcnow


class TokenError(ValueError):
    """A token request broke a rule; ``message`` is for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# -- browser sessions ------------------------------------------------------------------------
SESSION_LIFETIME = timedelta(days=14)  # signed in without "remember me"
REMEMBER_LIFETIME = timedelta(days=30)  # with "remember me" (the cookie lasts as long)
SEEN_RESOLUTION = timedelta(minutes=10)  # last_seen_at is kept to this, not written per request
_USER_FOR_SESSION = (
    select(User, UserSession.id, UserSession.last_seen_at)
    .join(UserSession, UserSession.user_id == User.id)
    .where(
        UserSession.token_hash == bindparam("digest"),
        UserSession.revoked_at.is_(None),
        UserSession.expires_at > bindparam("now"),
        User.active.is_(True),
    )
)


def start_session(user: User, remember: bool, user_agent: str, now: datetime) -> str:
    """A new signed-in session: its token goes into the cookies (``user.get_id()``)."""
    token = secrets.token_urlsafe(32)
    lifetime = REMEMBER_LIFETIME if remember else SESSION_LIFETIME
    db.session.add(
        UserSession(
            user_id=user.id, token_hash=_digest(token), remember=remember, created_at=now,
            last_seen_at=now, expires_at=now + lifetime, user_agent=(user_agent or "")[:200],
        )
    )  # fmt: skip
    db.session.commit()
    user.session_token = token
    return token


def user_for_session(token: str, now: datetime) -> User | None:
    """The active user of a live session, read from the database on every request."""
    row = db.session.execute(_USER_FOR_SESSION, {"digest": _digest(token), "now": now}).first()
    if row is None:
        return None
    if now - row.last_seen_at >= SEEN_RESOLUTION:
        db.session.execute(
            update(UserSession).where(UserSession.id == row.id).values(last_seen_at=now)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
        db.session.commit()
    row.User.session_token = token
    return row.User


def end_session(token: str | None, now: datetime) -> None:
    if token:
        db.session.execute(
            update(UserSession)
            .where(UserSession.token_hash == _digest(token), UserSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        db.session.commit()


def revoke_sessions(user_id: int, now: datetime, keep: str | None = None) -> int:
    statement = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.revoked_at.is_(None)
    )
    if keep:
        statement = statement.where(UserSession.token_hash != _digest(keep))
    result = cast(CursorResult, db.session.execute(statement.values(revoked_at=now)))
    return result.rowcount


def end_other_sessions(user: User, now: datetime) -> int:
    """Signs the account out everywhere but in this session; returns how many ended."""
    count = revoke_sessions(user.id, now, keep=user.session_token)
    db.session.commit()
    return count


def live_sessions(user_id: int, now: datetime) -> list[UserSession]:
    return list(
        db.session.scalars(
            select(UserSession)
            .where(
                UserSession.user_id == user_id,
                UserSession.revoked_at.is_(None),
                UserSession.expires_at > now,
            )
            .order_by(UserSession.last_seen_at.desc())
        )
    )


# -- API tokens ------------------------------------------------------------------------------
TOKEN_USE_RESOLUTION = timedelta(minutes=10)
_USER_FOR_TOKEN = (
    select(User, ApiToken.id, ApiToken.last_used_at)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(
        ApiToken.token_hash == bindparam("digest"),
        ApiToken.revoked_at.is_(None),
        or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > bindparam("now")),
        User.active.is_(True),
    )
)


def issue_api_token(
    user: User, name: str = "", now: datetime | None = None, days: int | None = None
) -> str:
    """Returns a new token; only its hash is kept, so it is shown once. ``days``: it expires
    that many days from now; None: until revoked."""
    now = now or utcnow()
    if days is not None and not 1 <= days <= 3650:
        raise TokenError(_l("有效天数应在 1 到 3650 之间。"))
    token = "sa_" + secrets.token_urlsafe(32)
    expires = now + timedelta(days=days) if days is not None else None
    db.session.add(
        ApiToken(
            user=user, token_hash=_digest(token), name=name.strip()[:80], created_at=now,
            expires_at=expires,
        )
    )  # fmt: skip
    db.session.commit()
    return token


def user_for_api_token(token: str, now: datetime) -> User | None:
    """The token's active user, read from the database on every call. When it was last used is
    kept to the nearest ten minutes: writing it on every request would cost each API call a
    write and a commit."""
    row = db.session.execute(_USER_FOR_TOKEN, {"digest": _digest(token), "now": now}).first()
    if row is None:
        return None
    if row.last_used_at is None or now - row.last_used_at >= TOKEN_USE_RESOLUTION:
        db.session.execute(
            update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
        db.session.commit()
    return row.User


def api_tokens(user_id: int) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at.desc())
        )
    )


def revoke_api_token(user_id: int, token_id: int, now: datetime) -> bool:
    """Revokes one of the user's own tokens; False when there is no such live token."""
    result = db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id, ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    changed = cast(CursorResult, result).rowcount
    db.session.commit()
    return bool(changed)


def token_state(token: ApiToken, now: datetime) -> str:
    """``active``, ``expired`` or ``revoked``."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"


def current_session_id(token: str | None) -> int | None:
    if not token:
        return None
    return db.session.scalar(select(UserSession.id).where(UserSession.token_hash == _digest(token)))
