"""Accounts: sign-in, registration, passwords, cohorts joined by invite code, API tokens."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from studyapp.auth import security_views, sessions
from studyapp.auth.cli import cohorts_cli, orgs_cli, users_cli
from studyapp.auth.views import bp
from studyapp.extensions import login_manager
from studyapp.models import User
from studyapp.models.types import utcnow


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """Flask-Login hands over what ``User.get_id()`` put in the cookies: a session token."""
    return sessions.user_for_session(session_token, utcnow())


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "info"
    app.register_blueprint(bp)
    app.register_blueprint(security_views.bp)
    app.cli.add_command(orgs_cli)
    app.cli.add_command(cohorts_cli)
    app.cli.add_command(users_cli)
