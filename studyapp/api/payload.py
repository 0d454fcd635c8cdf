"""Reading JSON request bodies: one place that says clearly what is wrong with them."""

from __future__ import annotations

from flask import abort, request
from flask_babel import gettext as _


def json_object(allowed: set[str]) -> dict:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        abort(400, _("请求体应为 JSON 对象。"))
    unknown = sorted(set(payload) - allowed)
    if unknown:
        abort(
            400,
            _("未知字段：%(names)s（可用字段：%(allowed)s）。", names=", ".join(unknown),
              allowed=", ".join(sorted(allowed))),
        )  # fmt: skip
    return payload


def integer(payload: dict, name: str, low: int, high: int, required: bool = False) -> int | None:
    value = payload.get(name)
    if value is None:
        if required:
            abort(400, _("缺少字段 %(name)s。", name=name))
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        abort(
            400, _("%(name)s 应为 %(low)d 到 %(high)d 之间的整数。", name=name, low=low, high=high)
        )
    return value


def query_integer(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        abort(
            400,
            _("参数 %(name)s 应为 %(low)d 到 %(high)d 之间的整数。", name=name, low=low, high=high),
        )
    return value
