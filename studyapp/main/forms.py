from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf, DataRequired


class LanguageForm(FlaskForm):
    locale = HiddenField(validators=[DataRequired(), AnyOf(["zh", "en"])])
