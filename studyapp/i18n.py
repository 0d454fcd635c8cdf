"""Simplified Chinese by default, English on request; the choice is remembered."""

from typing import Any

from flask import Flask, has_request_context, session
from flask_babel import gettext
from flask_login import current_user

from studyapp.domain.content.problems import Problem
from studyapp.domain.content.text import Listing, Text
from studyapp.extensions import babel


def select_locale() -> str:
    if not has_request_context():  # CLI commands and scripts speak the default language
        return "zh"
    if current_user and current_user.is_authenticated and current_user.locale:
        return current_user.locale
    return session.get("locale") or "zh"


def localise(message: Any) -> Any:
    """A domain message (``Text`` or a string marked with ``N_``) in the reader's language.

    A ``Text``'s template is translated and filled with its values, themselves localised when
    they are messages too; any other string is looked up as it is (the file's own words, which
    have no translation, come back unchanged).
    """
    if isinstance(message, Listing):
        return gettext(message.separator).join(_value(member) for member in message)
    if not isinstance(message, str) or not message:
        return message  # None, numbers; and "" (gettext("") is the catalogue's header)
    if isinstance(message, Text):
        if not message.values:
            return gettext(message.template)
        values = {name: _value(value) for name, value in message.values.items()}
        try:
            return gettext(message.template).format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation: the source text
            return message.template.format(**values)
    return gettext(message)


def _value(value: Any) -> Any:
    return localise(value) if isinstance(value, Text | Listing) else value


def problem_line(problem: Problem) -> str:
    """A ``Problem`` on one line (file:line: [item] message (expected …)), localised."""
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    item = f" [{problem.item}]" if problem.item else ""
    expected = ""
    if problem.expected:
        expected = gettext("（应为：%(expected)s）", expected=localise(problem.expected))
    return f"{where}:{item} {localise(problem.message)}{expected}"


def init_app(app: Flask) -> None:
    babel.init_app(
        app, locale_selector=select_locale, default_translation_directories="translations"
    )
    app.jinja_env.globals["current_locale"] = select_locale
    app.jinja_env.filters["localise"] = localise
