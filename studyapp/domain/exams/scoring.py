"""Scoring answers and papers exactly as the blueprint says.

single and judge by key; multiple all-or-nothing by default (少选、多选、错选均不得分) or, with
``scoring: partial``, the share of keys chosen when no wrong option is chosen; short by the
share of key points covered, ticked by the candidate (``marking: self``) or a trainer
(``marking: trainer``) — pending until then.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from studyapp.domain.content import model
from studyapp.domain.exams.snapshot import LETTERS, ItemSnapshot


class BadAnswer(ValueError):
    """An answer that does not fit the question (shown to the candidate, so in Chinese)."""


@dataclass(frozen=True)
class AnswerForm:
    """What a valid answer to an item looks like: its type and how many options it shows."""

    type: str
    option_count: int = 0

    @classmethod
    def of(cls, item: ItemSnapshot) -> AnswerForm:
        return cls(item.type, len(item.options))

    @classmethod
    def from_json(cls, snapshot: dict) -> AnswerForm:
        """From a stored snapshot, without building the whole ItemSnapshot."""
        return cls(snapshot["type"], len(snapshot.get("options") or ()))


@dataclass(frozen=True)
class Mark:
    points: float | None  # None while a short answer waits to be marked
    status: str  # right | wrong | partial | unanswered | pending


def normalise_answer(form: AnswerForm, raw):
    """A saved answer in its canonical form; ``None`` clears it. Raises BadAnswer."""
    if raw is None:
        return None
    if form.type == "single":
        if (
            not isinstance(raw, str)
            or len(raw) != 1
            or raw.upper() not in LETTERS[: form.option_count]
        ):
            raise BadAnswer(f"单选题的答案应为一个选项字母（A–{LETTERS[form.option_count - 1]}）。")
        return raw.upper()
    if form.type == "multiple":
        valid = LETTERS[: form.option_count]
        if not isinstance(raw, list) or not all(
            isinstance(x, str) and x.upper() in valid for x in raw
        ):
            raise BadAnswer(f'多选题的答案应为选项字母的列表，如 ["A", "C"]（A–{valid[-1]}）。')
        return sorted({x.upper() for x in raw}) or None
    if form.type == "judge":
        if not isinstance(raw, bool):
            raise BadAnswer("判断题的答案应为 true 或 false。")
        return raw
    if not isinstance(raw, str):
        raise BadAnswer("简答题的答案应为文字。")
    if len(raw) > 5000:
        raise BadAnswer("简答题的答案不能超过 5000 字。")
    return raw if raw.strip() else None


def chosen_options(item: ItemSnapshot, answer) -> tuple[int, ...]:
    """The options an answer chose, as the question's own indexes (judge: 0 true, 1 false)."""
    if answer is None or item.type == "short":
        return ()
    if item.type == "judge":
        return (0,) if answer else (1,)
    letters = answer if isinstance(answer, list) else [answer]
    return item.original_indexes([LETTERS.index(letter) for letter in letters])


def score_item(item: ItemSnapshot, answer, ticked: list[int] | None = None) -> Mark:
    """``answer`` in canonical form; ``ticked`` the key points marked as covered (short only)."""
    if item.voided:
        return Mark(item.points, "right")
    if item.type == "short":
        if ticked is None:
            return Mark(None, "pending") if answer else Mark(0.0, "unanswered")
        share = len(set(ticked) & set(range(len(item.key_points)))) / len(item.key_points)
        status = "right" if share == 1 else ("wrong" if share == 0 else "partial")
        return Mark(round(item.points * share, 4), status)
    if answer is None:
        return Mark(0.0, "unanswered")
    if item.type == "judge":
        right = answer == item.judge_answer
        return Mark(item.points if right else 0.0, "right" if right else "wrong")
    chosen = {
        LETTERS.index(letter) for letter in (answer if isinstance(answer, list) else [answer])
    }
    keys = set(item.keys)
    if chosen == keys:
        return Mark(item.points, "right")
    if item.type == "multiple" and item.scoring == "partial" and chosen < keys:
        return Mark(round(item.points * len(chosen) / len(keys), 4), "partial")
    return Mark(0.0, "wrong")


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

    def to_json(self) -> dict:
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


def paper_shape(blueprint: model.Blueprint) -> dict:
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


def score_paper(shape: dict, items: list[tuple[ItemSnapshot, Mark]]) -> PaperResult:
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
