"""All models, imported here so Alembic and the app see every table."""

from studyapp.models.accounts import (
    ApiToken,
    Cohort,
    LoginFailures,
    Membership,
    Organisation,
    Role,
    User,
    UserSession,
)
from studyapp.models.analysis import AnalysisCache, Regrade
from studyapp.models.banks import BankRelease
from studyapp.models.cards import CardProgress, MemoryParameters, ReviewLog, StudySettings
from studyapp.models.content import LessonRead, SyllabusRelease
from studyapp.models.exams import (
    Attempt,
    AttemptItem,
    Bookmark,
    PracticeAnswer,
    PracticeCursor,
    WrongAnswer,
)
from studyapp.models.hr import CandidateDay, CandidateStats

__all__ = [
    "AnalysisCache",
    "ApiToken",
    "Attempt",
    "BankRelease",
    "AttemptItem",
    "Bookmark",
    "CardProgress",
    "Cohort",
    "LessonRead",
    "LoginFailures",
    "MemoryParameters",
    "Membership",
    "Organisation",
    "PracticeAnswer",
    "PracticeCursor",
    "Regrade",
    "UserSession",
    "ReviewLog",
    "Role",
    "StudySettings",
    "SyllabusRelease",
    "CandidateDay",
    "CandidateStats",
    "User",
    "WrongAnswer",
]
