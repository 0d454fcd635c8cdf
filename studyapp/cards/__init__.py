"""Spaced-repetition flashcards: the review page, statistics and study settings."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from studyapp import navigation
from studyapp.cards import services
from studyapp.cards.cli import cards_cli
from studyapp.cards.sprint import sprint_for
from studyapp.cards.views import bp
from studyapp.main import panels
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus


def home_panel(user):
    """Today's cards, and in the last two weeks before the exam the sprint plan."""
    syllabus = current_syllabus()
    now = utcnow()
    _entries, counts, _progress, context = services.due_queue(user, syllabus, now)
    plan = sprint_for(user, syllabus, now)
    chapters = (
        [(syllabus.chapters[c], recall) for c, recall in plan.weakest_chapters] if plan else []
    )
    return "cards/_home.html", {"counts": counts, "sprint": plan, "weak_chapters": chapters,
                                "context": context}  # fmt: skip


def init_app(app: Flask) -> None:
    panels.register(20, home_panel)
    app.register_blueprint(bp)
    app.cli.add_command(cards_cli)
    navigation.add_entry("cards.review", _l("背卡片"), 20)
    navigation.add_entry("cards.stats", _l("记忆统计"), 25)
