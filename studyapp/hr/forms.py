from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, Length, Optional


class CohortSettingsForm(FlaskForm):
    name = StringField(_l("班级名称"), validators=[DataRequired(), Length(max=120)])
    exam_date = DateField(_l("考试日期"), validators=[Optional()])
    # Choices are the syllabus's mock exams and quizzes, set by the view.
    target_blueprint = SelectField(_l("目标试卷（用于预测）"), validate_choice=True)


class InviteForm(FlaskForm):
    action = HiddenField(validators=[DataRequired(), AnyOf(["rotate", "disable", "enable"])])
