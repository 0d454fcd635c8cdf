"""The question types: the one list every layer asks (content, papers, scoring, readiness,
item analysis, imports and exports, pages, the API). A new type is one module and one line."""

from __future__ import annotations

from studyapp.domain.questions.base import QuestionType
from studyapp.domain.questions.choice import MultipleType, SingleType
from studyapp.domain.questions.fill import FillType
from studyapp.domain.questions.judge import JudgeType
from studyapp.domain.questions.ordering import OrderingType
from studyapp.domain.questions.short import ShortType

QUESTION_TYPES: dict[str, QuestionType] = {
    qtype.name: qtype
    for qtype in (
        SingleType(),
        MultipleType(),
        JudgeType(),
        ShortType(),
        OrderingType(),
        FillType(),
    )
}
TYPE_ALIASES: dict[str, str] = {
    alias: qtype.name for qtype in QUESTION_TYPES.values() for alias in (qtype.name, *qtype.aliases)
}


def question_type(name: str) -> QuestionType:
    """The type called ``name``; KeyError for an unknown one (content is checked on load)."""
    return QUESTION_TYPES[name]
