"""错题本 (the wrong-answer book) and 收藏 (bookmarks)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy import bindparam, case, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from studyapp.domain.questions import question_type
from studyapp.extensions import db
from studyapp.models import Bookmark, WrongAnswer

STREAK_TO_MASTER = 3  # mastered: right three times in a row when practising from the book


def goes_to_book(type_name: str, status: str | None) -> bool:
    """A wrong answer goes to the book; a partly right one too, unless its type says not
    (a short answer covering most key points is not a wrong answer)."""
    if status == "wrong":
        return True
    return status == "partial" and question_type(type_name).partial_goes_to_book()


def record_wrong(user_id: int, question_id: str, when: datetime) -> WrongAnswer:
    """Adds the question to the book (or back into it), counting how often and when."""
    entry = db.session.scalar(
        select(WrongAnswer).where(
            WrongAnswer.user_id == user_id, WrongAnswer.question_id == question_id
        )
    )
    if entry is None:
        entry = WrongAnswer(
            user_id=user_id, question_id=question_id, first_wrong_at=when, last_wrong_at=when
        )
        db.session.add(entry)
    entry.wrong_count = (entry.wrong_count or 0) + 1
    entry.last_wrong_at = max(entry.last_wrong_at, when)
    entry.right_streak = 0
    entry.mastered_at = None
    return entry


def record_wrong_many(user_id: int, question_ids: list[str], when: datetime) -> None:
    """``record_wrong`` for every question of a submitted paper at once: one upsert statement
    (INSERT … ON CONFLICT DO UPDATE, executemany) however many were wrong."""
    if not question_ids:
        return
    rows = [{"user_id": user_id, "question_id": q, "when": when} for q in question_ids]
    db.session.connection().execute(_record_wrong_statement(db.engine.dialect.name), rows)


@lru_cache(maxsize=4)
def _record_wrong_statement(dialect_name: str):
    table = WrongAnswer.__table__
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    when = bindparam("when", type_=table.c.last_wrong_at.type)
    statement = dialect.insert(table).values(
        user_id=bindparam("user_id"), question_id=bindparam("question_id"), wrong_count=1,
        first_wrong_at=when, last_wrong_at=when, right_streak=0, mastered_at=None,
    )  # fmt: skip
    old, new = table.c, statement.excluded
    return statement.on_conflict_do_update(
        index_elements=["user_id", "question_id"],
        set_={
            "wrong_count": old.wrong_count + 1,
            "last_wrong_at": case(
                (old.last_wrong_at < new.last_wrong_at, new.last_wrong_at),
                else_=old.last_wrong_at,
            ),
            "right_streak": 0,
            "mastered_at": None,
        },
    )


def record_right_from_book(user_id: int, question_id: str, when: datetime) -> bool:
    """A right answer while practising the book; True when the question leaves the book."""
    entry = db.session.scalar(
        select(WrongAnswer).where(
            WrongAnswer.user_id == user_id, WrongAnswer.question_id == question_id
        )
    )
    if entry is None or entry.mastered_at is not None:
        return False
    entry.right_streak += 1
    if entry.right_streak >= STREAK_TO_MASTER:
        entry.mastered_at = when
        return True
    return False


def open_entries(user_id: int) -> list[WrongAnswer]:
    return list(
        db.session.scalars(
            select(WrongAnswer)
            .where(WrongAnswer.user_id == user_id, WrongAnswer.mastered_at.is_(None))
            .order_by(WrongAnswer.last_wrong_at.desc())
        )
    )


def toggle_bookmark(user_id: int, kind: str, item_id: str) -> bool:
    """Adds or removes a bookmark; returns whether it is now bookmarked."""
    existing = db.session.scalar(
        select(Bookmark).where(
            Bookmark.user_id == user_id, Bookmark.kind == kind, Bookmark.item_id == item_id
        )
    )
    if existing is not None:
        db.session.delete(existing)
        db.session.commit()
        return False
    db.session.add(Bookmark(user_id=user_id, kind=kind, item_id=item_id))
    try:
        db.session.commit()
    except IntegrityError:  # bookmarked in another tab a moment ago
        db.session.rollback()
    return True


def bookmarks(user_id: int, kind: str) -> list[str]:
    return list(
        db.session.scalars(
            select(Bookmark.item_id)
            .where(Bookmark.user_id == user_id, Bookmark.kind == kind)
            .order_by(Bookmark.created_at.desc())
        )
    )
