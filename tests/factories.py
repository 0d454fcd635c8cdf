"""``gen_*`` factories: rows with sensible defaults, committed, for tests to build on."""

from __future__ import annotations

import itertools
from datetime import date

from studyapp.auth import organisations, services
from studyapp.extensions import db
from studyapp.models import Cohort, Organisation, User

DEFAULT_PASSWORD = "secret-pass-1"
_sequence = itertools.count(1)


def gen_organisation(name: str | None = None) -> Organisation:
    return organisations.create_organisation(name or f"机构{next(_sequence)}")


def gen_cohort(
    organisation: Organisation | None = None, name: str | None = None, exam_date: date | None = None
) -> Cohort:
    organisation = organisation or gen_organisation()
    return organisations.create_cohort(organisation, name or f"班级{next(_sequence)}", exam_date)


def gen_user(
    role: str = "candidate",
    email: str | None = None,
    name: str = "测试用户",
    password: str = DEFAULT_PASSWORD,
    organisation: Organisation | None = None,
    cohort: Cohort | None = None,
) -> User:
    if organisation is None and role in ("trainer", "hr"):
        organisation = gen_organisation()
    user = services.create_user(
        email or f"user{next(_sequence)}@example.com",
        name,
        password,
        role,
        organisation.id if organisation else None,
    )
    if cohort is not None:
        services.add_membership(user, cohort)
    db.session.commit()
    return user
