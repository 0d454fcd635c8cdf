"""Simulated learners for bench/srs_sim.py: their true memory follows FSRS with their own weights.

A learner is the FSRS default weights perturbed within the package's bounds, plus a difficulty
offset per card (from the card's content and personal noise). Their true memory of a card is an
``fsrs.Card`` moved by an ``fsrs.Scheduler`` with their own weights (fuzz off) after every
review; the schedulers under test never see it, only the ratings it produces.

Ratings: a card is recalled with probability equal to its true retrievability (continuous
elapsed time, the learner's own decay). The first exposure of a card has no memory to recall, so
its rating follows the first-rating distribution of the FSRS simulator (fsrs-optimizer
``DEFAULT_FIRST_RATING_PROB`` = Again .24, Hard .094, Good .495, Easy .171), shifted towards
Again for harder cards. A success is Hard/Good/Easy with Easy likelier the easier the recall —
around the simulator's ``DEFAULT_REVIEW_RATING_PROB`` (Hard .224, Good .631, Easy .145) at
retrievability 0.9.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from studyapp.domain.content.model import BasicCard, ClozeCard, ListCard
from studyapp.domain.content.model import Card as SyllabusCard

WEIGHT_NOISE = 0.2  # log-normal sigma on each FSRS weight
SKILL_NOISE = 0.3  # log-normal sigma on the initial stabilities, shared (a learner's skill)
PERSONAL_DIFFICULTY_NOISE = 0.8  # sigma, difficulty points (FSRS difficulty runs 1–10)
# Learners "like the published benchmark": across its ~10,000 users the fitted initial
# stabilities (w0–w3) span more than an order of magnitude and the decay (w20) runs from about
# 0.1 to 0.6 (open-spaced-repetition/srs-benchmark, FSRS-6 parameter distributions).
WIDE_SKILL_NOISE = 0.6
WIDE_INITIAL_NOISE = 0.6
WIDE_WEIGHT_NOISE = 0.35
WIDE_DECAY = (0.1, 0.6)
FIRST_AGAIN = 0.24
FIRST_PASS = {int(Rating.Hard): 0.094, int(Rating.Good): 0.495, int(Rating.Easy): 0.171}
AGAIN = int(Rating.Again)


def content_difficulty(card: SyllabusCard) -> float:
    """Extra difficulty points from what the card asks: long lists and many gaps are harder."""
    if isinstance(card, ListCard):
        return 0.35 * max(0, len(card.members) - 3) + (0.5 if card.ordered else 0.0)
    if isinstance(card, ClozeCard):
        return 0.3 * max(0, len(card.deletions) - 1)
    if isinstance(card, BasicCard):
        return min(1.5, len(card.back) / 80)
    return 0.0


@dataclass(frozen=True)
class Learner:
    seed: int
    weights: tuple[float, ...]
    offsets: tuple[float, ...]  # difficulty offset per card, in syllabus order

    @classmethod
    def make(cls, seed: int, cards: list[SyllabusCard], wide: bool = False) -> Learner:
        """``wide``: weights spread like the published FSRS benchmark's users (WIDE_*)."""
        rng = random.Random(f"learner-{seed}" + ("-wide" if wide else ""))
        skill = math.exp(rng.gauss(0, WIDE_SKILL_NOISE if wide else SKILL_NOISE))
        weights = []
        for index, (w, low, high) in enumerate(
            zip(DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
        ):
            noise = (
                (WIDE_INITIAL_NOISE if index < 4 else WIDE_WEIGHT_NOISE) if wide else WEIGHT_NOISE
            )
            value = w * math.exp(rng.gauss(0, noise)) * (skill if index < 4 else 1.0)
            if wide and index == 20:
                value = rng.uniform(*WIDE_DECAY)
            weights.append(min(high, max(low, value)))
        content = [content_difficulty(card) for card in cards]
        mean = sum(content) / len(content)  # centred: the learner's weights set the average
        offsets = tuple(c - mean + rng.gauss(0, PERSONAL_DIFFICULTY_NOISE) for c in content)
        return cls(seed, tuple(weights), offsets)


def _pass_rating(recall: float, draw: float) -> int:
    ease = min(1.0, max(0.0, (recall - 0.85) / 0.15))  # 0 at recall ≤ 0.85, 1 at certain recall
    easy = 0.05 + 0.25 * ease
    hard = 0.35 - 0.30 * ease
    if draw < easy:
        return int(Rating.Easy)
    if draw < easy + hard:
        return int(Rating.Hard)
    return int(Rating.Good)


class TrueMemory:
    """One learner's real memory of every card during one simulated run."""

    def __init__(self, learner: Learner, card_count: int):
        self.learner = learner
        self.scheduler = Scheduler(parameters=learner.weights, enable_fuzzing=False)
        self.decay = learner.weights[20]
        self.factor = 0.9 ** (-1 / self.decay) - 1
        self.cards = [Card(card_id=i + 1) for i in range(card_count)]
        # One stream per card, the same in every run of this learner: the k-th review of a card
        # draws the same numbers whichever scheduler asked for it (common random numbers).
        self.draws = [random.Random(f"{learner.seed}-{i}") for i in range(card_count)]

    def recall(self, index: int, at: datetime) -> float:
        """True retrievability; 0 for a card never met."""
        card = self.cards[index]
        if card.last_review is None:
            return 0.0
        elapsed = max(0.0, (at - card.last_review).total_seconds() / 86400)
        return (1 + self.factor * elapsed / card.stability) ** -self.decay

    def review(self, index: int, at: datetime) -> int:
        """The learner's rating of card ``index`` at ``at``; their memory moves accordingly."""
        card, rng = self.cards[index], self.draws[index]
        outcome, draw = rng.random(), rng.random()
        first = card.last_review is None
        if first:
            offset = self.learner.offsets[index]
            again = 1 / (1 + math.exp(-(math.log(FIRST_AGAIN / (1 - FIRST_AGAIN)) + 0.35 * offset)))
            if outcome < again:
                rating = AGAIN
            else:
                total, rating = 0.0, int(Rating.Good)
                for candidate, weight in FIRST_PASS.items():
                    total += weight / (1 - FIRST_AGAIN)
                    if draw < total:
                        rating = candidate
                        break
        else:
            recall = self.recall(index, at)
            rating = _pass_rating(recall, draw) if outcome < recall else AGAIN
        moved, _log = self.scheduler.review_card(card, Rating(rating), at)
        if first:
            moved.difficulty = min(10.0, max(1.0, moved.difficulty + self.learner.offsets[index]))
        self.cards[index] = moved
        return rating
