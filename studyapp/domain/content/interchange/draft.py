"""A question read from an import file: the course's question fields, before it has a place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studyapp.domain.content import model
from studyapp.domain.content.problems import Problem
from studyapp.domain.questions import LETTERS, question_type


@dataclass(frozen=True, slots=True)
class Draft:
    """One question as read from a file; equal drafts carry the same question.

    ``line`` and ``title`` say where it came from (for problem reports) and are left out of
    comparisons, so a question read from two files compares equal.
    """

    type: str  # a question type's name (studyapp.domain.questions)
    stem: str
    explanation: str
    options: tuple[str, ...] = ()  # choice: the options; ordering: the items in the right order
    keys: frozenset[int] = frozenset()  # choice: 0-based option indexes
    answer: bool | None = None  # judge
    model_answer: str = ""  # short
    key_points: tuple[str, ...] = ()  # short
    accepted: tuple[str, ...] = ()  # fill: every accepted answer
    source: str = ""  # empty: the importer's default
    lesson: str = ""  # empty: the importer's default
    tags: tuple[str, ...] = ()
    levels: tuple[int, ...] = ()  # empty: the chapter's levels
    is_draft: bool = False  # no explanation yet: lands with draft: true, kept out of use
    id: str = ""  # empty: numbered when appended
    line: int = field(default=0, compare=False)
    title: str = field(default="", compare=False)  # e.g. a GIFT ::title::, shown in problems

    @property
    def answer_letters(self) -> str:
        """``"ACD"`` for a choice question's keys."""
        return "".join(LETTERS[index] for index in sorted(self.keys))

    @property
    def label(self) -> str | None:
        return self.id or self.title or None


@dataclass(frozen=True)
class ImportResult:
    """What one file converts to: every question that converted, every one that did not (its
    problems), what was lost converting the others (warnings, by line), and the first and last
    line of every item read (so the items that did not land can be written to a rejects file).
    """

    drafts: tuple[Draft, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def draft_of(question: model.Question) -> Draft:
    """A question of the course as a draft, for export; its id becomes the title too."""
    common: dict[str, Any] = {
        "type": question.type,
        "stem": question.stem,
        "explanation": question.explanation,
        "source": question.source,
        "lesson": question.lesson,
        "tags": question.tags,
        "levels": tuple(sorted(question.levels)),
        "id": question.id,
        "line": question.line,
        "title": question.id,
    }
    return Draft(**question_type(question.type).draft_fields(question), **common)


def join_explanation(general: str, feedback: list[str]) -> str:
    """The explanation from a general feedback and per-answer feedback, one per line."""
    return "\n".join(part for part in (general, *feedback) if part)
