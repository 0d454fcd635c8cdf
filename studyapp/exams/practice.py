"""Practice with instant feedback: by chapter, in sequence, at random, and from the wrong book."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from studyapp.domain.content.model import Syllabus
from studyapp.domain.exams.scoring import normalise_answer, score_item
from studyapp.domain.exams.snapshot import practice_snapshot
from studyapp.domain.questions import AnswerForm, BadAnswer
from studyapp.exams import wrongbook, wrongbook_list
from studyapp.extensions import db
from studyapp.ledger import events
from studyapp.models import PracticeAnswer, PracticeCursor

MODES = ("chapter", "sequential", "random", "wrong", "bookmarks")
RANDOM_SET_SIZE = 10


@dataclass(frozen=True)
class Feedback:
    fraction: float | None  # None: a short answer waiting for its key points to be ticked
    status: str
    left_book: bool = False


def question_list(syllabus: Syllabus, user_id: int, mode: str, scope: str) -> list[str]:
    """The ids a practice session walks through, in order."""
    if mode == "chapter":
        return [q.id for q in syllabus.questions_of(scope)] if scope in syllabus.chapters else []
    if mode == "sequential":
        return [q.id for c in syllabus.chapter_list() for q in syllabus.questions_of(c.id)]
    if mode == "random":  # scope "<chapter or all>~<seed>": the seed keeps one set stable
        base, _sep, seed = scope.partition("~")
        pool = (
            [q.id for q in syllabus.questions_of(base)]
            if base in syllabus.chapters
            else [q.id for q in syllabus.questions.values() if not q.retired]
        )
        return random.Random(seed or base).sample(pool, min(RANDOM_SET_SIZE, len(pool)))
    if mode == "wrong":
        ids = wrongbook_list.question_ids(user_id, syllabus, scope)  # scope: a book filter
    elif mode == "bookmarks":
        ids = wrongbook.bookmarks(user_id, "question")
    else:
        return []
    return [i for i in ids if i in syllabus.questions and not syllabus.questions[i].retired]


def cursor_position(user_id: int, scope: str) -> int:
    row = db.session.get(PracticeCursor, (user_id, scope))
    return row.position if row else 0


def move_cursor(user_id: int, scope: str, position: int) -> None:
    row = db.session.get(PracticeCursor, (user_id, scope)) or PracticeCursor(
        user_id=user_id, scope=scope
    )
    row.position = position
    db.session.add(row)
    db.session.commit()


def answer(
    user_id: int,
    syllabus: Syllabus,
    question_id: str,
    raw,
    mode: str,
    now: datetime,
    ticked: list[int] | None = None,
) -> Feedback:
    """Scores a practice answer, keeps it, and updates the wrong-answer book."""
    question = syllabus.questions[question_id]
    snap = practice_snapshot(question)
    canonical = normalise_answer(AnswerForm.of(snap), raw)
    if canonical is None:
        raise BadAnswer("请先作答再提交。")
    mark = score_item(snap, canonical, ticked)
    if mark.points is None:  # a short answer: feedback first, the ticked key points score it
        return Feedback(None, "pending")
    db.session.add(
        PracticeAnswer(
            user_id=user_id, question_id=question_id, mode=mode, answer=canonical,
            fraction=mark.points, answered_at=now, content_hash=syllabus.content_hash,
        )
    )  # fmt: skip
    left = False
    if wrongbook.goes_to_book(snap.type, mark.status):
        wrongbook.record_wrong(user_id, question_id, now)
    elif mark.status == "right" and mode == "wrong":
        left = wrongbook.record_right_from_book(user_id, question_id, now)
    events.practice_answered.send(user_id=user_id, at=now)
    db.session.commit()
    return Feedback(mark.points, mark.status, left)


def chapter_progress(user_id: int) -> dict[str, tuple[int, float]]:
    """Per question: how often answered in practice and the mean share right."""
    rows = db.session.execute(
        select(PracticeAnswer.question_id, func.count(), func.avg(PracticeAnswer.fraction))
        .where(PracticeAnswer.user_id == user_id)
        .group_by(PracticeAnswer.question_id)
    )
    return {question_id: (count, float(mean)) for question_id, count, mean in rows}
