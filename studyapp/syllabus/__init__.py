"""The syllabus in the running app: one store per app, CLI commands, and the reload signal."""

from __future__ import annotations

import re
import signal

from flask import Flask, current_app, has_request_context
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.domain.content import Syllabus, citations
from studyapp.domain.content.items import CLOZE
from studyapp.errors import error_response
from studyapp.models import Role
from studyapp.syllabus import banks
from studyapp.syllabus.cli import content_cli
from studyapp.syllabus.interchange_cli import attach as attach_interchange_commands
from studyapp.syllabus.store import ContentUnavailable, SyllabusStore


def current_syllabus() -> Syllabus:
    """The shared syllabus plus the signed-in user's organisation bank (see ``banks``)."""
    store = current_app.extensions["syllabus_store"]
    if has_request_context() and current_user.is_authenticated:
        return banks.served(store, banks.organisation_of(current_user)).syllabus
    return store.syllabus()


def handle_unavailable(error: ContentUnavailable):
    return error_response(503, _("课程内容暂时不可用，培训老师正在修复，请稍后再试。"))


def reload_on_sighup(app: Flask) -> None:
    """SIGHUP to this process publishes content/ again (the next request does the work)."""
    store = app.extensions["syllabus_store"]
    signal.signal(signal.SIGHUP, lambda signum, frame: store.request_reload())


def cloze_blanks(text: str) -> str:
    """A cloze sentence with its answers hidden: ``{{40.2%}}`` → ``____``, hints kept."""

    def blank(match: re.Match) -> str:
        _answer, _sep, hint = match.group(1).partition("::")
        return f"[{hint.strip()}]" if hint.strip() else "____"

    return CLOZE.sub(blank, text)


def _pages(first: str, last: str | None) -> str:
    return _("第 %(pages)s 页", pages=f"{first}–{last}" if last else first)


def source_label(source: str) -> str:
    """``"000 P16; xfz-law 第二十四条"`` → the documents' titles with their pages or articles."""
    try:
        course = current_syllabus().course
    except ContentUnavailable:
        return source
    return citations.source_text(source, course.sources, course.references, _pages)


def cite(text: str | None) -> str:
    """Free text (an explanation, a card's back, a lesson) with seed numbers such as
    ``（001 P17）`` and bracketed reference ids replaced by the documents' titles."""
    if not text:
        return text or ""
    try:
        course = current_syllabus().course
    except ContentUnavailable:
        return text
    return citations.humanise(text, course.sources, course.references)


def content_failure():
    """Problems of the last failed reload, for the banner trainers and admins see."""
    if not current_user.is_authenticated or current_user.role not in (Role.TRAINER, Role.ADMIN):
        return None
    return current_app.extensions["syllabus_store"].failure()


def init_app(app: Flask) -> None:
    app.extensions["syllabus_store"] = SyllabusStore(
        app.config["CONTENT_DIR"], app.config["SYLLABUS_POLL_SECONDS"]
    )
    app.register_error_handler(ContentUnavailable, handle_unavailable)
    app.cli.add_command(content_cli)
    attach_interchange_commands(content_cli)
    app.jinja_env.filters["cloze_blanks"] = cloze_blanks
    app.jinja_env.filters["source_label"] = source_label
    app.jinja_env.filters["cite"] = cite
    app.jinja_env.globals["content_failure"] = content_failure
