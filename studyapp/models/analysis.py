"""Item analysis kept ready for trainers, and the audit trail of regraded attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studyapp.models.base import Model
from studyapp.models.types import UTCDateTime, utcnow


class AnalysisCache(Model):
    """The last item analysis of a paper for one scope (an organisation, or all for admins).

    Analysing 20,000 attempts takes seconds; the page serves this row and says how many newer
    attempts it leaves out until it is recomputed.
    """

    __tablename__ = "analysis_cache"

    id: Mapped[int] = mapped_column(primary_key=True)
    blueprint_id: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(32))  # "all" | "org:<id>"
    attempts: Mapped[int]
    last_attempt_id: Mapped[int]
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    payload: Mapped[dict] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("blueprint_id", "scope"),)


class Regrade(Model):
    """One attempt's question marked again after a trainer fixed it: old and new, and why."""

    __tablename__ = "regrade"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(16))  # current_key | void
    reason: Mapped[str] = mapped_column(Text)
    old_mark: Mapped[float | None]
    new_mark: Mapped[float | None]
    old_score: Mapped[float | None]
    new_score: Mapped[float | None]
    old_passed: Mapped[bool | None]
    new_passed: Mapped[bool | None]
    by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_regrade_attempt", "attempt_id"),)
