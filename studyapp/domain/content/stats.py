"""Counts of a syllabus: per chapter, type and level, for `flask content stats` and releases."""

from __future__ import annotations

from collections import Counter
from typing import Any

from studyapp.domain.content import blueprints
from studyapp.domain.content.items import CARD_TYPES
from studyapp.domain.content.model import Syllabus
from studyapp.domain.questions.registry import QUESTION_TYPES


def chapter_rows(syllabus: Syllabus) -> list[dict[str, Any]]:
    rows = []
    for chapter in syllabus.chapter_list():
        cards = Counter(card.type for card in syllabus.cards_of(chapter.id))
        questions = Counter(q.type for q in syllabus.questions_of(chapter.id))
        rows.append(
            {
                "chapter": chapter.id,
                "title": chapter.title,
                "lessons": len(syllabus.lessons_of(chapter.id)),
                "cards": {type_name: cards.get(type_name, 0) for type_name in CARD_TYPES},
                "questions": {
                    type_name: questions.get(type_name, 0) for type_name in QUESTION_TYPES
                },
            }
        )
    return rows


def level_counts(syllabus: Syllabus) -> dict[int, dict[str, int]]:
    result = {}
    for level in syllabus.course.levels:
        result[level.id] = {
            "lessons": sum(
                1 for i in syllabus.lessons.values() if not i.retired and level.id in i.levels
            ),
            "cards": sum(
                1 for i in syllabus.cards.values() if not i.retired and level.id in i.levels
            ),
            "questions": sum(
                1 for i in syllabus.questions.values() if not i.retired and level.id in i.levels
            ),
        }
    return result


def blueprint_rows(syllabus: Syllabus) -> list[dict[str, Any]]:
    by_type = blueprints.questions_by_type(syllabus.questions.values())
    return [
        {
            "blueprint": blueprint.id,
            "title": blueprint.title,
            "kind": blueprint.kind,
            "questions": blueprint.question_count,
            "points": blueprint.total,
            "disjoint_papers": blueprints.disjoint_papers(blueprint, by_type),
        }
        for blueprint in syllabus.blueprints.values()
        if not blueprint.retired
    ]


def summary(syllabus: Syllabus) -> dict[str, Any]:
    active = [q for q in syllabus.questions.values() if not q.retired]
    return {
        "chapters": len(syllabus.chapters),
        "lessons": sum(1 for lesson in syllabus.lessons.values() if not lesson.retired),
        "cards": sum(1 for card in syllabus.cards.values() if not card.retired),
        "questions": len(active),
        "questions_by_type": dict(Counter(q.type for q in active)),
        "blueprints": len(syllabus.blueprints),
    }
