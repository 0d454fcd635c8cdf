"""One simulated study run for bench/srs_sim.py: one learner, one scheduler, one exam date.

The routine is the same for every scheduler: a session each day at 20:00 UTC that introduces
the day's new cards and reviews every card due before midnight, learning and relearning steps
included (the session goes on while a step falls due the same day). Cards wait in a heap by due
time, so the work is proportional to the reviews, not to cards × minutes.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import srs_sim_sm2 as sm2
from srs_sim_learner import Learner, TrueMemory

from studyapp.domain.srs.memory import CardState, retrievability
from studyapp.domain.srs.planner import Plan, new_cards_today, review

START = datetime(2025, 3, 3, 20, 0, tzinfo=UTC)  # the first session
SESSION_LENGTH = timedelta(hours=4)  # a session's steps run until midnight
EXAM_HOUR = 9  # the exam is at 09:00 on day ``horizon``, the morning after the last session
DAILY_NEW = 20


def exam_moment(horizon_days: int) -> datetime:
    return START.replace(hour=EXAM_HOUR) + timedelta(days=horizon_days)


class FsrsDriver:
    """Plain FSRS (no exam date) or the exam planner, through studyapp's planner module.

    New cards come at the planner's pace for every scheduler (``pacing``: at least the daily
    setting, faster when the exam needs it), so each meets every card before the exam and
    exam-day recall compares schedulers, not how many cards they met."""

    def __init__(self, plan: Plan, learner_seed: int, pacing: Plan):
        self.plan, self.pacing = plan, pacing
        self.id_base = learner_seed * 10_000

    def new_today(self, unseen: int, now: datetime) -> int:
        return new_cards_today(unseen, DAILY_NEW, now, self.pacing)

    def new_card(self, index: int) -> CardState:
        return CardState(id=self.id_base + index + 1)

    def review(self, card: CardState, rating: int, now: datetime) -> CardState:
        return review(card, rating, now, self.plan)


class Sm2Driver:
    def __init__(self, pacing: Plan):
        self.pacing = pacing

    def new_today(self, unseen: int, now: datetime) -> int:
        return new_cards_today(unseen, DAILY_NEW, now, self.pacing)

    def new_card(self, index: int) -> sm2.Sm2Card:
        return sm2.Sm2Card()

    def review(self, card: sm2.Sm2Card, rating: int, now: datetime) -> sm2.Sm2Card:
        return sm2.review(card, rating, now)


@dataclass(frozen=True)
class RunResult:
    reviews: int
    mean_recall: float  # mean true recall of all cards at the exam, unmet cards counting 0
    share_90: float  # share of all cards with true recall ≥ 0.9 at the exam
    predicted_recall: float  # what the FSRS default model predicts (NaN for SM-2)
    last_week_reviews: int  # reviews in the last seven sessions


def driver_for(kind: str, retention: float, learner: Learner, exam_at: datetime):
    pacing = Plan(0.9, exam_at)
    if kind == "sm2":
        return Sm2Driver(pacing)
    plan = Plan(retention, exam_at if kind == "planner" else None)
    return FsrsDriver(plan, learner.seed, pacing)


def simulate(
    learner: Learner, card_count: int, horizon: int, kind: str, retention: float, log=None
):
    """Run ``horizon`` daily sessions before an exam and measure true recall at the exam.

    ``log``, a list, receives every review as (card index, time, rating).
    """
    exam_at = exam_moment(horizon)
    # The fsrs fuzz draws from the global random generator; seed it per run for reproducibility.
    random.seed(f"{learner.seed}-{horizon}-{kind}-{retention}")
    driver = driver_for(kind, retention, learner, exam_at)
    memory = TrueMemory(learner, card_count)
    cards: list = [None] * card_count
    queue: list[tuple[datetime, int]] = []
    met = reviews = last_week = 0
    for day in range(horizon):
        session = START + timedelta(days=day)
        end = session + SESSION_LENGTH
        fresh = driver.new_today(card_count - met, session)
        for index in range(met, met + fresh):
            cards[index] = driver.new_card(index)
            heapq.heappush(queue, (session, index))
        met += fresh
        while queue and queue[0][0] < end:
            due, index = heapq.heappop(queue)
            # Reviewed at its due time, not at 20:00: fsrs counts elapsed days as whole 24 h
            # periods, so a card due at 20:11 reviewed at 20:00 would count as a same-day review.
            now = max(due, session)
            rating = memory.review(index, now)
            if log is not None:
                log.append((index, now, rating))
            cards[index] = driver.review(cards[index], rating, now)
            heapq.heappush(queue, (cards[index].due, index))
            reviews += 1
            last_week += day >= horizon - 7
    recalls = [memory.recall(index, exam_at) for index in range(card_count)]
    return RunResult(
        reviews=reviews,
        mean_recall=sum(recalls) / card_count,
        share_90=sum(r >= 0.9 for r in recalls) / card_count,
        predicted_recall=_predicted(cards, exam_at) if kind != "sm2" else float("nan"),
        last_week_reviews=last_week,
    )


def _predicted(cards: list, exam_at: datetime) -> float:
    return sum(retrievability(c, exam_at) if c else 0.0 for c in cards) / len(cards)
