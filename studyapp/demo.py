"""``flask demo create``: a demo organisation, cohort and one account per role (idempotent)."""

from datetime import date, timedelta

import click
from flask import Flask
from flask.cli import AppGroup

from studyapp.auth import organisations, services
from studyapp.extensions import db
from studyapp.models import Role

DEMO_ORGANISATION = "示范培训中心"
DEMO_COHORT = "客服管理师二级 示范班"
DEMO_PASSWORD = "demo12345"
DEMO_ACCOUNTS = [
    ("admin@example.com", "管理员", Role.ADMIN.value),
    ("trainer@example.com", "王老师", Role.TRAINER.value),
    ("hr@example.com", "人力资源 李经理", Role.HR.value),
    ("candidate@example.com", "张同学", Role.CANDIDATE.value),
]

demo_cli = AppGroup("demo", help="演示数据 / Demo data.")


def create_demo(today: date) -> list[str]:
    """Creates what is missing; returns a line per account for the operator."""
    organisation = organisations.organisation_by_name(DEMO_ORGANISATION)
    if organisation is None:
        organisation = organisations.create_organisation(DEMO_ORGANISATION)
    cohort = next((c for c in organisation.cohorts if c.name == DEMO_COHORT), None)
    if cohort is None:
        cohort = organisations.create_cohort(organisation, DEMO_COHORT, today + timedelta(days=45))
    lines = []
    for email, name, role in DEMO_ACCOUNTS:
        user = services.user_by_email(email)
        if user is None:
            user = services.create_user(email, name, DEMO_PASSWORD, role, organisation.id)
            if role == Role.CANDIDATE.value:
                user.organisation_id = None
                services.add_membership(user, cohort)
            db.session.commit()
        lines.append(f"{role:<9} {email:<24} {DEMO_PASSWORD}")
    lines.append(f"cohort {cohort.id}: {cohort.name}, invite code {cohort.invite_code}")
    return lines


@demo_cli.command("create")
def create_command() -> None:
    """Create the demo organisation, cohort and accounts."""
    for line in create_demo(date.today()):
        click.echo(line)


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_cli)
