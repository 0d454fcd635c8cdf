"""What the trainer pages show, gathered from the content files and the syllabus store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from wtforms import SelectChoice

from studyapp.domain.content import ContentFiles, LoadResult, Problem, Syllabus
from studyapp.domain.content.stats import chapter_rows
from studyapp.syllabus.store import ContentUnavailable, Failure, load_cached


def _store():
    return current_app.extensions["syllabus_store"]


def _disk() -> LoadResult:
    """The content folder as it is now, checked (cached by content hash)."""
    try:
        return load_cached(ContentFiles.from_directory(current_app.config["CONTENT_DIR"]))
    except FileNotFoundError as error:
        return LoadResult(None, (Problem(str(error), None, None, _("找不到内容文件夹")),), "")


def served_syllabus() -> Syllabus | None:
    try:
        return _store().syllabus()
    except ContentUnavailable:  # nothing loads: the problems are exactly what to show
        return None


def chapter_choices(syllabus: Syllabus | None) -> list[SelectChoice]:
    chapters = syllabus.chapter_list() if syllabus else []
    return [SelectChoice(chapter.id, chapter.title) for chapter in chapters]


def lesson_choices(syllabus: Syllabus | None) -> list[SelectChoice]:
    choices = [SelectChoice("", _("本章第一课"))]
    if syllabus is None:
        return choices
    for lesson in syllabus.active_lessons():
        chapter = syllabus.chapters[lesson.chapter]
        choices.append(SelectChoice(lesson.id, f"{chapter.title} › {lesson.title}"))
    return choices


@dataclass(frozen=True)
class ContentStatus:
    syllabus: Syllabus | None  # what the app serves
    loaded_at: datetime | None
    rows: list[dict]  # counts per chapter and type, of the served syllabus
    disk: LoadResult  # the files in the content folder, checked now
    failure: Failure | None  # the last reload that did not check clean

    @property
    def disk_differs(self) -> bool:
        served = self.syllabus
        return served is not None and self.disk.ok and self.disk.content_hash != served.content_hash


def content_status() -> ContentStatus:
    syllabus = served_syllabus()
    store = _store()
    return ContentStatus(
        syllabus=syllabus,
        loaded_at=store.loaded_at,
        rows=chapter_rows(syllabus) if syllabus else [],
        disk=_disk(),
        failure=store.failure(),
    )
