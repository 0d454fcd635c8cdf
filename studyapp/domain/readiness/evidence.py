"""What the readiness model is told about a candidate: card recall and answered questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class CardEvidence:
    """One card of the candidate's deck, as the memory model sees it on the target day."""

    card_id: str
    lesson: str
    retrievability: float | None  # predicted recall on the target day; None: never studied


@dataclass(frozen=True, slots=True)
class AnswerEvidence:
    """One answered question, in practice, a quiz or a mock exam."""

    question_id: str
    lesson: str
    question_type: str  # judge | single | multiple | short
    fraction: float  # share of the item's points obtained, 0…1
    answered_at: datetime
    scoring: str = "all_or_nothing"  # multiple only: how ``fraction`` was scored


# Answered questions before a score and a pass chance are stated (docs/readiness.md, "Not
# enough evidence"): the candidate's overall level is read from answers only, and its prior is
# worth ``level_strength`` (20) answers; from 30 the candidate's own record outweighs it.
MIN_ANSWERS = 30


def enough_evidence(answers: int) -> bool:
    return answers >= MIN_ANSWERS
