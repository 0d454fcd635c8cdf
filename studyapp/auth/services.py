"""Account rules: registration, sign-in, passwords, cohort membership and API tokens.

Plain functions over the database; no request, flash or login_user here so that the rules are
tested without HTTP.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from studyapp.auth.recent import recent_accounts
from studyapp.extensions import db
from studyapp.models import ApiToken, Cohort, Membership, Role, User
from studyapp.models.types import utcnow

MIN_PASSWORD_LENGTH = 8
INVALID_INVITE_CODE = _l("邀请码无效或已停用，请向培训老师确认。")
# Checked against when the e-mail is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AccountError(ValueError):
    """A rule was broken; ``field`` names the form field the message belongs to."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message  # a lazy string: translated where it is shown
        self.field = field


@dataclass(frozen=True)
class Registration:
    email: str
    name: str
    password: str
    invite_code: str = ""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            _l("密码至少需要 %(count)d 个字符。", count=MIN_PASSWORD_LENGTH), "password"
        )


def create_user(
    email: str,
    name: str,
    password: str,
    role: str = Role.CANDIDATE.value,
    organisation_id: int | None = None,
) -> User:
    """Adds a user to the session (the caller commits); refuses duplicates and weak passwords."""
    email = normalise_email(email)
    if role not in {r.value for r in Role}:
        raise AccountError(
            _l("未知角色：%(role)s（可选 candidate、trainer、hr、admin）。", role=role), "role"
        )
    if "@" not in email or len(email) > 254:
        raise AccountError(_l("请输入有效的电子邮箱。"), "email")
    if not name.strip():
        raise AccountError(_l("请填写姓名。"), "name")
    check_password_rules(password)
    if user_by_email(email) is not None:
        raise AccountError(_l("该邮箱已注册。"), "email")
    user = User(
        email=email,
        name=name.strip(),
        password_hash=generate_password_hash(password),
        role=role,
        organisation_id=organisation_id,
    )
    db.session.add(user)
    return user


def cohort_by_invite_code(code: str) -> Cohort | None:
    code = code.strip().upper()
    if not code:
        return None
    return db.session.scalar(
        select(Cohort).where(Cohort.invite_code == code, Cohort.invite_enabled.is_(True))
    )


def register_candidate(registration: Registration) -> User:
    """Creates a candidate, joined to the cohort of the invite code when one is given."""
    cohort = None
    if registration.invite_code.strip():
        cohort = cohort_by_invite_code(registration.invite_code)
        if cohort is None:
            raise AccountError(INVALID_INVITE_CODE, "invite_code")
    user = create_user(registration.email, registration.name, registration.password)
    if cohort is not None:
        add_membership(user, cohort)
    db.session.commit()
    return user


def add_membership(user: User, cohort: Cohort) -> Membership:
    for membership in user.memberships:
        if membership.cohort is cohort:
            return membership
    membership = Membership(user=user, cohort=cohort)
    db.session.add(membership)
    return membership


def join_cohort(user: User, invite_code: str) -> Cohort:
    cohort = cohort_by_invite_code(invite_code)
    if cohort is None:
        raise AccountError(INVALID_INVITE_CODE, "invite_code")
    add_membership(user, cohort)
    db.session.commit()
    return cohort


def authenticate(email: str, password: str) -> User | None:
    user = user_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    return user


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not check_password_hash(user.password_hash, current_password):
        raise AccountError(_l("当前密码不正确。"), "current_password")
    check_password_rules(new_password)
    user.password_hash = generate_password_hash(new_password)
    db.session.commit()


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_api_token(user: User) -> str:
    """Returns a new token; only its hash is kept, so it is shown once."""
    token = "sa_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, token_hash=_token_digest(token)))
    db.session.commit()
    return token


TOKEN_USE_RESOLUTION = timedelta(minutes=10)
# Every API call runs this; built once, bound per call.
_USER_FOR_TOKEN = (
    select(User, ApiToken.id, ApiToken.last_used_at)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.token_hash == bindparam("digest"))
)


def user_for_api_token(token: str) -> User | None:
    """The token's active user: remembered from a moment ago, or in one query. When it was last
    used is kept to the nearest ten minutes: writing it on every request would cost each API
    call a write and a commit."""
    digest = _token_digest(token)
    user = recent_accounts().user_of_token(digest)
    if user is not None:
        return user
    row = db.session.execute(_USER_FOR_TOKEN, {"digest": digest}).first()
    if row is None or not row.User.active:
        return None
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at >= TOKEN_USE_RESOLUTION:
        db.session.execute(
            update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
        db.session.commit()
    recent_accounts().remember(row.User, digest)
    return row.User


def user_by_id(user_id: int) -> User | None:
    """The active account with this id (a signed-in session's user): remembered or loaded."""
    user = recent_accounts().user(user_id)
    if user is None:
        user = db.session.get(User, user_id)
        if user is None or not user.active:
            return None
        recent_accounts().remember(user)
    return user


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id))) or 0
