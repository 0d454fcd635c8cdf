"""Lessons in the browser: the course, its chapters, lesson pages and search."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from studyapp import navigation
from studyapp.lessons.highlight import highlight
from studyapp.lessons.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.filters["highlight"] = highlight
    navigation.add_entry("lessons.course", _l("课程"), 10)
