from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, IntegerField, ValidationError
from wtforms.validators import InputRequired, NumberRange, Optional


def as_share(value) -> float:
    """The retention as a share: the form shows a percentage (90), an older client sent 0.90."""
    number = float(value)
    return number / 100 if number > 1 else number


def _retention_in_range(form, field) -> None:
    if field.data is None or not 0.7 <= as_share(field.data) <= 0.97:
        raise ValidationError(_l("请填写 70 到 97 之间的百分数。"))


class SettingsForm(FlaskForm):
    desired_retention = DecimalField(
        _l("目标记忆保持率（%）"),
        places=0,
        validators=[InputRequired(_l("请填写 70 到 97 之间的百分数。")), _retention_in_range],
        description=_l("考试当天希望记住的卡片比例，例如 90 %；越高，复习越多。"),
    )
    minutes_per_day = IntegerField(
        _l("每天学习分钟数"),
        validators=[Optional(), NumberRange(5, 600, _l("请填写 5 到 600 之间的整数。"))],
        description=_l(
            "填写后，每天的卡片按分钟数安排：优先复习和学习对考试得分贡献最大的卡片"
            "（按各章在试卷中的分值）。留空则按下面的卡片数安排。"
        ),
    )
    new_per_day = IntegerField(
        _l("每天新卡片数"), validators=[NumberRange(0, 200, _l("请填写 0 到 200 之间的整数。"))]
    )
    max_reviews_per_day = IntegerField(
        _l("每天最多复习数"),
        validators=[NumberRange(10, 2000, _l("请填写 10 到 2000 之间的整数。"))],
    )
    exam_date = DateField(_l("考试日期（留空则用班级的考试日期）"), validators=[Optional()])
