"""Account forms; labels are msgids in Chinese, translated to English by Flask-Babel."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, StringField
from wtforms.validators import (
    DataRequired,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from studyapp.auth.services import MIN_PASSWORD_LENGTH, email_problem

MAX_PASSWORD_LENGTH = 128


class PasswordLength:
    """8–128 characters, saying which limit was missed and the number (not a generic range)."""

    def __call__(self, form, field) -> None:
        length = len(field.data or "")
        if length < MIN_PASSWORD_LENGTH:
            raise ValidationError(
                _l("密码太短：至少需要 %(count)d 个字符。", count=MIN_PASSWORD_LENGTH)
            )
        if length > MAX_PASSWORD_LENGTH:
            raise ValidationError(
                _l("密码太长：最多 %(count)d 个字符。", count=MAX_PASSWORD_LENGTH)
            )


def password_length() -> PasswordLength:
    return PasswordLength()


class AccountEmail:
    """The address rule of ``services.email_problem``, as a form validator."""

    def __call__(self, form, field) -> None:
        if field.data and email_problem(field.data) is not None:
            raise ValidationError(_l("请输入有效的电子邮箱。"))


class LoginForm(FlaskForm):
    email = EmailField(_l("邮箱"), validators=[DataRequired(), AccountEmail()])
    password = PasswordField(_l("密码"), validators=[DataRequired()])
    remember = BooleanField(_l("记住我"))


class RegisterForm(FlaskForm):
    name = StringField(_l("姓名"), validators=[DataRequired(), Length(max=80)])
    email = EmailField(_l("邮箱"), validators=[DataRequired(), AccountEmail(), Length(max=254)])
    password = PasswordField(_l("密码"), validators=[DataRequired(), password_length()])
    confirm = PasswordField(
        _l("确认密码"),
        validators=[DataRequired(), EqualTo("password", _l("两次输入的密码不一致。"))],
    )
    invite_code = StringField(_l("班级邀请码（可选）"), validators=[Optional(), Length(max=32)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("当前密码"), validators=[DataRequired()])
    new_password = PasswordField(_l("新密码"), validators=[DataRequired(), password_length()])
    confirm = PasswordField(
        _l("确认新密码"),
        validators=[DataRequired(), EqualTo("new_password", _l("两次输入的密码不一致。"))],
    )


class JoinCohortForm(FlaskForm):
    invite_code = StringField(_l("班级邀请码"), validators=[DataRequired(), Length(max=32)])


class TokenForm(FlaskForm):
    name = StringField(_l("用途"), validators=[DataRequired(), Length(max=80)])
    days = IntegerField(
        _l("有效天数（留空为长期有效）"), validators=[Optional(), NumberRange(min=1, max=3650)]
    )
