"""Account rules: registration, sign-in, passwords, cohort membership and API tokens.

Plain functions over the database; no request, flash or login_user here so that the rules are
tested without HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from studyapp.auth import sessions
from studyapp.extensions import db
from studyapp.models import Cohort, Membership, Organisation, Role, User

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


def email_problem(email: str) -> str | None:
    """Why an address cannot be an account's, or None: the one rule for the sign-in and
    registration forms, the admin pages and ``flask users create`` (WTForms' Email validator uses
    the same library and settings, so no account is made that the login form would refuse)."""
    try:
        validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        return str(error)
    return None if len(email.strip()) <= 254 else "longer than 254 characters"


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
    if email_problem(email) is not None:
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


def update_account(
    user: User, role: str, organisation_id: int | None, active: bool, by: User
) -> User:
    """An administrator's change to an account: role, organisation, active. Nobody takes away
    their own admin role. A deactivated account is refused on its next request everywhere
    (sessions and tokens are checked against ``active`` in the database)."""
    if role not in {r.value for r in Role}:
        raise AccountError(
            _l("未知角色：%(role)s（可选 candidate、trainer、hr、admin）。", role=role), "role"
        )
    if user.id == by.id and role != Role.ADMIN:
        raise AccountError(_l("不能取消自己的管理员角色。"), "role")
    user.role, user.organisation_id, user.active = role, organisation_id, active
    db.session.commit()
    return user


def organisations_by_name() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def newest_users(limit: int = 500) -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.created_at.desc()).limit(limit)))


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


def change_password(user: User, current_password: str, new_password: str, now: datetime) -> None:
    """Checks the current password against the stored hash, read under a row lock (FOR UPDATE
    on PostgreSQL; SQLite serialises writers), so two changes at once cannot both pass with the
    old password; then ends every other session of the account."""
    stored = db.session.scalar(
        select(User.password_hash).where(User.id == user.id).with_for_update()
    )
    if stored is None or not check_password_hash(stored, current_password):
        db.session.rollback()
        raise AccountError(_l("当前密码不正确。"), "current_password")
    try:
        check_password_rules(new_password)
    except AccountError:
        db.session.rollback()
        raise
    user.password_hash = generate_password_hash(new_password)
    sessions.revoke_sessions(user.id, now, keep=user.session_token)
    db.session.commit()


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id))) or 0
