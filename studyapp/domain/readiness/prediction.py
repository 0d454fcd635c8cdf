"""Predicting a candidate's score on a paper: per part, in total, and the chance to pass."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import NormalDist

from studyapp.domain.content import model
from studyapp.domain.readiness.evidence import AnswerEvidence, CardEvidence
from studyapp.domain.readiness.mastery import (
    Tally,
    TopicPosterior,
    candidate_level,
    mean_recall,
    tally_answers,
)
from studyapp.domain.readiness.paper import (
    PartScore,
    expected_points,
    pass_probability,
    plan_paper,
    points_at_stake,
    score_part,
)
from studyapp.domain.readiness.parameters import DEFAULT_PARAMETERS, Parameters


@dataclass(frozen=True, slots=True)
class Estimate:
    """A predicted score: the expected points and a range holding them with ``interval`` odds."""

    mean: float
    low: float
    high: float
    max: float


@dataclass(frozen=True, slots=True)
class TopicMastery:
    lesson: str
    mastery: float  # expected knowledge, 0…1
    low: float  # the same range as the scores, on knowledge
    high: float
    cards_studied: int
    cards_total: int
    answers: int
    points_at_stake: float  # expected points of the paper drawn from this topic


@dataclass(frozen=True, slots=True)
class Prediction:
    total: Estimate
    parts: Mapping[str, Estimate]
    pass_probability: float  # every part reaches its pass mark
    part_pass_probabilities: Mapping[str, float]
    topics: tuple[TopicMastery, ...]  # the paper's topics, weakest first


def predict(
    syllabus: model.Syllabus,
    blueprint: model.Blueprint,
    cards: Sequence[CardEvidence],
    answers: Sequence[AnswerEvidence],
    on: datetime,
    parameters: Parameters = DEFAULT_PARAMETERS,
) -> Prediction:
    """Predict the score on ``blueprint`` on the day ``on``.

    ``cards`` give each studied card's predicted recall on that day (cards left out, or with
    ``retrievability=None``, were never studied); ``answers`` are every answer so far.
    """
    plans = plan_paper(syllabus, blueprint)
    stakes = points_at_stake(plans)
    card_totals = Counter(card.lesson for card in syllabus.cards.values() if not card.retired)
    studied = _studied(cards)
    recall = {
        lesson: mean_recall(studied.get(lesson, {}).values(), card_totals[lesson])
        for lesson in stakes
    }
    tallies = tally_answers(answers, on, parameters)
    level = candidate_level(tallies.values(), parameters)

    likelihoods = {
        lesson: tallies.get(lesson, Tally.empty()).log_likelihood(parameters) for lesson in stakes
    }

    def posteriors_at(ceiling: float) -> dict[str, TopicPosterior]:
        return {
            lesson: TopicPosterior.update(
                level.prior_knowledge(recall[lesson], ceiling),
                parameters.prior_strength,
                likelihoods[lesson],
            )
            for lesson in stakes
        }

    posteriors = posteriors_at(level.ceiling)
    # The candidate's level is itself uncertain, and it moves every studied topic at once.
    low, high = posteriors_at(level.low), posteriors_at(level.high)
    spread = {  # points the level's uncertainty moves each part by
        plan.part.id: (
            expected_points(plan, high, parameters) - expected_points(plan, low, parameters)
        )
        / 2
        for plan in plans
    }
    scores = tuple(score_part(plan, posteriors, parameters, spread[plan.part.id]) for plan in plans)
    reach = NormalDist().inv_cdf(0.5 + parameters.interval / 2)
    topics = _topics(posteriors, parameters, studied, card_totals, tallies, stakes)
    return Prediction(
        _total(scores, reach),
        {score.part_id: _estimate(score.mean, score.sd, score.max, reach) for score in scores},
        pass_probability(scores),
        {score.part_id: score.pass_probability() for score in scores},
        topics,
    )


def _studied(cards: Sequence[CardEvidence]) -> dict[str, dict[str, float]]:
    """Lesson → card → predicted recall, for the cards ever studied."""
    studied: dict[str, dict[str, float]] = {}
    for card in cards:
        if card.retrievability is not None:
            studied.setdefault(card.lesson, {})[card.card_id] = card.retrievability
    return studied


def _topics(
    posteriors: Mapping[str, TopicPosterior],
    parameters: Parameters,
    studied: Mapping[str, Mapping[str, float]],
    card_totals: Mapping[str, int],
    tallies: Mapping[str, Tally],
    stakes: Mapping[str, float],
) -> tuple[TopicMastery, ...]:
    """Each lesson's mastery with its interval and evidence, weakest (then costliest) first."""
    return tuple(
        sorted(
            (
                TopicMastery(
                    lesson,
                    posterior.mean(),
                    posterior.quantile((1 - parameters.interval) / 2),
                    posterior.quantile((1 + parameters.interval) / 2),
                    len(studied.get(lesson, {})),
                    card_totals[lesson],
                    tallies.get(lesson, Tally.empty()).answers,
                    stakes[lesson],
                )
                for lesson, posterior in posteriors.items()
            ),
            key=lambda t: (t.mastery, -t.points_at_stake, t.lesson),
        )
    )


def _estimate(mean: float, sd: float, top: float, reach: float) -> Estimate:
    mean = min(top, max(0.0, mean))
    return Estimate(mean, max(0.0, mean - reach * sd), min(top, mean + reach * sd), top)


def _total(scores: tuple[PartScore, ...], reach: float) -> Estimate:
    """Parts add up; their shared loadings add before squaring (they move together)."""
    shared = sum(score.shared_sd for score in scores)
    own = math.sqrt(sum(score.own_sd**2 for score in scores))
    top = sum(score.max for score in scores)
    return _estimate(sum(score.mean for score in scores), math.hypot(shared, own), top, reach)
