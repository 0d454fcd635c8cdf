"""Who in a cohort is at risk of failing, and how far along each candidate is: plain rules.

The rules read a few facts per candidate (``CandidateFacts``) that the HR dashboard keeps up to date;
the thresholds are in ``RiskRules`` so they can be changed per call (docs/hr.md explains them).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class Status(enum.StrEnum):
    NOT_STARTED = "not_started"  # no study activity at all
    IN_PROGRESS = "in_progress"
    READY = "ready"  # predicted to pass with high probability


class RiskCode(enum.StrEnum):
    INACTIVE = "inactive"
    LOW_PREDICTION = "low_prediction"
    FALLING_SCORES = "falling_scores"


@dataclass(frozen=True, slots=True)
class RiskRules:
    inactive_days: int = 7  # no study activity for this many days
    exam_soon_days: int = 30  # the prediction counts from this many days before the exam
    low_pass_probability: float = 0.5
    ready_pass_probability: float = 0.8
    falling_points: float = 10.0  # last score below the previous one by this much (of 100)


DEFAULT_RULES = RiskRules()


@dataclass(frozen=True, slots=True)
class CandidateFacts:
    today: date
    joined_on: date
    last_active_on: date | None  # None: never studied
    exam_date: date | None
    pass_probability: float | None  # None: no prediction yet
    below_pass_mark: bool | None  # the expected score of some part is below its pass mark
    last_score: float | None  # latest mock or quiz, % of the maximum
    previous_score: float | None  # the one before it


@dataclass(frozen=True, slots=True)
class Risk:
    code: RiskCode
    days: int | None = None  # inactive: days without study; low prediction: days to the exam
    value: float | None = None  # low prediction: pass probability; falling: points lost
    started: bool = True  # inactive only: False when the candidate never studied at all


def status(facts: CandidateFacts, rules: RiskRules = DEFAULT_RULES) -> Status:
    if facts.last_active_on is None:
        return Status.NOT_STARTED
    if (
        facts.pass_probability is not None
        and facts.pass_probability >= rules.ready_pass_probability
    ):
        return Status.READY
    return Status.IN_PROGRESS


def risks(facts: CandidateFacts, rules: RiskRules = DEFAULT_RULES) -> tuple[Risk, ...]:
    """Every reason the candidate is at risk, in a fixed order; empty when on track."""
    found = []
    idle_since = facts.last_active_on or facts.joined_on
    idle_days = (facts.today - idle_since).days
    if idle_days >= rules.inactive_days:
        found.append(
            Risk(RiskCode.INACTIVE, days=idle_days, started=facts.last_active_on is not None)
        )
    if facts.exam_date is not None and facts.pass_probability is not None:
        days_left = (facts.exam_date - facts.today).days
        low = facts.pass_probability < rules.low_pass_probability or bool(facts.below_pass_mark)
        if 0 <= days_left <= rules.exam_soon_days and low:
            found.append(
                Risk(RiskCode.LOW_PREDICTION, days=days_left, value=facts.pass_probability)
            )
    if facts.last_score is not None and facts.previous_score is not None:
        drop = facts.previous_score - facts.last_score
        if drop >= rules.falling_points:
            found.append(Risk(RiskCode.FALLING_SCORES, value=drop))
    return tuple(found)
