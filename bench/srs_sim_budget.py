"""Minutes per day in bench/srs_sim.py: the points-aimed plan against today's planner.

Each learner has a fixed number of minutes a day. Every review takes the learner's own time for
that card (longer for long answers and lists, personal speed; a first sighting takes twice as
long). Both schedulers space cards with planner.review (the exam rule); they differ in what they
do with the minutes:

  today's planner  the review queue in its order — learning steps, due reviews weakest first,
                   new cards up to the daily quota — until the minutes run out;
  points-aimed     studyapp/domain/srs/points.py: learning steps, then the tasks (due reviews,
                   new cards of any chapter, early reviews of cards weak on exam day) with the
                   most expected exam-day points per second, measured per card.

Expected exam-day points = Σ card weight × the learner's TRUE recall of the card at the exam;
card weights come from the mock-theory blueprint (studyapp/domain/readiness/weights.py), 100 in
all. Same learners, same draws per card.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from multiprocessing import Pool
from statistics import fmean

from srs_sim_learner import Learner, TrueMemory, content_difficulty
from srs_sim_run import SESSION_LENGTH, START, exam_moment

from studyapp.domain.srs import points
from studyapp.domain.srs.memory import LEARNING, RELEARNING, CardState, retrievability
from studyapp.domain.srs.planner import Plan, new_cards_today, review

BUDGETS = (10, 20, 40)  # minutes a day
HORIZON = 30
DAILY_NEW = 20


def true_seconds(cards: list, learner: Learner) -> list[float]:
    speed = math.exp(random.Random(f"speed-{learner.seed}").gauss(0, 0.3))
    return [speed * (6.0 + 5.0 * content_difficulty(card)) for card in cards]


@dataclass(frozen=True)
class BudgetResult:
    points: float
    reviews: int
    recall: float


class Session:
    """One day's minutes: reviews in the order given, then same-day steps, until time is up."""

    def __init__(self, memory, seconds, states, plan, measured):
        self.memory, self.seconds, self.states = memory, seconds, states
        self.plan, self.measured = plan, measured
        self.reviews = 0

    def study(self, index: int, now: datetime) -> float:
        first = self.states[index].is_new
        rating = self.memory.review(index, now)
        self.states[index] = review(self.states[index], rating, now, self.plan)
        cost = self.seconds[index] * (points.NEW_CARD_FACTOR if first else 1.0)
        if not first:
            self.measured[index].append(self.seconds[index])
        self.reviews += 1
        return cost

    def run(self, order: list[int], day_start: datetime, budget: float) -> None:
        spent, clock = 0.0, day_start
        for index in order:
            if spent >= budget:
                return
            spent += self.study(index, max(clock, day_start))
            clock = day_start + timedelta(seconds=spent)
        end = day_start + SESSION_LENGTH
        while spent < budget:  # same-day learning steps that fall due in the session
            steps = [
                (s.due, i) for i, s in enumerate(self.states)
                if s.state in (LEARNING, RELEARNING) and not s.is_new and s.due < end
            ]  # fmt: skip
            if not steps:
                return
            due, index = min(steps)
            clock = max(clock, due)
            spent += self.study(index, clock)


def today_order(states, now, plan, met_total) -> list[int]:
    learning = sorted(
        (i for i, s in enumerate(states) if not s.is_new and s.due <= now
         and s.state in (LEARNING, RELEARNING)), key=lambda i: states[i].due,
    )  # fmt: skip
    due = [
        i for i, s in enumerate(states)
        if not s.is_new and s.due <= now and s.state not in (LEARNING, RELEARNING)
    ]  # fmt: skip
    due.sort(key=lambda i: retrievability(states[i], now, plan.desired_retention))
    unseen = [i for i, s in enumerate(states) if s.is_new]
    quota = new_cards_today(len(unseen), DAILY_NEW, now, plan)
    return learning + due + unseen[:quota]


def points_order(states, now, plan, weights, measured, minutes) -> list[int]:
    # A card never timed takes the learner's usual time (the app: their median review time).
    every = [t for times in measured for t in times]
    usual = fmean(every) if every else points.DEFAULT_REVIEW_SECONDS
    cards = [
        points.Candidate(str(i), state, weights[i], fmean(measured[i]) if measured[i] else usual)
        for i, state in enumerate(states)
    ]
    return [int(t.card_id) for t in points.day_plan(cards, now, plan, minutes)]


def simulate_budget(task) -> BudgetResult:
    learner, cards, weights, minutes, kind = task
    random.seed(f"{learner.seed}-{minutes}-{kind}")
    exam_at = exam_moment(HORIZON)
    plan = Plan(0.9, exam_at)
    memory = TrueMemory(learner, len(cards))
    seconds = true_seconds(cards, learner)
    states = [CardState(id=learner.seed * 10_000 + i + 1) for i in range(len(cards))]
    measured: list[list[float]] = [[] for _ in cards]
    session = Session(memory, seconds, states, plan, measured)
    budget = minutes * 60.0
    for day in range(HORIZON):
        now = START + timedelta(days=day)
        if kind == "points":
            order = points_order(states, now, plan, weights, measured, minutes)
        else:
            order = today_order(states, now, plan, None)
        session.run(order, now, budget)
    recalls = [memory.recall(i, exam_at) for i in range(len(cards))]
    return BudgetResult(
        points=sum(w * r for w, r in zip(weights, recalls, strict=True)),
        reviews=session.reviews,
        recall=fmean(recalls),
    )


def run(cards: list, weights: list[float], learners: int, workers: int) -> dict:
    crowd = [Learner.make(seed, cards) for seed in range(1, learners + 1)]
    keys = [(m, kind) for m in BUDGETS for kind in ("today", "points")]
    tasks = [(learner, cards, weights, m, kind) for m, kind in keys for learner in crowd]
    with Pool(workers) as pool:
        results = pool.map(simulate_budget, tasks, chunksize=2)
    n = len(crowd)
    return {key: results[i * n : (i + 1) * n] for i, key in enumerate(keys)}


def report(runs: dict, learners: int) -> float:
    """Prints the table; returns the smallest points ratio (points-aimed / today's)."""
    print(f"\n== minutes per day: exam in {HORIZON} days, {learners} learners, 100 points ==")
    print(f"{'minutes':>8}{'planner':>10}{'points':>9}{'reviews':>9}{'recall':>9}")
    ratios = []
    for minutes in BUDGETS:
        means = {}
        for kind in ("today", "points"):
            rows = runs[(minutes, kind)]
            means[kind] = fmean(r.points for r in rows)
            print(
                f"{minutes:>8}{kind:>10}{means[kind]:>9.2f}"
                f"{fmean(r.reviews for r in rows):>9.0f}{fmean(r.recall for r in rows):>9.4f}"
            )
        ratios.append(means["points"] / means["today"])
        verdict = "MET" if means["points"] > means["today"] else "MISSED"
        print(f"  points-aimed {means['points'] - means['today']:+.2f} points → {verdict}")
    print("target: more expected exam-day points than today's planner at every budget")
    return min(ratios)
