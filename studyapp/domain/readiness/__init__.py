"""Exam readiness: predicted score, range and chance to pass a paper, and the weakest topics.

Plain Python, no Flask: the caller supplies the syllabus, the blueprint, each card's predicted
recall on the target day and the candidate's answers. See docs/readiness.md.
"""

from studyapp.domain.readiness.evidence import AnswerEvidence, CardEvidence
from studyapp.domain.readiness.parameters import DEFAULT_PARAMETERS, Parameters
from studyapp.domain.readiness.prediction import Estimate, Prediction, TopicMastery, predict

__all__ = [
    "DEFAULT_PARAMETERS",
    "AnswerEvidence",
    "CardEvidence",
    "Estimate",
    "Parameters",
    "Prediction",
    "TopicMastery",
    "predict",
]
