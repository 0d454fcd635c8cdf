"""The wrong-answer book and bookmarks as lists: grouped by chapter and question type,
filtered, each entry with the candidate's last wrong answer; manual removal.

The book's writes at answering time are ``wrongbook``'s; this module reads, and removes what a
candidate takes out by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select

from studyapp.domain.content.model import Question, Syllabus
from studyapp.domain.exams.snapshot import practice_snapshot
from studyapp.domain.questions import ItemSnapshot
from studyapp.exams.attempts import sealed_question_ids
from studyapp.exams.present import question_view
from studyapp.exams.wrongbook import STREAK_TO_MASTER, bookmarks
from studyapp.extensions import db
from studyapp.models import Attempt, AttemptItem, Bookmark, PracticeAnswer, WrongAnswer

ALL = "all"
WRONG_STATUSES = ("wrong", "partial")


@dataclass(frozen=True)
class BookFilter:
    """Which part of the book to show or practise: a chapter and a question type, or all."""

    chapter: str = ALL
    type: str = ALL

    @classmethod
    def from_scope(cls, scope: str) -> BookFilter:
        """``"all"``, ``"<chapter>"`` or ``"<chapter or all>~<type or all>"`` (practice URLs)."""
        chapter, _sep, qtype = scope.partition("~")
        return cls(chapter or ALL, qtype or ALL)

    @property
    def scope(self) -> str:
        return ALL if self == BookFilter() else f"{self.chapter}~{self.type}"

    def admits(self, question: Question) -> bool:
        return self.chapter in (ALL, question.chapter) and self.type in (ALL, question.type)


@dataclass
class BookEntry:
    entry: WrongAnswer
    question: Question
    # The question as last answered wrongly, for the type's review: my answer beside the key,
    # with the options in the order they were shown then (an exam shuffles them).
    view: dict = field(default_factory=dict)


@dataclass
class BookGroup:
    """The entries of one chapter, by question type in the syllabus's order of types."""

    chapter_id: str
    title: str
    by_type: dict[str, list[BookEntry]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(entries) for entries in self.by_type.values())


def _entries(user_id: int, mastered: bool) -> list[WrongAnswer]:
    done = WrongAnswer.mastered_at.is_not(None) if mastered else WrongAnswer.mastered_at.is_(None)
    order = WrongAnswer.mastered_at.desc() if mastered else WrongAnswer.last_wrong_at.desc()
    return list(
        db.session.scalars(
            select(WrongAnswer).where(WrongAnswer.user_id == user_id, done).order_by(order)
        )
    )


def last_wrong_answers(user_id: int, question_ids: list[str]) -> dict[str, tuple]:
    """The most recent wrong (or partly right) answer to each question, from practice or a
    submitted exam, as ``(answer, exam snapshot or None)``: two queries, whatever the number."""
    if not question_ids:
        return {}
    found: dict[str, tuple[datetime, object, dict | None]] = {}
    practice = db.session.execute(
        select(
            PracticeAnswer.question_id,
            PracticeAnswer.answered_at,
            PracticeAnswer.answer,
        ).where(
            PracticeAnswer.user_id == user_id,
            PracticeAnswer.question_id.in_(question_ids),
            PracticeAnswer.fraction < 1,
        )
    )
    exams = db.session.execute(
        select(
            AttemptItem.question_id, Attempt.submitted_at, AttemptItem.answer, AttemptItem.snapshot
        )
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(
            Attempt.user_id == user_id,
            Attempt.submitted_at.is_not(None),
            AttemptItem.question_id.in_(question_ids),
            AttemptItem.status.in_(WRONG_STATUSES),
        )
    )
    rows = [(*row, None) for row in practice] + [tuple(row) for row in exams]
    for question_id, when, answer, snapshot in rows:
        if question_id not in found or when > found[question_id][0]:
            found[question_id] = (when, answer, snapshot)
    return {question_id: (answer, snap) for question_id, (_when, answer, snap) in found.items()}


def _view(question: Question, last: tuple | None) -> dict:
    answer, snapshot = last or (None, None)
    snap = ItemSnapshot.from_json(snapshot) if snapshot else practice_snapshot(question)
    return question_view(snap, answer, reveal=True)


def _open(user_id: int, syllabus: Syllabus, wanted: BookFilter) -> list[WrongAnswer]:
    """Open entries of questions still in the bank that pass the filter, newest mistake first:
    the order practice from the book walks, so an entry's position is its practice index."""
    return [
        entry
        for entry in _entries(user_id, mastered=False)
        if entry.question_id in syllabus.questions
        and not syllabus.questions[entry.question_id].retired
        and wanted.admits(syllabus.questions[entry.question_id])
    ]


def open_book(user_id: int, syllabus: Syllabus, wanted: BookFilter) -> list[BookEntry]:
    """The book's open entries that pass the filter, with my last wrong answers."""
    entries = [
        BookEntry(entry, syllabus.questions[entry.question_id])
        for entry in _open(user_id, syllabus, wanted)
    ]
    answers = last_wrong_answers(user_id, [item.entry.question_id for item in entries])
    for item in entries:
        item.view = _view(item.question, answers.get(item.entry.question_id))
    return entries


def grouped(syllabus: Syllabus, entries: list[BookEntry]) -> list[BookGroup]:
    """Entries by chapter (in teaching order) and question type (in the bank's order)."""
    groups = {c.id: BookGroup(c.id, c.title) for c in syllabus.chapter_list()}
    type_order = ("judge", "single", "multiple", "fill", "ordering", "short")
    for item in sorted(entries, key=lambda i: _type_rank(type_order, i.question.type)):
        group = groups.get(item.question.chapter)
        if group is not None:
            group.by_type.setdefault(item.question.type, []).append(item)
    return [group for group in groups.values() if group.count]


def _type_rank(order: tuple[str, ...], name: str) -> int:
    return order.index(name) if name in order else len(order)


def facets(user_id: int, syllabus: Syllabus) -> tuple[dict[str, int], dict[str, int]]:
    """How many open entries each chapter and each question type holds (for the filters)."""
    chapters: dict[str, int] = {}
    types: dict[str, int] = {}
    for entry in _entries(user_id, mastered=False):
        question = syllabus.questions.get(entry.question_id)
        if question is not None:
            chapters[question.chapter] = chapters.get(question.chapter, 0) + 1
            types[question.type] = types.get(question.type, 0) + 1
    return chapters, types


def mastered(user_id: int, syllabus: Syllabus, limit: int = 50) -> list[BookEntry]:
    return [
        BookEntry(entry, syllabus.questions[entry.question_id])
        for entry in _entries(user_id, mastered=True)[:limit]
        if entry.question_id in syllabus.questions
    ]


def question_ids(user_id: int, syllabus: Syllabus, scope: str) -> list[str]:
    """The open entries a "redo as practice" session walks through."""
    return [e.question_id for e in _open(user_id, syllabus, BookFilter.from_scope(scope))]


def remove(user_id: int, question_id: str) -> bool:
    """Takes a question out of the book by hand; it comes back if answered wrong again."""
    result = db.session.execute(
        delete(WrongAnswer).where(
            WrongAnswer.user_id == user_id, WrongAnswer.question_id == question_id
        )
    )
    db.session.commit()
    return bool(getattr(result, "rowcount", 0))  # a CursorResult for a DELETE


def remove_bookmark(user_id: int, kind: str, item_id: str) -> None:
    db.session.execute(
        delete(Bookmark).where(
            Bookmark.user_id == user_id, Bookmark.kind == kind, Bookmark.item_id == item_id
        )
    )
    db.session.commit()


def book_page(user_id: int, syllabus: Syllabus, wanted: BookFilter) -> dict:
    """Everything the wrong-answer book's page shows."""
    entries = open_book(user_id, syllabus, wanted)
    chapters, types = facets(user_id, syllabus)
    return {
        "groups": grouped(syllabus, entries),
        "positions": {item.entry.question_id: i for i, item in enumerate(entries)},
        "count": len(entries),
        "chapter_counts": chapters,
        "type_counts": types,
        "wanted": wanted,
        "mastered": mastered(user_id, syllabus),
        "streak_to_master": STREAK_TO_MASTER,
        "sealed": sealed_question_ids(user_id),
        "chapter_titles": _chapter_titles(syllabus),
    }


def bookmarks_page(user_id: int, syllabus: Syllabus) -> dict:
    """The bookmarked questions (in the order practice walks them) and cards."""
    question_ids = [
        item_id
        for item_id in bookmarks(user_id, "question")
        if item_id in syllabus.questions and not syllabus.questions[item_id].retired
    ]
    return {
        "questions": [syllabus.questions[item_id] for item_id in question_ids],
        "cards": [
            syllabus.cards[item_id]
            for item_id in bookmarks(user_id, "card")
            if item_id in syllabus.cards
        ],
        "chapter_titles": _chapter_titles(syllabus),
    }


def _chapter_titles(syllabus: Syllabus) -> dict[str, str]:
    return {chapter.id: chapter.title for chapter in syllabus.chapter_list()}
