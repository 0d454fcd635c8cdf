"""Planning reviews around the exam date.

The rule (explained in docs/scheduling.md):

1. Between now and the exam, reviews are spaced by FSRS at the *study retention* — lower than
   the target, so each review strengthens memory more and fewer are needed — with no same-day
   learning or relearning steps.
2. Whenever a review's next due date falls after the exam, the card's predicted recall on exam
   day is checked. If it is below the *target* (the user's desired retention), the card is due
   instead on the day its recall falls to the target — always before the exam — and the rule
   applies again after that review. So no card leaves the run-up with exam-day recall below
   the target, unless it is failed on its last review before the exam.
3. Cards not yet met are introduced fast enough that the last of them is met ``LEAD_DAYS``
   before the exam, even if that is more than the daily new-card setting.

Without an exam date (or after it) this is plain FSRS at the desired retention.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from studyapp.domain.calendar import utc
from studyapp.domain.srs.memory import (
    CardState,
    Parameters,
    apply_rating,
    retrievability,
)

STUDY_RETENTION_GAP = 0.12  # study retention = target − this, floored at MIN_STUDY_RETENTION
MIN_STUDY_RETENTION = 0.75
LEAD_DAYS = 3  # the last new card is met this many days before the exam
# No same-day steps before an exam: a new card rated Good is next seen in days, one rated Again
# (or a forgotten card) the next day. A same-day step costs a review and, in FSRS's own model
# of short-term memory, buys little stability (bench/srs_sim.py measures it: two steps → one →
# none each save reviews at equal exam-day recall).
EXAM_LEARNING_STEPS: tuple[timedelta, ...] = ()
EXAM_RELEARNING_STEPS: tuple[timedelta, ...] = ()
SPRINT_DAYS = 14


@dataclass(frozen=True)
class Plan:
    desired_retention: float = 0.9
    exam_at: datetime | None = None  # the exam's start, aware
    parameters: Parameters = None  # the candidate's fitted FSRS weights, None for the defaults

    def active(self, now: datetime) -> bool:
        return self.exam_at is not None and utc(now) < utc(self.exam_at)

    @property
    def study_retention(self) -> float:
        return max(MIN_STUDY_RETENTION, self.desired_retention - STUDY_RETENTION_GAP)

    def days_left(self, now: datetime) -> float:
        if self.exam_at is None:
            return math.inf
        return (utc(self.exam_at) - utc(now)).total_seconds() / 86400


def exam_recall(state: CardState, plan: Plan) -> float | None:
    """Predicted recall on exam day if the card is not reviewed again before it."""
    if plan.exam_at is None:
        return None
    return retrievability(state, plan.exam_at, plan.desired_retention, plan.parameters)


def review(
    state: CardState, rating: int, now: datetime, plan: Plan, fuzz: bool = True
) -> CardState:
    """The card's state after a review at ``now``, with the exam rule applied."""
    exam_at = plan.exam_at
    if exam_at is None or not plan.active(now):
        return apply_rating(
            state, rating, now, plan.desired_retention, fuzz, parameters=plan.parameters
        )
    steps, weights, again = EXAM_LEARNING_STEPS, plan.parameters, EXAM_RELEARNING_STEPS
    after = apply_rating(state, rating, now, plan.study_retention, fuzz, steps, weights, again)
    if after.due is None or after.due <= utc(exam_at):
        return after
    if (
        retrievability(after, exam_at, plan.desired_retention, plan.parameters)
        >= plan.desired_retention
    ):
        return after
    # Due after the exam but would be forgotten by then: review when recall reaches the target,
    # which is necessarily before the exam (recall only falls).
    at_target = apply_rating(
        state, rating, now, plan.desired_retention, False, steps, weights, again
    )
    if at_target.due is None:  # a rating always sets a due date; this keeps the types honest
        return replace(after, due=utc(exam_at))
    return replace(after, due=min(at_target.due, utc(exam_at)))


def new_cards_today(unseen: int, daily_setting: int, now: datetime, plan: Plan) -> int:
    """How many new cards to introduce today so every card is met before the exam."""
    if not plan.active(now) or unseen == 0:
        return min(unseen, daily_setting)
    days = max(1, math.floor(plan.days_left(now)) - LEAD_DAYS)
    return min(unseen, max(daily_setting, math.ceil(unseen / days)))


def in_sprint(now: datetime, plan: Plan) -> bool:
    return plan.active(now) and plan.days_left(now) <= SPRINT_DAYS
