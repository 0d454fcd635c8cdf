"""Reading JSON request bodies: one place that says clearly what is wrong with them."""

from __future__ import annotations

from flask import abort, request
from flask_babel import gettext as _

MAX_DEPTH = 8  # our bodies are flat objects holding at most a list


def _depth_and_nul(value, depth: int = 1) -> tuple[int, bool]:
    """The nesting depth of a parsed body (stopping past MAX_DEPTH) and whether a string holds
    a NUL character."""
    if depth > MAX_DEPTH:
        return depth, False
    if isinstance(value, str):
        return depth, "\x00" in value
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    deepest, nul = depth, False
    for key, child in children:
        child_depth, child_nul = _depth_and_nul(child, depth + 1)
        deepest, nul = max(deepest, child_depth), nul or child_nul or "\x00" in str(key)
    return deepest, nul


def json_object(allowed: set[str]) -> dict:
    try:
        payload = request.get_json(silent=True)
    except RecursionError:  # the decoder's own guard: tens of thousands of nested [
        abort(400, _("请求体嵌套过深。"))
    if not isinstance(payload, dict):
        abort(400, _("请求体应为 JSON 对象。"))
    depth, nul = _depth_and_nul(payload)
    if depth > MAX_DEPTH:
        abort(400, _("请求体嵌套过深。"))
    if nul:
        abort(400, _("提交的内容中含有不允许的空字符（NUL）。"))
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
