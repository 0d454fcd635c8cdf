"""A question as drawn into an attempt: frozen, so editing the bank never changes a past result."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from studyapp.domain.content import model
from studyapp.domain.exams.draw import DrawnQuestion

LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class ItemSnapshot:
    question_id: str
    type: str  # single | multiple | judge | short
    chapter: str
    lesson: str
    source: str
    stem: str
    explanation: str
    points: float
    part_id: str
    section: int
    options: tuple[str, ...] = ()  # in the order shown to this candidate
    keys: tuple[int, ...] = ()  # shown positions of the correct options
    permutation: tuple[int, ...] = ()  # shown position i is original option permutation[i]
    judge_answer: bool | None = None
    model_answer: str = ""
    key_points: tuple[str, ...] = ()
    scoring: str = "all_or_nothing"
    marking: str = "self"
    voided: bool = False  # a trainer voided the question after the fact: full marks for all

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ItemSnapshot:
        fields = dict(data)
        for name in ("options", "keys", "permutation", "key_points"):
            fields[name] = tuple(fields.get(name) or ())
        return cls(**fields)

    def original_indexes(self, shown: list[int] | tuple[int, ...]) -> tuple[int, ...]:
        """Shown positions chosen → the question's own option indexes (for item analysis)."""
        if not self.permutation:
            return tuple(shown)
        return tuple(sorted(self.permutation[i] for i in shown))

    def original_keys(self) -> tuple[int, ...]:
        """The correct options as the question's own indexes; judge: 0 is true, 1 is false."""
        if self.type == "judge":
            return (0,) if self.judge_answer else (1,)
        return self.original_indexes(self.keys)

    def key_letters(self) -> str:
        return "".join(LETTERS[i] for i in self.keys)


def snapshot(
    question: model.Question, drawn: DrawnQuestion, section: model.Section
) -> ItemSnapshot:
    common = {
        "question_id": question.id,
        "type": question.type,
        "chapter": question.chapter,
        "lesson": question.lesson,
        "source": question.source,
        "stem": question.stem,
        "explanation": question.explanation,
        "points": drawn.points,
        "part_id": drawn.part_id,
        "section": drawn.section,
        "scoring": section.scoring,
        "marking": section.marking,
    }
    if isinstance(question, model.ChoiceQuestion):
        order = drawn.permutation or tuple(range(len(question.options)))
        shown_keys = tuple(
            sorted(i for i, original in enumerate(order) if original in question.keys)
        )
        options = tuple(question.options[original] for original in order)
        return ItemSnapshot(options=options, keys=shown_keys, permutation=tuple(order), **common)
    if isinstance(question, model.JudgeQuestion):
        return ItemSnapshot(judge_answer=question.answer, **common)
    if isinstance(question, model.ShortQuestion):
        return ItemSnapshot(
            model_answer=question.model_answer, key_points=question.key_points, **common
        )
    raise TypeError(f"no snapshot for question type {question.type}")
