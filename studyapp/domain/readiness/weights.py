"""What each card is worth on the paper: its chapter's expected points, shared by its cards."""

from __future__ import annotations

from collections import Counter, defaultdict

from studyapp.domain.content import model
from studyapp.domain.readiness.paper import plan_paper, points_at_stake


def chapter_points(syllabus: model.Syllabus, blueprint: model.Blueprint) -> dict[str, float]:
    """Expected points of the paper drawn from each chapter (the blueprint's draw rules)."""
    points: defaultdict[str, float] = defaultdict(float)
    for lesson, stake in points_at_stake(plan_paper(syllabus, blueprint)).items():
        if lesson in syllabus.lessons:
            points[syllabus.lessons[lesson].chapter] += stake
    return dict(points)


def card_weights(syllabus: model.Syllabus, blueprint: model.Blueprint) -> dict[str, float]:
    """Points per card: recalling every card of a chapter on exam day is worth its points."""
    points = chapter_points(syllabus, blueprint)
    active = [card for card in syllabus.cards.values() if not card.retired]
    per_chapter = Counter(card.chapter for card in active)
    return {card.id: points.get(card.chapter, 0.0) / per_chapter[card.chapter] for card in active}
