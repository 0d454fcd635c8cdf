"""Question types (single, multiple, judge, short, ordering, fill): see ``base.QuestionType``."""

from studyapp.domain.questions.base import (
    LETTERS,
    AnswerForm,
    BadAnswer,
    ItemSnapshot,
    Mark,
    QuestionType,
)
from studyapp.domain.questions.registry import QUESTION_TYPES, TYPE_ALIASES, question_type

__all__ = [
    "LETTERS",
    "QUESTION_TYPES",
    "TYPE_ALIASES",
    "AnswerForm",
    "BadAnswer",
    "ItemSnapshot",
    "Mark",
    "QuestionType",
    "question_type",
]
