"""What more minutes a day would do: exam-day pass chance at the candidate's minutes and more.

A projection, not a replay: with ``minutes`` a day and the points-aimed plan
(studyapp/domain/srs/points.py), the cards the minutes can carry to the exam — those already
met first, then the new cards worth learning — reach the target recall on exam day (the exam
rule keeps them there); if the minutes cannot even keep up the cards already met, they get
that share of the way. Cards left out keep the recall they would have on exam day. The
readiness model then predicts the paper on the exam day from those recalls and every answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from studyapp.domain.content import model
from studyapp.domain.readiness.evidence import AnswerEvidence, CardEvidence
from studyapp.domain.readiness.prediction import predict
from studyapp.domain.srs import points
from studyapp.domain.srs.planner import Plan

EXTRA_MINUTES = 15


def projected_recall(
    cards: list[points.Candidate], now: datetime, plan: Plan, minutes: float
) -> dict[str, float]:
    """Each card's exam-day recall if the candidate keeps to ``minutes`` a day."""
    carried = set(points.worth_learning(cards, now, plan, minutes))
    upkeep = points.upkeep_seconds(cards, now, plan)
    budget = minutes * 60 * max(0.0, plan.days_left(now))
    kept = min(1.0, budget / upkeep) if upkeep else 1.0
    recall = {}
    for card in cards:
        already = points.exam_points(card.state, 1.0, plan)
        target = max(already, plan.desired_retention)
        if card.card_id in carried:
            recall[card.card_id] = target
        elif not card.state.is_new:
            recall[card.card_id] = already + kept * (target - already)
        else:
            recall[card.card_id] = 0.0
    return recall


def pass_chance(
    syllabus: model.Syllabus, blueprint: model.Blueprint, cards: list[points.Candidate],
    answers: Sequence[AnswerEvidence], now: datetime, plan: Plan, minutes: float,
) -> float:  # fmt: skip
    recall = projected_recall(cards, now, plan, minutes)
    evidence = [
        CardEvidence(card_id, syllabus.cards[card_id].lesson, value)
        for card_id, value in recall.items()
        if value > 0 and card_id in syllabus.cards
    ]
    return predict(syllabus, blueprint, evidence, answers, plan.exam_at or now).pass_probability
