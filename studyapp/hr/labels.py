"""What HR reads for each status and risk: plain Chinese, shared by pages and exports."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from studyapp.domain.cohort_risk import DEFAULT_RULES, Risk, RiskCode, Status

STATUS_LABELS = {
    Status.NOT_STARTED: _l("未开始"),
    Status.IN_PROGRESS: _l("学习中"),
    Status.READY: _l("已准备好"),
}

RISK_FILTER_LABELS = {
    "at_risk": _l("有风险"),
    "on_track": _l("无风险"),
    RiskCode.INACTIVE.value: _l("不活跃"),
    RiskCode.LOW_PREDICTION.value: _l("预测偏低"),
    RiskCode.FALLING_SCORES.value: _l("成绩下滑"),
}


def risk_label(risk: Risk) -> str:
    if risk.code == RiskCode.INACTIVE:
        if not risk.started:
            return _("加入 %(days)d 天仍未开始学习", days=risk.days)
        return _("已 %(days)d 天没有学习", days=risk.days)
    if risk.code == RiskCode.LOW_PREDICTION:
        if risk.value is not None and risk.value < DEFAULT_RULES.low_pass_probability:
            return _(
                "距考试 %(days)d 天，预计通过概率仅 %(percent)d%%",
                days=risk.days,
                percent=round(100 * risk.value),
            )
        return _("距考试 %(days)d 天，预计有部分成绩低于及格线", days=risk.days)
    return _("最近一次模考比上一次低 %(points)d 分（百分制）", points=round(risk.value or 0))
