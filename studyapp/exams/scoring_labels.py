"""Names of marking outcomes in the interface."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "right": _l("正确"),
    "wrong": _l("错误"),
    "partial": _l("部分正确"),
    "unanswered": _l("未作答"),
    "pending": _l("待评分"),
}
