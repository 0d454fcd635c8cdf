"""Accounts: sign-in, registration, passwords, cohorts joined by invite code, API tokens."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from studyapp.auth import recent, services
from studyapp.auth.cli import cohorts_cli, orgs_cli, users_cli
from studyapp.auth.views import bp
from studyapp.extensions import login_manager
from studyapp.models import User


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return services.user_by_id(int(user_id)) if user_id.isdigit() else None


def init_app(app: Flask) -> None:
    recent.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "info"
    app.register_blueprint(bp)
    app.cli.add_command(orgs_cli)
    app.cli.add_command(cohorts_cli)
    app.cli.add_command(users_cli)
