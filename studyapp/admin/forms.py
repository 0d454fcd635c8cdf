from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Length, Optional

from studyapp.auth.forms import AccountEmail, password_length
from studyapp.models import Role

ROLE_CHOICES = [
    SelectChoice(Role.CANDIDATE.value, _l("考生")),
    SelectChoice(Role.TRAINER.value, _l("培训师")),
    SelectChoice(Role.HR.value, _l("人力资源")),
    SelectChoice(Role.ADMIN.value, _l("管理员")),
]
ROLE_LABELS = {choice.value: choice.label for choice in ROLE_CHOICES}  # 考生 … for lists


class OrganisationForm(FlaskForm):
    name = StringField(_l("机构名称"), validators=[DataRequired(), Length(max=120)])


class CohortForm(FlaskForm):
    name = StringField(_l("班级名称"), validators=[DataRequired(), Length(max=120)])
    exam_date = DateField(_l("考试日期"), validators=[Optional()])


class NewUserForm(FlaskForm):
    name = StringField(_l("姓名"), validators=[DataRequired(), Length(max=80)])
    email = EmailField(_l("邮箱"), validators=[DataRequired(), AccountEmail()])
    password = PasswordField(_l("初始密码"), validators=[DataRequired(), password_length()])
    role = SelectField(_l("角色"), choices=ROLE_CHOICES)
    organisation_id = SelectField(_l("机构"), coerce=int)


class EditUserForm(FlaskForm):
    role = SelectField(_l("角色"), choices=ROLE_CHOICES)
    organisation_id = SelectField(_l("机构"), coerce=int)
    active = BooleanField(_l("启用"))
