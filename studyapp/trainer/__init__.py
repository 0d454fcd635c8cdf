"""Trainers' content tools: the upload preview of a question bank and the content status."""

import click
from flask import Flask
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from studyapp import navigation
from studyapp.models import Role
from studyapp.models.types import utcnow
from studyapp.trainer import analysis
from studyapp.trainer.analysis_views import bp as analysis_bp
from studyapp.trainer.bank_views import bp as bank_bp
from studyapp.trainer.views import bp

UPLOAD_MAX_BYTES = 2 * 1024 * 1024


analysis_cli = AppGroup("analysis", help="题目分析 / Item analysis.")


@analysis_cli.command("refresh")
def refresh_command() -> None:
    """Recompute the item analysis of every paper (e.g. nightly), so pages never wait for it."""
    for scope, blueprint_id, count in analysis.refresh_all(utcnow()):
        click.echo(f"{scope} {blueprint_id}: {count} attempts")


def init_app(app: Flask) -> None:
    app.cli.add_command(analysis_cli)
    app.config.setdefault("TRAINER_UPLOAD_MAX_BYTES", UPLOAD_MAX_BYTES)
    app.register_blueprint(bp)
    app.register_blueprint(analysis_bp)
    app.register_blueprint(bank_bp)
    navigation.add_entry("trainer.content_status", _l("内容"), 70, {Role.TRAINER, Role.ADMIN})
    navigation.add_entry("analysis.index", _l("题目分析"), 72, {Role.TRAINER, Role.ADMIN})
    navigation.add_entry("bank.index", _l("机构题库"), 71, {Role.TRAINER})
