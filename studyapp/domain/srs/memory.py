"""A card's memory state, and the FSRS model that moves it.

The ``fsrs`` package does the arithmetic; this module keeps its quirks in one place: every
``Card`` is built with an explicit ``card_id`` (without one the constructor sleeps 1 ms) and
every datetime is aware with tzinfo exactly ``timezone.utc``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS

from studyapp.domain.calendar import utc

LEARNING, REVIEW, RELEARNING = int(State.Learning), int(State.Review), int(State.Relearning)
AGAIN, HARD, GOOD, EASY = (int(r) for r in (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy))
MATURE_DAYS = 21  # Anki's line between young and mature cards
LEECH_LAPSES = 8


@dataclass(frozen=True, slots=True)
class CardState:
    """One user's memory of one card. A card never reviewed is Learning, step 0, no last review."""

    id: int  # a stable integer per (user, card), used as the fsrs card_id
    state: int = LEARNING
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None  # None for a card not yet introduced
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    @property
    def is_new(self) -> bool:
        return self.last_review is None

    @property
    def interval_days(self) -> int:
        if self.due is None or self.last_review is None:
            return 0
        return max(0, (self.due - self.last_review).days)

    @property
    def is_mature(self) -> bool:
        return self.state == REVIEW and self.interval_days >= MATURE_DAYS

    @property
    def is_leech(self) -> bool:
        return self.lapses >= LEECH_LAPSES


DEFAULT_LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))  # fsrs's own defaults
DEFAULT_RELEARNING_STEPS = (timedelta(minutes=10),)
# A candidate's own FSRS weights (studyapp/domain/srs/fitting.py); None means fsrs's defaults.
Parameters = tuple[float, ...] | None


@lru_cache(maxsize=256)
def scheduler(
    desired_retention: float,
    fuzz: bool = True,
    learning_steps: tuple[timedelta, ...] = DEFAULT_LEARNING_STEPS,
    parameters: Parameters = None,
    relearning_steps: tuple[timedelta, ...] = DEFAULT_RELEARNING_STEPS,
) -> Scheduler:
    return Scheduler(
        parameters=parameters or DEFAULT_PARAMETERS,
        desired_retention=desired_retention,
        enable_fuzzing=fuzz,
        learning_steps=learning_steps,
        relearning_steps=relearning_steps,
    )


def to_fsrs(state: CardState, now: datetime) -> Card:
    return Card(
        card_id=state.id,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=utc(state.due) if state.due else utc(now),
        last_review=utc(state.last_review) if state.last_review else None,
    )


def from_fsrs(card: Card, before: CardState, rating: int) -> CardState:
    lapse = before.state == REVIEW and rating == AGAIN
    return replace(
        before,
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reps=before.reps + 1,
        lapses=before.lapses + (1 if lapse else 0),
    )


def retrievability(
    state: CardState, at: datetime, desired_retention: float = 0.9, parameters: Parameters = None
) -> float:
    """Predicted probability of recall at ``at``; 0 for a card never reviewed."""
    if state.is_new or state.stability is None:
        return 0.0
    chosen = scheduler(desired_retention, parameters=parameters)
    return chosen.get_card_retrievability(to_fsrs(state, at), utc(at))


def apply_rating(
    state: CardState,
    rating: int,
    now: datetime,
    desired_retention: float,
    fuzz: bool = True,
    learning_steps: tuple[timedelta, ...] = DEFAULT_LEARNING_STEPS,
    parameters: Parameters = None,
    relearning_steps: tuple[timedelta, ...] = DEFAULT_RELEARNING_STEPS,
) -> CardState:
    """Plain FSRS: the state after reviewing with ``rating`` (1 Again … 4 Easy) at ``now``."""
    if rating not in (AGAIN, HARD, GOOD, EASY):
        raise ValueError(f"rating must be 1–4, not {rating!r}")
    chosen = scheduler(desired_retention, fuzz, learning_steps, parameters, relearning_steps)
    card, _log = chosen.review_card(to_fsrs(state, now), Rating(rating), utc(now))
    return from_fsrs(card, state, rating)
