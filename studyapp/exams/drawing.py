"""Drawing a paper into rows: the questions a blueprint asks for, snapshotted, inserted at once.

A start costs the same few statements however long the paper: the items go in by one
executemany. Drawing reads only the blueprint's source pools, kept per syllabus and blueprint.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import cast

from sqlalchemy import Table, insert

from studyapp.domain.content.model import Blueprint, Question, Syllabus
from studyapp.domain.exams.draw import Pools, draw_paper, paper_pools
from studyapp.domain.exams.snapshot import snapshot
from studyapp.extensions import db
from studyapp.models import AttemptItem


def paper_rows(syllabus: Syllabus, blueprint: Blueprint, rng: random.Random) -> list[dict]:
    """The items of a new paper, as rows: position, question and frozen snapshot."""
    questions = syllabus.questions
    drawn = draw_paper(blueprint, questions.values(), rng, pools=pools_of(questions, blueprint))
    parts = {part.id: part for part in blueprint.parts}
    return [
        {
            "position": position,
            "question_id": d.question_id,
            "snapshot": snapshot(
                questions[d.question_id], d, parts[d.part_id].sections[d.section]
            ).to_json(),
        }
        for position, d in enumerate(drawn)
    ]


# (bank, blueprint) → the blueprint's source pools in that bank: computing them reads the whole
# bank, a start needs only them. The syllabus is immutable; a new one is a new dict.
_POOLS: dict[tuple[int, int], tuple[Mapping[str, Question], Blueprint, Pools]] = {}


def pools_of(questions: Mapping[str, Question], blueprint: Blueprint) -> Pools:
    cached = _POOLS.get((id(questions), id(blueprint)))
    if cached is None or cached[0] is not questions or cached[1] is not blueprint:
        if len(_POOLS) >= 64:  # syllabus reloads leave old ones behind
            _POOLS.clear()
        cached = (questions, blueprint, paper_pools(blueprint, questions.values()))
        _POOLS[(id(questions), id(blueprint))] = cached
    return cached[2]


def insert_items(attempt_id: int, rows: list[dict]) -> None:
    """Every item of the paper in one statement (executemany), whatever its length."""
    for row in rows:
        row["attempt_id"] = attempt_id
    db.session.connection().execute(insert(cast(Table, AttemptItem.__table__)), rows)
