"""Names of marking outcomes in the interface.

"正确"/"错误" also name the two answers of a judge question (True / False in English); as marking
outcomes they read Right / Wrong, so these carry the "marking" context.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

STATUS_LABELS = {
    "right": lazy_pgettext("marking", "正确"),
    "wrong": lazy_pgettext("marking", "错误"),
    "partial": lazy_pgettext("marking", "部分正确"),
    "unanswered": _l("未作答"),
    "pending": _l("待评分"),
}
