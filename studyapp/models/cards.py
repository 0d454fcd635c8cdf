"""Each user's memory of each card, the append-only review log, and study settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studyapp.models.base import Model
from studyapp.models.types import UTCDateTime, utcnow


class CardProgress(Model):
    """One user's FSRS state for one card (by its content id, so editing the text keeps it).

    ``revision`` grows with every change; a review must name the revision it was shown, so two
    tabs rating the same card at once cannot both apply.
    """

    __tablename__ = "card_progress"

    id: Mapped[int] = mapped_column(primary_key=True)  # also the fsrs card_id
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    card_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[int] = mapped_column(default=1)
    step: Mapped[int | None]
    stability: Mapped[float | None]
    difficulty: Mapped[float | None]
    due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    revision: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        UniqueConstraint("user_id", "card_id"),
        Index("ix_card_progress_user_due", "user_id", "due"),
    )


class ReviewLog(Model):
    """One review, with the state before and after; never changed except to mark an undo."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    card_id: Mapped[str] = mapped_column(String(64))
    progress_id: Mapped[int] = mapped_column(ForeignKey("card_progress.id", ondelete="CASCADE"))
    rating: Mapped[int]
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int | None]
    content_hash: Mapped[str] = mapped_column(String(64))
    state_before: Mapped[int]
    step_before: Mapped[int | None]
    stability_before: Mapped[float | None]
    difficulty_before: Mapped[float | None]
    due_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_review_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    interval_before: Mapped[float]  # days between the previous review and its due date
    state_after: Mapped[int]
    stability_after: Mapped[float | None]
    difficulty_after: Mapped[float | None]
    due_after: Mapped[datetime] = mapped_column(UTCDateTime)
    interval_after: Mapped[float]
    revision_after: Mapped[int]
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_review_log_user_reviewed", "user_id", "reviewed_at"),)


class StudySettings(Model):
    __tablename__ = "study_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    desired_retention: Mapped[float] = mapped_column(default=0.9)
    new_per_day: Mapped[int] = mapped_column(default=20)
    max_reviews_per_day: Mapped[int] = mapped_column(default=200)
    exam_date: Mapped[date | None]  # overrides the cohort's exam date
    # Minutes a day for the points-aimed plan (studyapp/domain/srs/points.py); None: card limits
    minutes_per_day: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class MemoryParameters(Model):
    """A candidate's own FSRS parameters, fitted in the background to their review log.

    ``parameters`` is the fitted set; ``used`` says whether it beat the defaults on held-out
    reviews (only then does scheduling use it). ``claimed_by``/``claimed_at`` let exactly one
    worker fit a user at a time: a worker claims the row with a conditional update.
    """

    __tablename__ = "memory_parameters"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    parameters: Mapped[list | None] = mapped_column(JSON)
    used: Mapped[bool] = mapped_column(default=False)
    n_reviews: Mapped[int] = mapped_column(default=0)  # repeat reviews the fit saw
    n_heldout: Mapped[int] = mapped_column(default=0)
    log_loss_fitted: Mapped[float | None]
    log_loss_default: Mapped[float | None]
    rmse_fitted: Mapped[float | None]
    rmse_default: Mapped[float | None]
    fitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_since: Mapped[datetime | None] = mapped_column(UTCDateTime)  # first fit put to use
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
