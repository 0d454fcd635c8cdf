from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, IntegerField
from wtforms.validators import NumberRange, Optional


class SettingsForm(FlaskForm):
    desired_retention = DecimalField(
        _l("目标记忆保持率"),
        places=2,
        validators=[NumberRange(0.7, 0.97, _l("请填写 0.70 到 0.97 之间的数。"))],
        description=_l("考试当天希望记住的卡片比例；越高，复习越多。"),
    )
    new_per_day = IntegerField(
        _l("每天新卡片数"), validators=[NumberRange(0, 200, _l("请填写 0 到 200 之间的整数。"))]
    )
    max_reviews_per_day = IntegerField(
        _l("每天最多复习数"),
        validators=[NumberRange(10, 2000, _l("请填写 10 到 2000 之间的整数。"))],
    )
    exam_date = DateField(_l("考试日期（留空则用班级的考试日期）"), validators=[Optional()])
