"""Which cohorts a staff member may see: their own organisation's, or all for an admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from studyapp.extensions import db
from studyapp.models import Cohort, Membership, Organisation, Role, User


@dataclass(frozen=True)
class Viewer:
    """The plain facts about the person looking that scoping needs."""

    role: str
    organisation_id: int | None

    @classmethod
    def of(cls, user: User) -> Viewer:
        return cls(user.role, user.organisation_id)


@dataclass(frozen=True)
class CohortRow:
    id: int
    name: str
    organisation: str
    exam_date: date | None
    size: int
    invite_code: str | None


def _scoped(query, viewer: Viewer):
    if viewer.role == Role.ADMIN:
        return query
    # A staff member without an organisation sees nothing rather than everything.
    return query.where(Cohort.organisation_id == viewer.organisation_id)


def cohort_rows(viewer: Viewer) -> list[CohortRow]:
    size = (
        select(func.count(Membership.id))
        .where(Membership.cohort_id == Cohort.id)
        .correlate(Cohort)
        .scalar_subquery()
    )
    query = (
        select(Cohort, Organisation.name, size)
        .join(Organisation, Cohort.organisation_id == Organisation.id)
        .order_by(Cohort.exam_date.is_(None), Cohort.exam_date, Cohort.name)
    )
    rows = db.session.execute(_scoped(query, viewer))
    return [
        CohortRow(
            cohort.id,
            cohort.name,
            organisation,
            cohort.exam_date,
            count,
            cohort.invite_code if cohort.invite_enabled else None,
        )
        for cohort, organisation, count in rows
    ]


def visible_cohort(viewer: Viewer, cohort_id: int) -> Cohort | None:
    """The cohort, or None when it does not exist or belongs to another organisation."""
    return db.session.scalar(_scoped(select(Cohort).where(Cohort.id == cohort_id), viewer))


def visible_cohorts(viewer: Viewer) -> list[Cohort]:
    return list(db.session.scalars(_scoped(select(Cohort), viewer)))


def is_member(cohort: Cohort, user_id: int) -> bool:
    query = select(Membership.id).where(
        Membership.cohort_id == cohort.id, Membership.user_id == user_id
    )
    return db.session.scalar(query) is not None
