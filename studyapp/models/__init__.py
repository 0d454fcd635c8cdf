"""All models, imported here so Alembic and the app see every table."""

from studyapp.models.accounts import ApiToken, Cohort, Membership, Organisation, Role, User

__all__ = ["ApiToken", "Cohort", "Membership", "Organisation", "Role", "User"]
