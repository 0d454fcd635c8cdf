"""All models, imported here so Alembic and the app see every table."""

from studyapp.models.accounts import ApiToken, Cohort, Membership, Organisation, Role, User
from studyapp.models.cards import CardProgress, ReviewLog, StudySettings
from studyapp.models.content import LessonRead, SyllabusRelease

__all__ = [
    "ApiToken",
    "CardProgress",
    "Cohort",
    "LessonRead",
    "Membership",
    "Organisation",
    "ReviewLog",
    "Role",
    "StudySettings",
    "SyllabusRelease",
    "User",
]
