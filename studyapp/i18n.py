"""Simplified Chinese by default, English on request; the choice is remembered."""

from flask import Flask, has_request_context, session
from flask_login import current_user

from studyapp.extensions import babel


def select_locale() -> str:
    if not has_request_context():  # CLI commands and scripts speak the default language
        return "zh"
    if current_user and current_user.is_authenticated and current_user.locale:
        return current_user.locale
    return session.get("locale") or "zh"


def init_app(app: Flask) -> None:
    babel.init_app(
        app, locale_selector=select_locale, default_translation_directories="translations"
    )
    app.jinja_env.globals["current_locale"] = select_locale
