"""CSRF, rate limits, input that no view should see, safe redirects, security headers."""

from urllib.parse import urlsplit

from flask import Flask, abort, request
from flask_babel import gettext as _

from studyapp.extensions import csrf, limiter

# Scripts and styles only from our own origin: lesson text can never run code in the page.
# Inline style attributes draw progress bars and charts; lesson HTML is stripped of them.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def reject_nul_bytes():
    """NUL is never valid text here: PostgreSQL refuses it (a 500 deep in a view), SQLite would
    store it. Refused for every request before any view or sign-in reads the input."""
    args = request.args
    if "\x00" in request.path or _has_nul(args.keys()) or _has_nul(args.values()):
        abort(400, _("请求中含有不允许的空字符（NUL）。"))
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = request.form
        if _has_nul(form.keys()) or _has_nul(form.values()):
            abort(400, _("提交的内容中含有不允许的空字符（NUL）。"))


def safe_next(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site, else ``fallback``: the one rule for every
    ``next`` parameter. Browsers drop tabs and newlines and read ``\\`` as ``/``, so
    ``/\t/evil.example`` and ``/\\evil.example`` would leave the site; they are refused."""
    if not target or not target.startswith("/") or len(target) > 2000:
        return fallback
    if any(char.isspace() or ord(char) < 32 or char == "\\" for char in target):
        return fallback
    if target.startswith("//"):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target


def init_app(app: Flask) -> None:
    # First of all hooks: before a bearer token or a session cookie is looked up.
    app.before_request_funcs.setdefault(None, []).insert(0, reject_nul_bytes)
    csrf.init_app(app)
    limiter.init_app(app)
    app.after_request(add_security_headers)
