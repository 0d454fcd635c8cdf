"""All models, imported here so Alembic and the app see every table."""

from studyapp.models.accounts import ApiToken, Cohort, Membership, Organisation, Role, User
from studyapp.models.analysis import AnalysisCache, Regrade
from studyapp.models.cards import CardProgress, ReviewLog, StudySettings
from studyapp.models.content import LessonRead, SyllabusRelease
from studyapp.models.exams import (
    Attempt,
    AttemptItem,
    Bookmark,
    PracticeAnswer,
    PracticeCursor,
    WrongAnswer,
)
from studyapp.models.hr import TraineeDay, TraineeStats

__all__ = [
    "AnalysisCache",
    "ApiToken",
    "Attempt",
    "AttemptItem",
    "Bookmark",
    "CardProgress",
    "Cohort",
    "LessonRead",
    "Membership",
    "Organisation",
    "PracticeAnswer",
    "PracticeCursor",
    "Regrade",
    "ReviewLog",
    "Role",
    "StudySettings",
    "SyllabusRelease",
    "TraineeDay",
    "TraineeStats",
    "User",
    "WrongAnswer",
]
