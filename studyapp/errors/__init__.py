"""Friendly error pages, JSON under ``/api/``; a 500 or 503 rolls the session back."""

from flask import Flask, current_app, g, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DisconnectionError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from studyapp.extensions import db, login_manager

TITLES = {
    400: _l("请求有误"),
    401: _l("需要登录"),
    403: _l("没有权限"),
    404: _l("页面不存在"),
    405: _l("不支持的请求方式"),
    409: _l("操作冲突"),
    413: _l("文件过大"),
    422: _l("内容无法处理"),
    429: _l("请求过于频繁"),
    500: _l("服务器出错了"),
    503: _l("服务暂时不可用"),
}


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["text/html"]


def error_response(status: int, message: str | None = None):
    title = str(TITLES.get(status) or _("出错了"))
    if wants_json():
        return make_response(
            jsonify(error={"status": status, "title": title, "message": message or title}), status
        )
    page = render_template("errors/error.html", status=status, title=title, message=message)
    return make_response(page, status)


def handle_http_error(error: HTTPException):
    message = error.description if error.code not in (404, 500) else None
    if error.code == 429:
        message = _("操作过于频繁，请稍后再试。")
    response = error_response(error.code or 500, message)
    if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def handle_csrf_error(error: CSRFError):
    return error_response(400, _("表单已过期或缺少安全令牌（CSRF），请刷新页面后重试。"))


def handle_server_error(error: Exception):
    db.session.rollback()
    original = getattr(error, "original_exception", error)
    if not isinstance(original, HTTPException):
        current_app.logger.exception("unhandled error", exc_info=original)
    return error_response(500, _("服务器出错了，请稍后再试；您已保存的内容不会丢失。"))


def handle_database_unavailable(error: Exception):
    """Down, unreachable or locked past the busy timeout: each new request tries it afresh."""
    db.session.rollback()
    # The page must render without the database, so nobody is looked up to sign in.
    g._login_user = login_manager.anonymous_user()
    current_app.logger.warning("database unavailable: %s", error)
    response = error_response(503, _("数据库暂时不可用，请稍后重试；已保存的内容不会丢失。"))
    response.headers["Retry-After"] = "5"
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_server_error)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(DisconnectionError, handle_database_unavailable)
