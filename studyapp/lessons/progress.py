"""Reading progress over a syllabus: plain data in, plain data out."""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.domain.content.model import Chapter, Lesson, Syllabus


@dataclass(frozen=True)
class ChapterProgress:
    chapter: Chapter
    lessons: int
    read: int
    cards: int
    questions: int

    @property
    def percent(self) -> int:
        return round(100 * self.read / self.lessons) if self.lessons else 0


def course_progress(syllabus: Syllabus, read_ids: set[str]) -> list[ChapterProgress]:
    rows = []
    for chapter in syllabus.chapter_list():
        lessons = syllabus.lessons_of(chapter.id)
        rows.append(
            ChapterProgress(
                chapter,
                len(lessons),
                sum(1 for lesson in lessons if lesson.id in read_ids),
                len(syllabus.cards_of(chapter.id)),
                len(syllabus.questions_of(chapter.id)),
            )
        )
    return rows


def next_unread(syllabus: Syllabus, read_ids: set[str]) -> Lesson | None:
    return next((item for item in syllabus.active_lessons() if item.id not in read_ids), None)


def neighbours(syllabus: Syllabus, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    """The lessons before and after, across chapter boundaries, in course order."""
    ordered = syllabus.active_lessons()
    ids = [item.id for item in ordered]
    if lesson.id not in ids:
        return None, None
    at = ids.index(lesson.id)
    return (ordered[at - 1] if at > 0 else None, ordered[at + 1] if at + 1 < len(ordered) else None)
