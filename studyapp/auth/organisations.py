"""Organisations and cohorts: creation and invite codes."""

from __future__ import annotations

import secrets
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from studyapp.auth.services import AccountError
from studyapp.extensions import db
from studyapp.models import Cohort, Organisation

# No 0/O or 1/I: codes are read aloud in class and typed on phones.
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 8


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))


def organisation_by_name(name: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.name == name.strip()))


def create_organisation(name: str) -> Organisation:
    name = name.strip()
    if not name:
        raise AccountError(_l("请填写机构名称。"), "name")
    if organisation_by_name(name) is not None:
        raise AccountError(_l("机构“%(name)s”已存在。", name=name), "name")
    organisation = Organisation(name=name)
    db.session.add(organisation)
    db.session.commit()
    return organisation


class CohortNameTaken(AccountError):
    """Another cohort of the organisation has this name."""


def _check_cohort_name(organisation: Organisation, name: str, cohort_id: int | None = None) -> str:
    """The cohort name, stripped; AccountError when empty or another cohort of the organisation
    already has it."""
    name = name.strip()
    if not name:
        raise AccountError(_l("请填写班级名称。"), "name")
    clash = db.session.scalar(
        select(Cohort.id).where(
            Cohort.organisation_id == organisation.id, Cohort.name == name, Cohort.id != cohort_id
        )
    )
    if clash is not None:
        raise CohortNameTaken(
            _l(
                "机构“%(organisation)s”已有名为“%(name)s”的班级。",
                organisation=organisation.name,
                name=name,
            ),
            "name",
        )
    return name


def create_cohort(organisation: Organisation, name: str, exam_date: date | None = None) -> Cohort:
    name = _check_cohort_name(organisation, name)
    cohort = Cohort(
        organisation=organisation, name=name, exam_date=exam_date, invite_code=new_invite_code()
    )
    db.session.add(cohort)
    db.session.commit()
    return cohort


def update_cohort(
    cohort: Cohort, name: str, exam_date: date | None, target_blueprint: str | None
) -> Cohort:
    """Renames the cohort (unique within its organisation) and sets its exam date and paper."""
    cohort.name = _check_cohort_name(cohort.organisation, name, cohort.id)
    cohort.exam_date = exam_date
    cohort.target_blueprint = target_blueprint or None
    db.session.commit()
    return cohort


def rotate_invite_code(cohort: Cohort) -> str:
    cohort.invite_code = new_invite_code()
    cohort.invite_enabled = True
    db.session.commit()
    return cohort.invite_code


def set_invite_enabled(cohort: Cohort, enabled: bool) -> None:
    cohort.invite_enabled = enabled
    db.session.commit()
