"""A small synthetic review log: a learner who forgets faster than FSRS's defaults assume,
scheduled by default FSRS at 0.90, rating Again or Good by their true recall."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

START = datetime(2026, 1, 5, 12, tzinfo=UTC)


def true_parameters() -> tuple[float, ...]:
    weights = list(DEFAULT_PARAMETERS)
    weights[0:4] = [w * 0.25 for w in weights[0:4]]  # initial memories four times weaker
    weights[20] = 0.5  # and a steeper forgetting curve
    return tuple(weights)


def synthetic_log(
    cards: int = 80, days: int = 60, seed: int = 7
) -> list[tuple[int, datetime, int]]:
    """(card, reviewed_at, rating) for ``cards`` cards met 8 a day, reviewed when due."""
    rng = random.Random(seed)
    schedule = Scheduler(enable_fuzzing=False)
    truth = Scheduler(parameters=true_parameters(), enable_fuzzing=False)
    log = []
    for card in range(cards):
        seen, real = Card(card_id=card + 1), Card(card_id=card + 1)
        at = START + timedelta(days=card // 8)
        while at < START + timedelta(days=days):
            first = real.last_review is None
            recall = 1.0 if first else truth.get_card_retrievability(real, at)
            rating = (
                Rating.Good if rng.random() < recall * (0.8 if first else 1.0) else Rating.Again
            )
            log.append((card + 1, at, int(rating)))
            seen, _ = schedule.review_card(seen, rating, at)
            real, _ = truth.review_card(real, rating, at)
            at = max(seen.due, at + timedelta(minutes=1))
    return sorted(log, key=lambda row: row[1])
