"""The exam sprint (考前冲刺): in the last two weeks, a daily plan aimed at exam-day recall."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from studyapp.domain.srs.memory import retrievability
from studyapp.domain.srs.planner import Plan, in_sprint
from studyapp.domain.srs.queue import CardSlot

MIN_WORKLOAD = 20


@dataclass(frozen=True)
class SprintPlan:
    days_left: int
    cards: list[str]  # lowest predicted exam-day recall first
    weakest_chapters: list[tuple[str, float]]  # (chapter, mean exam-day recall), weakest first


def usual_workload(reviews_per_day: list[int]) -> int:
    """Reviews on an ordinary study day: the mean over days with any, at least MIN_WORKLOAD."""
    active = [count for count in reviews_per_day if count > 0]
    return max(MIN_WORKLOAD, round(sum(active) / len(active)) if active else 0)


def sprint_plan(
    slots: list[CardSlot], now: datetime, plan: Plan, workload: int
) -> SprintPlan | None:
    exam_at = plan.exam_at
    if exam_at is None or not in_sprint(now, plan):
        return None
    recall: dict[str, float] = {}
    by_chapter: dict[str, list[float]] = defaultdict(list)
    for slot in slots:
        value = (
            0.0
            if slot.state is None
            else retrievability(slot.state, exam_at, plan.desired_retention, plan.parameters)
        )
        recall[slot.card_id] = value
        by_chapter[slot.chapter].append(value)
    weakest = sorted(recall, key=lambda card_id: (recall[card_id], card_id))
    cards = [card_id for card_id in weakest if recall[card_id] < plan.desired_retention][:workload]
    chapters = sorted(
        ((chapter, sum(values) / len(values)) for chapter, values in by_chapter.items()),
        key=lambda pair: pair[1],
    )
    return SprintPlan(math.ceil(plan.days_left(now)), cards, chapters[:3])
