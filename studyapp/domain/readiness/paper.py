"""From topic mastery to a paper's score: expected points, spread and the chance to pass.

A part's score varies for three reasons, all counted: which questions are drawn, whether the
candidate answers each right given their knowledge, and how uncertain that knowledge is. The
first two are sampling noise (binomial, with the finite-pool correction of drawing without
replacement); the third comes from the topic posteriors and from the candidate's overall level.
The level, and a share of each topic's uncertainty (``shared_fraction``), move every topic of the
candidate at once: they link the parts, so the chance to pass them all is not the product of the
chances to pass each.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist

from studyapp.domain.content import model
from studyapp.domain.content.blueprints import questions_by_type
from studyapp.domain.exams.draw import inclusion_probabilities
from studyapp.domain.questions import question_type
from studyapp.domain.readiness.mastery import TopicPosterior, curve_of, response_curve
from studyapp.domain.readiness.parameters import Parameters

_NORMAL = NormalDist()
# The candidate-wide factor, integrated on a fixed grid of its values (±6 sd, normal weights).
_FACTOR = tuple(i / 10 for i in range(-60, 61))
_FACTOR_WEIGHTS = tuple(math.exp(-z * z / 2) for z in _FACTOR)
_FACTOR_TOTAL = sum(_FACTOR_WEIGHTS)


@dataclass(frozen=True, slots=True)
class SectionPlan:
    """A section as the model sees it: how many of its questions each topic is expected to get."""

    curve_name: str  # response curve, see mastery.curve_of
    points: float
    draws: tuple[tuple[str, float], ...]  # (lesson, expected number of its questions drawn)
    pool: int  # bank questions the section can draw


@dataclass(frozen=True, slots=True)
class PartPlan:
    part: model.Part
    sections: tuple[SectionPlan, ...]
    step: float  # smallest score change, for the continuity correction; 0 when scores are smooth


def plan_paper(syllabus: model.Syllabus, blueprint: model.Blueprint) -> tuple[PartPlan, ...]:
    by_type = questions_by_type(syllabus.questions.values())
    plans = []
    for part in blueprint.parts:
        sections = []
        for section in part.sections:
            inclusion = inclusion_probabilities(section, blueprint.levels, by_type)
            draws: dict[str, float] = {}
            for question_id, share in inclusion.items():
                lesson = syllabus.questions[question_id].lesson
                draws[lesson] = draws.get(lesson, 0.0) + share
            curve_name = curve_of(section.type, section.scoring)
            pool = sum(1 for share in inclusion.values() if share > 0)
            sections.append(SectionPlan(curve_name, section.points, tuple(draws.items()), pool))
        whole = all(  # every item scores all or nothing: scores move in whole steps
            question_type(s.type).auto_scored and s.scoring == "all_or_nothing"
            for s in part.sections
        )
        step = min(s.points for s in sections) if whole and sections else 0.0
        plans.append(PartPlan(part, tuple(sections), step))
    return tuple(plans)


@dataclass(frozen=True, slots=True)
class PartScore:
    """A part's predicted score: normal, with a loading on the candidate-wide factor."""

    part_id: str
    mean: float
    shared_sd: float  # moves with the other parts
    own_sd: float  # independent of the other parts
    max: float
    threshold: float  # the pass mark, less half a scoring step

    @property
    def sd(self) -> float:
        return math.hypot(self.shared_sd, self.own_sd)

    def pass_probability(self, factor: float | None = None) -> float:
        """The chance to pass this part; given ``factor``, for that value of the shared factor."""
        mean = self.mean if factor is None else self.mean + self.shared_sd * factor
        spread = self.sd if factor is None else self.own_sd
        if spread <= 1e-12:
            return 1.0 if mean >= self.threshold else 0.0
        return _NORMAL.cdf((mean - self.threshold) / spread)


def points_at_stake(plans: tuple[PartPlan, ...]) -> dict[str, float]:
    """Per topic, the points of the paper expected to be drawn from it."""
    stakes: dict[str, float] = {}
    for plan in plans:
        for section in plan.sections:
            for lesson, share in section.draws:
                stakes[lesson] = stakes.get(lesson, 0.0) + share * section.points
    return stakes


def expected_points(
    plan: PartPlan, posteriors: Mapping[str, TopicPosterior], parameters: Parameters
) -> float:
    return sum(
        section.points * share * posteriors[lesson].moments(curve)[0]
        for section in plan.sections
        for curve in (response_curve(section.curve_name, parameters).right,)
        for lesson, share in section.draws
    )


def score_part(
    plan: PartPlan,
    posteriors: Mapping[str, TopicPosterior],
    parameters: Parameters,
    level_sd: float = 0.0,
) -> PartScore:
    """The part's score; ``level_sd`` is its spread from the uncertain candidate level."""
    mean = noise = 0.0
    stakes: dict[str, dict[str, float]] = {}  # lesson → curve → expected points at stake
    for section in plan.sections:
        curve = response_curve(section.curve_name, parameters).right
        drawn = chances = chance_squares = 0.0
        for lesson, share in section.draws:  # one chance per topic: its questions look alike
            chance, spread = posteriors[lesson].moments(curve)
            mean += section.points * share * chance
            # Given knowledge, each answer is Bernoulli: E[p(1 - p)] = E[p] - E[p]² - Var[p].
            noise += section.points**2 * share * (chance - chance * chance - spread)
            drawn += share
            chances += share * chance
            chance_squares += share * chance * chance
            topic = stakes.setdefault(lesson, {})
            topic[section.curve_name] = topic.get(section.curve_name, 0.0) + section.points * share
        if drawn > 0:  # which questions are drawn: spread of p over the pool, finite pool
            spread_over_pool = chance_squares / drawn - (chances / drawn) ** 2
            pool = section.pool
            finite = (pool - drawn) / (pool - 1) if pool > 1 else 0.0
            noise += section.points**2 * drawn * max(0.0, spread_over_pool) * max(0.0, finite)
    topic_variances = [_stake_variance(posteriors[lesson], curves, parameters)
                       for lesson, curves in stakes.items()]  # fmt: skip
    independent = sum(topic_variances)
    shared = sum(math.sqrt(v) for v in topic_variances)
    rho = parameters.shared_fraction
    return PartScore(
        plan.part.id,
        mean,
        math.hypot(level_sd, math.sqrt(rho) * shared),
        math.sqrt(max(0.0, noise) + (1 - rho) * independent),
        plan.part.total,
        plan.part.pass_mark - plan.step / 2,
    )


def _stake_variance(
    posterior: TopicPosterior, curves: Mapping[str, float], parameters: Parameters
) -> float:
    """Variance, over the topic's posterior, of the points the topic is expected to earn."""
    values = [0.0] * len(posterior.weights)
    for curve_name, stake in curves.items():
        curve = response_curve(curve_name, parameters).right
        values = [v + stake * p for v, p in zip(values, curve, strict=True)]
    return posterior.moments(values)[1]


def pass_probability(parts: tuple[PartScore, ...]) -> float:
    """The chance that every part reaches its pass mark, integrating the shared factor."""
    if not parts:
        return 0.0
    total = 0.0
    for factor, weight in zip(_FACTOR, _FACTOR_WEIGHTS, strict=True):
        chance = weight
        for part in parts:
            chance *= part.pass_probability(factor)
        total += chance
    return total / _FACTOR_TOTAL
