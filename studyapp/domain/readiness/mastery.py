"""Mastery of one topic (a lesson): a Beta prior from card recall, the population base rate
and the candidate's overall level, updated by their answers through a guessing-aware likelihood.

Knowledge ``k`` is the chance the candidate knows a fact of the topic. An item is answered right
when the candidate knows it or guesses, so answers are not Bernoulli(k) and the Beta prior is
not conjugate; the posterior is therefore kept on a fixed grid of ``k`` values. Every response
curve rises with ``k``, so a right answer always moves the posterior up (and a wrong one down).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from studyapp.domain.questions import QUESTION_TYPES, question_type
from studyapp.domain.readiness.evidence import AnswerEvidence
from studyapp.domain.readiness.parameters import Parameters

GRID_SIZE = 40
KNOWLEDGE = tuple((i + 0.5) / GRID_SIZE for i in range(GRID_SIZE))
_LOG_K = tuple(math.log(k) for k in KNOWLEDGE)
_LOG_NOT_K = tuple(math.log(1 - k) for k in KNOWLEDGE)
_EDGE = 1e-9


def curve_of(type_name: str, scoring: str = "all_or_nothing") -> str:
    """The response curve an item follows, as its question type names it for a scoring."""
    return question_type(type_name).curve_name(scoring)


def chance_right(curve_name: str, knowledge: float, parameters: Parameters) -> float:
    """Expected share of an item's points at this knowledge."""
    if curve_name == "judge":
        known: float = knowledge**parameters.judge_exponent
        return parameters.guess_judge + (1 - parameters.guess_judge) * known
    if curve_name == "single":
        known = knowledge**parameters.single_exponent
        return parameters.guess_single + (1 - parameters.guess_single) * known
    if curve_name == "multiple":
        known = knowledge**parameters.multiple_exponent
        return parameters.guess_multiple + (1 - parameters.guess_multiple) * known
    if curve_name == "multiple_partial":  # each option judged right or wrong, half by guessing
        return 0.5 + 0.5 * knowledge
    # Other types (short answers, ordering …): the type's own chance of a guess, no fitted
    # exponent; for short answers the share of key points known.
    guess = QUESTION_TYPES[curve_name].guess if curve_name in QUESTION_TYPES else 0.0
    return guess + (1 - guess) * knowledge


@dataclass(frozen=True, slots=True)
class ResponseCurve:
    """``chance_right`` over the knowledge grid, with its logarithms for the likelihood."""

    right: tuple[float, ...]
    log_right: tuple[float, ...]
    log_wrong: tuple[float, ...]


@lru_cache(maxsize=64)
def response_curve(curve_name: str, parameters: Parameters) -> ResponseCurve:
    right = tuple(
        min(1 - _EDGE, max(_EDGE, chance_right(curve_name, k, parameters))) for k in KNOWLEDGE
    )
    return ResponseCurve(
        right, tuple(math.log(p) for p in right), tuple(math.log(1 - p) for p in right)
    )


def answer_weight(answered_at: datetime, on: datetime, parameters: Parameters) -> float:
    """How much one answer counts on the target day: 1 when fresh, old_answer_weight when old."""
    age_days = max(0.0, (on - answered_at).total_seconds() / 86400)
    fresh: float = 0.5 ** (age_days / parameters.half_life_days)
    return parameters.old_answer_weight + (1 - parameters.old_answer_weight) * fresh


@dataclass(frozen=True, slots=True)
class Tally:
    """Recency-weighted right and wrong answers of one topic, per response curve."""

    right: dict[str, float]
    wrong: dict[str, float]
    answers: int

    @classmethod
    def empty(cls) -> Tally:
        return cls({}, {}, 0)

    def log_likelihood(self, parameters: Parameters) -> tuple[float, ...]:
        """Log-probability of these answers at each grid knowledge (a partial answer counts
        partly right and partly wrong)."""
        logs = [0.0] * GRID_SIZE
        for curve_name in self.right.keys() | self.wrong.keys():
            curve = response_curve(curve_name, parameters)
            right, wrong = self.right.get(curve_name, 0.0), self.wrong.get(curve_name, 0.0)
            logs = [
                x + right * lr + wrong * lw
                for x, lr, lw in zip(logs, curve.log_right, curve.log_wrong, strict=True)
            ]
        return tuple(logs)


@dataclass(frozen=True, slots=True)
class TopicPosterior:
    """The candidate's knowledge of one topic: a probability for each grid value."""

    weights: tuple[float, ...]

    @classmethod
    def update(
        cls, prior_mean: float, prior_strength: float, log_likelihood: Iterable[float]
    ) -> TopicPosterior:
        """Beta(prior_mean, prior_strength) times the answers' likelihood, normalised."""
        mean = min(1 - 1e-6, max(1e-6, prior_mean))
        alpha = mean * prior_strength
        beta = (1 - mean) * prior_strength
        logs = [
            (alpha - 1) * lk + (beta - 1) * lnk + ll
            for lk, lnk, ll in zip(_LOG_K, _LOG_NOT_K, log_likelihood, strict=True)
        ]
        top = max(logs)
        weights = [math.exp(x - top) for x in logs]
        total = sum(weights)
        return cls(tuple(w / total for w in weights))

    def mean(self) -> float:
        return sum(w * k for w, k in zip(self.weights, KNOWLEDGE, strict=True))

    def quantile(self, share: float) -> float:
        """The knowledge below which lies ``share`` of the posterior (linear within a cell)."""
        cumulative = 0.0
        for i, w in enumerate(self.weights):
            if cumulative + w >= share:
                inside = (share - cumulative) / w if w > 0 else 0.0
                return (i + inside) / GRID_SIZE
            cumulative += w
        return 1.0

    def moments(self, values: Iterable[float]) -> tuple[float, float]:
        """Mean and variance of a function of knowledge given on the grid."""
        mean = square = 0.0
        for w, v in zip(self.weights, values, strict=True):
            mean += w * v
            square += w * v * v
        return mean, max(0.0, square - mean * mean)


def tally_answers(
    answers: Iterable[AnswerEvidence], on: datetime, parameters: Parameters
) -> dict[str, Tally]:
    """Per lesson, the weighted answers; a partly scored answer counts partly right."""
    right: dict[str, dict[str, float]] = {}
    wrong: dict[str, dict[str, float]] = {}
    counts: dict[str, int] = {}
    for answer in answers:
        curve_name = curve_of(answer.question_type, answer.scoring)
        weight = answer_weight(answer.answered_at, on, parameters)
        fraction = min(1.0, max(0.0, answer.fraction))
        lesson_right = right.setdefault(answer.lesson, {})
        lesson_wrong = wrong.setdefault(answer.lesson, {})
        lesson_right[curve_name] = lesson_right.get(curve_name, 0.0) + weight * fraction
        lesson_wrong[curve_name] = lesson_wrong.get(curve_name, 0.0) + weight * (1 - fraction)
        counts[answer.lesson] = counts.get(answer.lesson, 0) + 1
    return {lesson: Tally(right[lesson], wrong[lesson], counts[lesson]) for lesson in counts}


@dataclass(frozen=True, slots=True)
class CandidateLevel:
    """What this candidate knows of a topic never studied (base) and with every card recalled
    (ceiling, moved from the population's by the candidate's answers; low and high one standard
    deviation of that estimate either side)."""

    base: float
    ceiling: float
    low: float
    high: float

    def prior_knowledge(self, recall: float, ceiling: float | None = None) -> float:
        """The prior mean of a topic whose cards are recalled at ``recall`` on average (unstudied
        cards recall nothing): base, raised towards the ceiling."""
        top = self.ceiling if ceiling is None else ceiling
        return self.base + max(0.0, top - self.base) * min(1.0, max(0.0, recall))


def mean_recall(recalls: Iterable[float], card_count: int) -> float:
    """Average recall over a topic's cards, the unstudied ones counting 0."""
    recalls = [min(1.0, max(0.0, r)) for r in recalls]
    count = max(card_count, len(recalls))
    return sum(recalls) / count if count else 0.0


def _logit(p: float) -> float:
    p = min(1 - 1e-6, max(1e-6, p))
    return math.log(p / (1 - p))


def _shifted(p: float, shift: float) -> float:
    return 1 / (1 + math.exp(-(_logit(p) + shift)))


def candidate_level(tallies: Iterable[Tally], parameters: Parameters) -> CandidateLevel:
    """Compare the candidate's answers, all topics pooled, with a typical candidate's, and move
    the population's ceiling by the gap on the log-odds scale.

    It reads answers only, never recall: then higher recall can only raise a prior, and a right
    answer anywhere raises the prior of every studied topic a little. The base rate stays the
    population's: general ability does not make a candidate ready on a topic never studied.
    """
    right: dict[str, float] = {}
    wrong: dict[str, float] = {}
    for tally in tallies:
        for curve_name, value in tally.right.items():
            right[curve_name] = right.get(curve_name, 0.0) + value
        for curve_name, value in tally.wrong.items():
            wrong[curve_name] = wrong.get(curve_name, 0.0) + value
    posterior = TopicPosterior.update(
        parameters.typical_knowledge,
        parameters.level_strength,
        Tally(right, wrong, 0).log_likelihood(parameters),
    )
    level, spread = posterior.moments(KNOWLEDGE)

    def ceiling(knowledge: float) -> float:
        gap = _logit(knowledge) - _logit(parameters.typical_knowledge)
        return _shifted(parameters.card_ceiling, parameters.pooling * gap)

    sd = math.sqrt(spread)
    return CandidateLevel(
        parameters.base_knowledge, ceiling(level), ceiling(level - sd), ceiling(level + sd)
    )
