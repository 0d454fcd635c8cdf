"""A question as drawn into an attempt: frozen, so editing the bank never changes a past result.

``ItemSnapshot`` itself lives with the question types (``studyapp.domain.questions``); this
module turns a drawn question into one, asking its type for the type's own fields.
"""

from __future__ import annotations

import random

from studyapp.domain.content import model
from studyapp.domain.exams.draw import DrawnQuestion
from studyapp.domain.questions import ItemSnapshot, question_type


def snapshot(
    question: model.Question, drawn: DrawnQuestion, section: model.Section
) -> ItemSnapshot:
    return ItemSnapshot(
        question_id=question.id,
        type=question.type,
        chapter=question.chapter,
        lesson=question.lesson,
        source=question.source,
        stem=question.stem,
        explanation=question.explanation,
        points=drawn.points,
        part_id=drawn.part_id,
        section=drawn.section,
        scoring=section.scoring,
        marking=section.marking,
        **question_type(question.type).snapshot_fields(question, drawn.permutation),
    )


def practice_snapshot(question: model.Question) -> ItemSnapshot:
    """A question as practice shows it, out of one point: options in their own order, except
    for types that must be shown shuffled (ordering), shuffled the same way every time."""
    qtype = question_type(question.type)
    order = qtype.shuffle(question, random.Random(question.id)) if qtype.practice_shuffles else None
    drawn = DrawnQuestion(question.id, "practice", 0, 1.0, order)
    return snapshot(question, drawn, _PRACTICE_SECTION)


_PRACTICE_SECTION = model.Section("practice", 1, 1.0, (), None, "all_or_nothing", "self")
