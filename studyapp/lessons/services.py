"""Who has read which lesson, and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from studyapp.extensions import db
from studyapp.ledger import events
from studyapp.models import LessonRead


def read_times(user_id: int) -> dict[str, datetime]:
    rows = db.session.execute(
        select(LessonRead.lesson_id, LessonRead.read_at).where(LessonRead.user_id == user_id)
    )
    return {lesson_id: read_at for lesson_id, read_at in rows}


def mark_read(user_id: int, lesson_id: str, now: datetime) -> datetime:
    """Records the first reading; marking again keeps that time. Returns it."""
    existing = db.session.scalar(
        select(LessonRead).where(LessonRead.user_id == user_id, LessonRead.lesson_id == lesson_id)
    )
    if existing is not None:
        return existing.read_at
    db.session.add(LessonRead(user_id=user_id, lesson_id=lesson_id, read_at=now))
    try:
        events.lesson_read.send(user_id=user_id, at=now)
        db.session.commit()
    except IntegrityError:  # the same user marked it in another tab a moment ago
        db.session.rollback()
        return read_times(user_id)[lesson_id]
    return now
