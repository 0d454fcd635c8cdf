"""A daily plan by time, aimed at exam-day points (docs/scheduling.md, "Minutes per day").

Each card carries a *weight*: its chapter's expected points on the paper divided by the
chapter's cards, so recalling every card of a chapter on exam day is worth the chapter's share
of the paper. Every candidate task today — a due learning step, a due review, a new card, or a
not-yet-due review of a card that would be weak on exam day — has a *value*: the expected
exam-day points it adds if it is the card's last study before the exam (weight × the rise in
predicted exam-day recall, averaged over the ratings the candidate is likely to give), and a
*cost*: the card's measured review time. Learning steps come first (a card half-learnt is
worth little); then tasks are taken by value per second until the day's minutes are spent.

Without an exam date there is nothing to aim at; the caller keeps the ordinary queue.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from studyapp.domain.srs.memory import (
    AGAIN,
    GOOD,
    LEARNING,
    RELEARNING,
    CardState,
    Parameters,
    retrievability,
)
from studyapp.domain.srs.planner import LEAD_DAYS, Plan, review
from studyapp.domain.srs.queue import CardSlot, QueueCounts, QueueEntry

DEFAULT_REVIEW_SECONDS = 12.0  # a review whose time was never measured
NEW_CARD_FACTOR = 2.0  # a first sighting (read, then rate) takes this many reviews' time
FIRST_AGAIN = 0.24  # share of first sightings rated Again (the FSRS simulator's default)
# A not-yet-due card is worth reviewing early only if its exam-day recall is below this.
EARLY_BELOW = 0.97


@dataclass(frozen=True)
class Task:
    card_id: str
    kind: str  # learning | review | new | early
    state: CardState | None
    value: float  # expected exam-day points added
    seconds: float


def exam_points(state: CardState | None, weight: float, plan: Plan) -> float:
    if state is None or state.is_new or plan.exam_at is None:
        return 0.0
    return weight * retrievability(state, plan.exam_at, plan.desired_retention, plan.parameters)


@lru_cache(maxsize=8192)
def reviewed(state: CardState, rating: int, now: datetime, plan: Plan) -> CardState:
    """The card after a review at ``now`` without fuzz (pure, so kept: valuing a review and
    then simulating it, as studyapp/domain/readiness/whatif.py does, computes it once)."""
    return review(state, rating, now, plan, fuzz=False)


def review_value(state: CardState, weight: float, now: datetime, plan: Plan) -> float:
    """Expected exam-day points a review now adds to a card already met."""
    recall_now = retrievability(state, now, plan.desired_retention, plan.parameters)
    good = exam_points(reviewed(state, GOOD, now, plan), weight, plan)
    again = exam_points(reviewed(state, AGAIN, now, plan), weight, plan)
    after = recall_now * good + (1 - recall_now) * again
    return max(0.0, after - exam_points(state, weight, plan))


def new_value(state: CardState, weight: float, now: datetime, plan: Plan) -> float:
    """Expected exam-day points of meeting a card today."""
    good = exam_points(reviewed(state, GOOD, now, plan), weight, plan)
    again = exam_points(reviewed(state, AGAIN, now, plan), weight, plan)
    return (1 - FIRST_AGAIN) * good + FIRST_AGAIN * again


def lifetime_reviews(now: datetime, plan: Plan) -> float:
    """Reviews a card met today will take before the exam (first sighting counted as
    NEW_CARD_FACTOR): the planner's own path for a card always rated Good, plus one lapse in
    four cards (a lapse costs a relearning step and a review)."""
    return _lifetime(math.floor(plan.days_left(now)), plan.desired_retention, plan.parameters)


@lru_cache(maxsize=256)
def _lifetime(days: int, retention: float, parameters: Parameters) -> float:
    start = datetime(2000, 1, 3, 12, tzinfo=UTC)
    exam_at = start + timedelta(days=days)
    plan = Plan(retention, exam_at, parameters)
    state, count = review(CardState(id=1), GOOD, start, plan, fuzz=False), 0
    while state.due is not None and state.due < exam_at and count < 50:
        state, count = review(state, GOOD, state.due, plan, fuzz=False), count + 1
    return NEW_CARD_FACTOR + count + 0.5


@dataclass(frozen=True)
class Candidate:
    """A card as the day's plan sees it."""

    card_id: str
    state: CardState  # a fresh CardState for a card never met
    weight: float  # points on the paper
    seconds: float  # measured review time (a default when never measured)


def worth_learning(cards: list[Candidate], now: datetime, plan: Plan, minutes: float) -> list[str]:
    """The unseen cards the remaining minutes can carry to the exam, best points per second
    first: each costs its lifetime of reviews; the cards already met keep their share."""
    days = max(0.0, plan.days_left(now))
    lifetime = lifetime_reviews(now, plan)
    left = minutes * 60 * days - upkeep_seconds(cards, now, plan)
    chosen = []
    for card in sorted(
        (c for c in cards if c.state.is_new),
        key=lambda c: (-c.weight / c.seconds, c.card_id),
    ):
        cost = card.seconds * lifetime
        if cost > left:
            break
        chosen.append(card.card_id)
        left -= cost
    return chosen


def upkeep_seconds(cards: list[Candidate], now: datetime, plan: Plan) -> float:
    """Seconds the cards already met will need before the exam (a lifetime less meeting them)."""
    lifetime = lifetime_reviews(now, plan)
    return sum(c.seconds * (lifetime - NEW_CARD_FACTOR - 1) for c in cards if not c.state.is_new)


def day_plan(
    cards: list[Candidate], now: datetime, plan: Plan, minutes: float, spent: float = 0.0,
    early_reviews: bool = True,
) -> list[Task]:  # fmt: skip
    """Today's tasks in order: learning steps; due reviews by points per second; new cards of
    the set worth learning, paced to be met LEAD_DAYS before the exam; then, while minutes
    remain, more of those new cards and early reviews of cards weak on exam day (none when
    ``early_reviews`` is False)."""
    by_id = {card.card_id: card for card in cards}
    budget, tasks = minutes * 60.0 - spent, []  # ``spent``: seconds already studied today
    learning = [c for c in cards if _due(c, now) and c.state.state in (LEARNING, RELEARNING)]
    tasks += [Task(c.card_id, "learning", c.state, c.weight, c.seconds) for c in learning]
    due = [c for c in cards if _due(c, now) and c.state.state not in (LEARNING, RELEARNING)]
    reviews = _by_rate(
        Task(c.card_id, "review", c.state, review_value(c.state, c.weight, now, plan), c.seconds)
        for c in due
    )
    fresh = worth_learning(cards, now, plan, minutes)
    pace = math.ceil(len(fresh) / max(1, math.floor(plan.days_left(now)) - LEAD_DAYS))
    new = [
        Task(i, "new", by_id[i].state, by_id[i].weight, by_id[i].seconds * NEW_CARD_FACTOR)
        for i in fresh
    ]
    tasks += _fill(reviews + new[:pace], budget - sum(task.seconds for task in tasks))
    spent = sum(task.seconds for task in tasks)
    if spent < budget:
        early = [
            Task(c.card_id, "early", c.state, review_value(c.state, c.weight, now, plan), c.seconds)
            for c in (
                _weakest_on_exam_day(cards, now, plan, budget - spent) if early_reviews else []
            )
        ]
        extra = _fill(new[pace:], budget - spent)
        spent += sum(task.seconds for task in extra)
        tasks += extra + _fill(_by_rate(early), budget - spent)
    return tasks


def _weakest_on_exam_day(
    cards: list[Candidate], now: datetime, plan: Plan, seconds: float
) -> list[Candidate]:
    """Cards met, not due, below EARLY_BELOW on exam day: the most points short first, as many
    as twice the time left could review (valuing every card would cost more than it tells)."""
    short = []
    for card in cards:
        if card.state.is_new or _due(card, now):
            continue
        recall = exam_points(card.state, 1.0, plan)
        if recall < EARLY_BELOW:
            short.append(((1 - recall) * card.weight / card.seconds, card))
    short.sort(key=lambda pair: (-pair[0], pair[1].card_id))
    room = 0.0
    chosen = []
    for _gap, card in short:
        if room > 2 * seconds:
            break
        chosen.append(card)
        room += card.seconds
    return chosen


def _due(card: Candidate, now: datetime) -> bool:
    return not card.state.is_new and card.state.due is not None and card.state.due <= now


def _by_rate(tasks: Iterable[Task]) -> list[Task]:
    return sorted(
        (t for t in tasks if t.value > 0), key=lambda t: (-t.value / t.seconds, t.card_id)
    )


def _fill(tasks: list[Task], seconds: float) -> list[Task]:
    chosen = []
    for task in tasks:
        if task.seconds <= seconds:
            chosen.append(task)
            seconds -= task.seconds
    return chosen


def candidates_of(
    slots: list[CardSlot], weights: dict[str, float], seconds: dict[str, float], usual: float
) -> list[Candidate]:
    fallback = sum(weights.values()) / len(weights) if weights else 1.0  # no paper: all alike
    return [
        Candidate(
            slot.card_id, slot.state or CardState(id=slot.position + 1),
            weights.get(slot.card_id, fallback), seconds.get(slot.card_id, usual),
        )
        for slot in slots
    ]  # fmt: skip


def points_queue(
    slots: list[CardSlot], now: datetime, plan: Plan, minutes: float, spent: float,
    weights: dict[str, float], seconds: dict[str, float], usual: float,
) -> tuple[list[QueueEntry], QueueCounts]:  # fmt: skip
    """Today's queue by the points-aimed plan: ``weights`` per card, measured ``seconds`` per
    card (``usual`` for a card never timed), ``spent`` seconds already studied today."""
    cards = candidates_of(slots, weights, seconds, usual)
    kinds = {"learning": "learning", "review": "review", "early": "review", "new": "new"}
    states = {slot.card_id: slot.state for slot in slots}
    entries = [
        QueueEntry(task.card_id, kinds[task.kind], states[task.card_id], None)
        for task in day_plan(cards, now, plan, minutes, spent)
    ]
    counts = QueueCounts(
        *(sum(e.kind == k for e in entries) for k in ("learning", "review", "new"))
    )
    return entries, counts
