"""Statistics of one learner's cards: workload, forecast, retention, states, mastery."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from studyapp.domain.calendar import study_day
from studyapp.domain.srs.memory import (
    AGAIN,
    LEARNING,
    MATURE_DAYS,
    RELEARNING,
    Parameters,
    retrievability,
)
from studyapp.domain.srs.queue import CardSlot


@dataclass(frozen=True)
class ReviewFact:
    """What statistics need of one review."""

    reviewed_at: datetime
    rating: int
    interval_before: float  # days; ≥ MATURE_DAYS means the card was mature


@dataclass(frozen=True)
class CardStats:
    reviews_per_day: list[tuple[date, int]]
    due_forecast: list[tuple[date, int]]
    true_retention: float | None  # share of mature reviews not rated Again
    mature_reviews: int
    by_state: dict[str, int]
    mastery: dict[str, float]  # chapter → mean predicted recall now, unseen cards counting 0
    exam_recall: float | None  # mean predicted recall on exam day over all cards
    leeches: list[str]


def card_stats(
    slots: list[CardSlot],
    reviews: list[ReviewFact],
    now: datetime,
    exam_at: datetime | None,
    desired_retention: float = 0.9,
    parameters: Parameters = None,
) -> CardStats:
    today = study_day(now)
    per_day = Counter(study_day(review.reviewed_at) for review in reviews)
    history = [
        (today - timedelta(days=n), per_day.get(today - timedelta(days=n), 0))
        for n in range(89, -1, -1)
    ]

    forecast_counts: Counter[date] = Counter()
    by_state: Counter[str] = Counter()
    mastery_sum: defaultdict[str, float] = defaultdict(float)
    chapter_size: Counter[str] = Counter()
    exam_total, leeches = 0.0, []
    for slot in slots:
        chapter_size[slot.chapter] += 1
        state = slot.state
        if state is None or state.is_new:
            by_state["new"] += 1
            continue
        if state.state == LEARNING:
            by_state["learning"] += 1
        elif state.state == RELEARNING:
            by_state["relearning"] += 1
        else:
            by_state["mature" if state.is_mature else "young"] += 1
        if state.is_leech:
            leeches.append(slot.card_id)
        if state.due is not None:
            forecast_counts[max(today, study_day(state.due))] += 1
        mastery_sum[slot.chapter] += retrievability(state, now, desired_retention, parameters)
        if exam_at is not None:
            exam_total += retrievability(state, exam_at, desired_retention, parameters)
    forecast = [
        (today + timedelta(days=n), forecast_counts.get(today + timedelta(days=n), 0))
        for n in range(30)
    ]
    mature = [review for review in reviews if review.interval_before >= MATURE_DAYS]
    retention = sum(1 for r in mature if r.rating != AGAIN) / len(mature) if mature else None
    return CardStats(
        reviews_per_day=history,
        due_forecast=forecast,
        true_retention=retention,
        mature_reviews=len(mature),
        by_state={
            key: by_state.get(key, 0)
            for key in ("new", "learning", "young", "mature", "relearning")
        },
        mastery={chapter: mastery_sum[chapter] / size for chapter, size in chapter_size.items()},
        exam_recall=exam_total / len(slots) if exam_at is not None and slots else None,
        leeches=leeches,
    )
