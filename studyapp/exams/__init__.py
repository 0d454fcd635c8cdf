"""Practice, the wrong-answer book and timed mock exams."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from studyapp import navigation
from studyapp.domain.questions import question_type
from studyapp.exams import answers, attempts, sweep, wrongbook
from studyapp.exams.book_views import bp as book_bp
from studyapp.exams.practice_views import bp as practice_bp
from studyapp.exams.scoring_labels import STATUS_LABELS
from studyapp.exams.views import bp as exams_bp
from studyapp.main import panels
from studyapp.models.types import utcnow

exams_cli = AppGroup("exams", help="考试 / Exams.")


@exams_cli.command("close-overdue")
def close_overdue() -> None:
    """Submit every attempt past its deadline (and grace period) with its saved answers."""
    count = attempts.close_overdue(utcnow())
    click.echo(f"submitted {count} overdue attempt(s)")


@exams_cli.command("sweep")
def sweep_command() -> None:
    """Submit overdue attempts as the app's own sweeper does: under the sweep lock, so it never
    runs beside another sweep."""
    count = sweep.sweep(current_app, limit=None)
    if count is None:
        click.echo("another sweep is running; nothing done")
    else:
        click.echo(f"submitted {count} overdue attempt(s)")


def home_panel(user):
    """An attempt to resume, the latest results and the wrong-answer book's size."""
    past = attempts.history(user.id, limit=5)
    open_now = [a for a in past if a.submitted_at is None]
    return "exams/_home.html", {
        "open_attempts": open_now,
        "recent": [a for a in past if a.submitted_at is not None][:3],
        "wrong": len(wrongbook.open_entries(user.id)),
    }


def init_app(app: Flask) -> None:
    answers.init_app(app)
    panels.register(30, home_panel)
    app.register_blueprint(exams_bp)
    app.register_blueprint(practice_bp)
    app.register_blueprint(book_bp)
    app.cli.add_command(exams_cli)
    sweep.init_app(app)
    app.jinja_env.globals["status_label"] = lambda status: STATUS_LABELS.get(status, status or "")
    # Each question type's partial and label (studyapp.domain.questions), for every page.
    app.jinja_env.globals["question_template"] = lambda name: question_type(name).template
    app.jinja_env.globals["question_label"] = lambda name: question_type(name).label
    app.jinja_env.globals["question_short_label"] = lambda name: question_type(name).short_label
    navigation.add_entry("practice.hub", _l("练习"), 30)
    navigation.add_entry("practice.wrong_book", _l("错题本"), 35)
    navigation.add_entry("book.bookmarks", _l("收藏"), 36)
    app.jinja_env.globals["streak_to_master"] = wrongbook.STREAK_TO_MASTER
    navigation.add_entry("exams.index", _l("模拟考试"), 40)
