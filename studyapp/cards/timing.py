"""What the points-aimed plan needs of a candidate: each card's weight on the paper and the
candidate's measured review times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from sqlalchemy import select

from studyapp.domain.calendar import day_start, study_day
from studyapp.domain.content.model import Syllabus
from studyapp.domain.readiness.weights import card_weights
from studyapp.domain.srs import points
from studyapp.extensions import db
from studyapp.models import ReviewLog

MAX_TIMED_MS = 120_000


@dataclass(frozen=True)
class ReviewTimes:
    per_card: dict[str, float]  # mean seconds per card
    usual: float  # median seconds per review, for cards never timed
    spent_today: float  # seconds studied so far today


_WEIGHTS: dict[tuple[str, str], dict[str, float]] = {}


def card_weights_of(syllabus: Syllabus) -> dict[str, float]:
    """Points per card on the mock paper (its chapter's share), computed once per release."""
    blueprint = syllabus.blueprints.get("mock-theory")
    if blueprint is None:
        return {}
    key = (syllabus.content_hash, blueprint.id)
    if key not in _WEIGHTS:
        _WEIGHTS[key] = card_weights(syllabus, blueprint)
    return _WEIGHTS[key]


def review_times(user_id: int, now: datetime) -> ReviewTimes:
    """The candidate's measured review times (a review over MAX_TIMED_MS is left out: the
    candidate was away)."""
    rows = db.session.execute(
        select(ReviewLog.card_id, ReviewLog.duration_ms, ReviewLog.reviewed_at).where(
            ReviewLog.user_id == user_id,
            ReviewLog.undone_at.is_(None),
            ReviewLog.duration_ms.is_not(None),
            ReviewLog.reviewed_at >= now - timedelta(days=90),
        )
    ).all()
    timed = [
        (card, ms / 1000, at) for card, ms, at in rows if ms is not None and 0 < ms <= MAX_TIMED_MS
    ]
    by_card: dict[str, list[float]] = {}
    for card, seconds, _at in timed:
        by_card.setdefault(card, []).append(seconds)
    start = day_start(study_day(now))
    return ReviewTimes(
        per_card={card: sum(values) / len(values) for card, values in by_card.items()},
        usual=median(s for _c, s, _at in timed) if timed else points.DEFAULT_REVIEW_SECONDS,
        spent_today=sum(s for _c, s, at in timed if at >= start),
    )
