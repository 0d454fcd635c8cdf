"""Bearer tokens for HR systems and scripts; browsers use their session plus a CSRF token."""

from flask import abort, g, request
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.auth.sessions import user_for_api_token
from studyapp.extensions import csrf
from studyapp.models.types import utcnow

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def authenticate_api_request():
    if not request.path.startswith("/api/"):
        return None
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            abort(401, _("Authorization 头格式应为：Bearer <令牌>。"))
        user = user_for_api_token(token.strip(), utcnow())
        if user is None:
            abort(401, _("API 令牌无效或已停用。"))
        # Flask-Login keeps the request's user here; a token never opens a cookie session.
        g._login_user = user
        g.api_token_auth = True
        return None
    if request.method not in SAFE_METHODS and current_user.is_authenticated:
        csrf.protect()
    return None
