"""Anki's legacy SM-2 scheduler with default deck options, the baseline of bench/srs_sim.py.

Based on Anki's Rust scheduler (ankitects/anki rslib/src/scheduler/states/: review.rs
``passing_nonearly_review_intervals`` / ``answer_again`` / ``failing_review_interval``,
relearning.rs, learning steps in steps.rs) and the Anki manual's deck-option defaults:
learning steps 1 m 10 m, graduating interval 1 d, easy interval 4 d, starting ease 2.50,
easy bonus 1.30, hard interval 1.20, interval modifier 1.00, relearning step 10 m, new interval
0 %, minimum interval 1 d, ease floor 1.30 (Again −0.20, Hard −0.15, Easy +0.15).

Simplifications, neither of which the simulation exercises: no interval fuzz, and reviews are
never late (every due card is reviewed on its day), so the "days late" terms are zero.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
GRADUATING_DAYS, EASY_DAYS = 1, 4
START_EASE, MIN_EASE = 2.5, 1.3
HARD_FACTOR, EASY_BONUS = 1.2, 1.3
LAPSE_FACTOR, MIN_LAPSE_DAYS = 0.0, 1
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
LEARNING, REVIEW, RELEARNING = "learning", "review", "relearning"


@dataclass(frozen=True, slots=True)
class Sm2Card:
    phase: str = LEARNING
    step: int = 0
    ease: float = START_EASE
    interval: int = 0  # days; for a relearning card, the interval it returns to
    due: datetime | None = None


def _hard_delay(steps: tuple[timedelta, ...], step: int) -> timedelta:
    # Anki: Hard on the first step waits halfway to the second, or 1.5× a lone step.
    if step == 0:
        return (steps[0] + steps[1]) / 2 if len(steps) > 1 else steps[0] * 1.5
    return steps[step]


def _round(days: float) -> int:
    return int(days + 0.5)  # Rust's f32::round: halves away from zero, not to even


def _passing_intervals(card: Sm2Card) -> tuple[int, int, int]:
    """Hard, Good and Easy intervals in days; each at least one more than the one before."""
    hard = max(_round(card.interval * HARD_FACTOR), card.interval + 1)
    good = max(_round(card.interval * card.ease), hard + 1)
    easy = max(_round(card.interval * card.ease * EASY_BONUS), good + 1)
    return hard, good, easy


def _in_steps(card: Sm2Card, rating: int, now: datetime, steps: tuple[timedelta, ...]) -> Sm2Card:
    """A learning or relearning card; returns the card with its next step or graduated."""
    relearning = card.phase == RELEARNING
    if rating == AGAIN:
        return replace(card, step=0, due=now + steps[0])
    if rating == HARD:
        return replace(card, due=now + _hard_delay(steps, card.step))
    if rating == GOOD and card.step + 1 < len(steps):
        return replace(card, step=card.step + 1, due=now + steps[card.step + 1])
    if relearning:
        days = card.interval + (1 if rating == EASY else 0)
    else:
        days = EASY_DAYS if rating == EASY else GRADUATING_DAYS
    return replace(card, phase=REVIEW, step=0, interval=days, due=now + timedelta(days=days))


def review(card: Sm2Card, rating: int, now: datetime) -> Sm2Card:
    """The card after answering ``rating`` (1 Again … 4 Easy) at ``now``."""
    if card.phase == LEARNING:
        return _in_steps(card, rating, now, LEARNING_STEPS)
    if card.phase == RELEARNING:
        return _in_steps(card, rating, now, RELEARNING_STEPS)
    if rating == AGAIN:
        lapse_days = max(int(card.interval * LAPSE_FACTOR), MIN_LAPSE_DAYS, 1)
        return Sm2Card(
            RELEARNING, 0, max(MIN_EASE, card.ease - 0.2), lapse_days, now + RELEARNING_STEPS[0]
        )
    hard, good, easy = _passing_intervals(card)
    days, ease = {
        HARD: (hard, max(MIN_EASE, card.ease - 0.15)),
        GOOD: (good, card.ease),
        EASY: (easy, card.ease + 0.15),
    }[rating]
    return Sm2Card(REVIEW, 0, ease, days, now + timedelta(days=days))
