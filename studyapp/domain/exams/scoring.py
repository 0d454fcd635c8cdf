"""Scoring answers and papers exactly as the blueprint says.

Each item is scored by its question type (``studyapp.domain.questions``): single, judge and
ordering by key; multiple all-or-nothing by default (少选、多选、错选均不得分) or, with
``scoring: partial``, the share of keys chosen when no wrong option is chosen; short by the
share of key points covered, ticked by the candidate or a trainer — pending until then.
This module adds up items into sections, parts, chapters and the paper.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from studyapp.domain.content import model
from studyapp.domain.questions import AnswerForm, BadAnswer, ItemSnapshot, Mark, question_type

__all__ = ["AnswerForm", "BadAnswer", "Mark", "chosen_options", "normalise_answer", "score_item"]


def normalise_answer(form: AnswerForm, raw: Any) -> Any:
    """A saved answer in its canonical form; ``None`` clears it. Raises BadAnswer."""
    return question_type(form.type).normalise(form, raw)


def chosen_options(item: ItemSnapshot, answer: Any) -> tuple[int, ...]:
    """The options an answer chose, as the question's own indexes (judge: 0 true, 1 false)."""
    return question_type(item.type).chosen(item, answer)


def score_item(item: ItemSnapshot, answer: Any, ticked: list[int] | None = None) -> Mark:
    """``answer`` in canonical form; ``ticked`` the key points marked as covered (short only).
    A voided item gives everyone full marks; otherwise the item's type scores it."""
    if item.voided:
        return Mark(item.points, "right")
    return question_type(item.type).score(item, answer, ticked)


@dataclass
class Tally:
    score: float = 0.0
    total: float = 0.0
    count: int = 0
    right: int = 0

    def add(self, item: ItemSnapshot, mark: Mark) -> None:
        self.total += item.points
        self.count += 1
        self.score += mark.points or 0.0
        self.right += mark.status == "right"


@dataclass
class PartResult:
    id: str
    title: str
    pass_mark: float
    tally: Tally = field(default_factory=Tally)
    sections: list[Tally] = field(default_factory=list)
    pending: int = 0

    @property
    def passed(self) -> bool | None:
        if self.tally.score >= self.pass_mark:
            return True
        return None if self.pending else False


@dataclass
class PaperResult:
    parts: list[PartResult]
    chapters: dict[str, Tally]
    pending: int

    @property
    def score(self) -> float:
        return round(sum(part.tally.score for part in self.parts), 4)

    @property
    def total(self) -> float:
        return sum(part.tally.total for part in self.parts)

    @property
    def passed(self) -> bool | None:
        outcomes = [part.passed for part in self.parts]
        if False in outcomes:
            return False
        return None if None in outcomes else True

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "total": self.total,
            "passed": self.passed,
            "pending": self.pending,
            "parts": [
                {
                    "id": part.id, "title": part.title, "pass_mark": part.pass_mark,
                    "score": round(part.tally.score, 4), "total": part.tally.total,
                    "passed": part.passed, "pending": part.pending,
                    "sections": [vars(section) for section in part.sections],
                }
                for part in self.parts
            ],
            "chapters": {chapter: vars(tally) for chapter, tally in self.chapters.items()},
        }  # fmt: skip


def paper_shape(blueprint: model.Blueprint) -> dict[str, Any]:
    """What scoring needs of a blueprint, kept with the attempt: the paper as it was sat."""
    return {
        "title": blueprint.title,
        "kind": blueprint.kind,
        "time_limit": blueprint.time_limit,
        "parts": [
            {
                "id": part.id,
                "title": part.title,
                "pass_mark": part.pass_mark,
                "sections": [
                    {"type": s.type, "title": s.title, "count": s.count, "points": s.points,
                     "scoring": s.scoring, "marking": s.marking}
                    for s in part.sections
                ],
            }
            for part in blueprint.parts
        ],
    }  # fmt: skip


def score_paper(shape: dict[str, Any], items: list[tuple[ItemSnapshot, Mark]]) -> PaperResult:
    parts = {
        part["id"]: PartResult(part["id"], part["title"], part["pass_mark"],
                               sections=[Tally() for _ in part["sections"]])
        for part in shape["parts"]
    }  # fmt: skip
    chapters: dict[str, Tally] = defaultdict(Tally)
    pending = 0
    for item, mark in items:
        result = parts[item.part_id]
        result.tally.add(item, mark)
        result.sections[item.section].add(item, mark)
        chapters[item.chapter].add(item, mark)
        if mark.status == "pending":
            result.pending += 1
            pending += 1
    return PaperResult(list(parts.values()), dict(chapters), pending)
