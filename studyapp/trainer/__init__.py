"""Trainers' content tools: the upload preview of a question bank and the content status."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from studyapp import navigation
from studyapp.trainer.views import bp

UPLOAD_MAX_BYTES = 2 * 1024 * 1024


def init_app(app: Flask) -> None:
    app.config.setdefault("TRAINER_UPLOAD_MAX_BYTES", UPLOAD_MAX_BYTES)
    app.register_blueprint(bp)
    navigation.add_entry("trainer.content_status", _l("内容"), 70, {"trainer", "admin"})
