"""Per-candidate aggregates for the HR dashboard, kept up to date as study is recorded.

The logs (review_log, practice_answer, attempt, lesson_read) stay the truth; these rows are a
cache of them that ``flask hr rebuild-stats`` can recompute at any time (studyapp/ledger/).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from studyapp.models.base import Model
from studyapp.models.types import UTCDateTime


class CandidateStats(Model):
    """One row per user who has studied: counts, scores and the cached readiness prediction."""

    __tablename__ = "candidate_stats"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    last_active_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lessons_read: Mapped[int] = mapped_column(default=0)
    cards_learned: Mapped[int] = mapped_column(default=0)  # reviewed at least once
    cards_mature: Mapped[int] = mapped_column(default=0)  # interval of 21 days or more
    mature_reviews: Mapped[int] = mapped_column(default=0)  # reviews of mature cards …
    mature_recalled: Mapped[int] = mapped_column(default=0)  # … not rated Again
    practice_answers: Mapped[int] = mapped_column(default=0)
    attempts_taken: Mapped[int] = mapped_column(default=0)  # submitted mock exams and quizzes
    best_score: Mapped[float | None]  # % of the paper's maximum
    last_score: Mapped[float | None]
    previous_score: Mapped[float | None]
    # The readiness prediction "if the exam were today", recomputed lazily: every write marks it
    # stale, and it also goes stale with the study day (memory fades, answers age).
    prediction_stale: Mapped[bool] = mapped_column(default=True)
    prediction_blueprint: Mapped[str | None] = mapped_column(String(64))
    predicted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    predicted_score: Mapped[float | None]  # % of the maximum
    predicted_low: Mapped[float | None]
    predicted_high: Mapped[float | None]
    pass_probability: Mapped[float | None]
    below_pass_mark: Mapped[bool | None]  # some part's expected score is below its pass mark
    prediction: Mapped[dict | None] = mapped_column(JSON)  # parts and weakest topics, for display

    @property
    def true_retention(self) -> float | None:
        return self.mature_recalled / self.mature_reviews if self.mature_reviews else None


class CandidateDay(Model):
    """What one user did on one study day (04:00 to 04:00 China time)."""

    __tablename__ = "candidate_day"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(primary_key=True)
    reviews: Mapped[int] = mapped_column(default=0)
    practice_answers: Mapped[int] = mapped_column(default=0)
    lessons_read: Mapped[int] = mapped_column(default=0)
    attempts: Mapped[int] = mapped_column(default=0)
