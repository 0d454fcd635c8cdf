"""Attempts at papers, practice answers, the wrong-answer book and bookmarks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studyapp.models.base import Model
from studyapp.models.types import UTCDateTime, utcnow


class Attempt(Model):
    """One sitting of a paper. The paper's shape and every question are snapshots taken at the
    start, so neither editing the bank nor the blueprint changes a past result."""

    __tablename__ = "attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    blueprint_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    shape: Mapped[dict] = mapped_column(JSON)  # parts, sections, pass marks as sat
    content_hash: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)  # None: untimed
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    auto_submitted: Mapped[bool] = mapped_column(default=False)
    score: Mapped[float | None]
    total: Mapped[float]
    passed: Mapped[bool | None]
    result: Mapped[dict | None] = mapped_column(JSON)

    items: Mapped[list[AttemptItem]] = relationship(
        back_populates="attempt", order_by="AttemptItem.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_attempt_user_started", "user_id", "started_at"),
        Index("ix_attempt_blueprint_submitted", "blueprint_id", "submitted_at"),
        # One open attempt per candidate and paper, whatever the concurrency: a second start
        # meets this index and resumes the first (exams/attempts.py).
        Index(
            "uq_attempt_open",
            "user_id",
            "blueprint_id",
            unique=True,
            sqlite_where=text("submitted_at IS NULL"),
            postgresql_where=text("submitted_at IS NULL"),
        ),
    )


class AttemptItem(Model):
    """One question of an attempt: its snapshot, the saved answer and, once marked, its mark."""

    __tablename__ = "attempt_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[str] = mapped_column(String(64))
    snapshot: Mapped[dict] = mapped_column(JSON)
    answer: Mapped[object | None] = mapped_column(JSON)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ticked: Mapped[list | None] = mapped_column(JSON)  # key points marked as covered (short)
    mark: Mapped[float | None]
    status: Mapped[str | None] = mapped_column(String(12))  # right | wrong | partial | …
    # Filled at submission for item analysis, so it never has to parse 2,000,000 snapshots:
    points: Mapped[float | None]
    chosen: Mapped[str | None] = mapped_column(String(32))  # original option indexes, "0,2"
    seconds: Mapped[float | None]  # time since the attempt's previous answer was saved

    attempt: Mapped[Attempt] = relationship(back_populates="items")

    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id"),
        Index("ix_attempt_item_question", "question_id"),
        # Covers item analysis: it reads these columns of millions of rows, never the snapshots.
        Index(
            "ix_attempt_item_analysis",
            "attempt_id",
            "question_id",
            "mark",
            "points",
            "chosen",
            "seconds",
        ),
    )


class PracticeAnswer(Model):
    """One answer given in practice (with instant feedback), kept for progress and analysis."""

    __tablename__ = "practice_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(16))  # chapter | sequential | random | wrong
    answer: Mapped[object | None] = mapped_column(JSON)
    fraction: Mapped[float]  # share of the points earned, 0–1
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    content_hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_practice_answer_user_answered", "user_id", "answered_at"),
        Index("ix_practice_answer_question", "question_id"),
    )


class WrongAnswer(Model):
    """错题本: a question answered wrongly, until answered right three times in a row from here."""

    __tablename__ = "wrong_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    wrong_count: Mapped[int] = mapped_column(default=0)
    first_wrong_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_wrong_at: Mapped[datetime] = mapped_column(UTCDateTime)
    right_streak: Mapped[int] = mapped_column(default=0)
    mastered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("user_id", "question_id"),)


class Bookmark(Model):
    """收藏: any question or card."""

    __tablename__ = "bookmark"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # question | card
    item_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "kind", "item_id"),)


class PracticeCursor(Model):
    """Where sequential practice stopped, per user and scope (the whole bank or a chapter)."""

    __tablename__ = "practice_cursor"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    scope: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
