"""All models, imported here so Alembic and the app see every table."""

from studyapp.models.accounts import ApiToken, Cohort, Membership, Organisation, Role, User
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

__all__ = [
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
    "ReviewLog",
    "Role",
    "StudySettings",
    "SyllabusRelease",
    "User",
    "WrongAnswer",
]
