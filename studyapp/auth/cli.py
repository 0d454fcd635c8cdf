"""Operator commands: ``flask orgs``, ``flask cohorts``, ``flask users``."""

import click
from flask.cli import AppGroup

from studyapp.auth import organisations, services, sessions
from studyapp.extensions import db
from studyapp.models import Cohort, Role
from studyapp.models.types import utcnow

orgs_cli = AppGroup("orgs", help="管理机构 / Manage organisations.")
cohorts_cli = AppGroup("cohorts", help="管理班级 / Manage cohorts.")
users_cli = AppGroup("users", help="管理用户 / Manage users.")


def _fail(message: str) -> None:
    raise click.ClickException(message)


def _organisation_or_fail(name: str):
    organisation = organisations.organisation_by_name(name)
    if organisation is None:
        _fail(f"no organisation named {name!r} (create it with: flask orgs create {name!r})")
    return organisation


@orgs_cli.command("create")
@click.argument("name")
def create_org(name: str) -> None:
    """Create an organisation (a company or a training centre)."""
    try:
        organisation = organisations.create_organisation(name)
    except services.AccountError as error:
        _fail(str(error.message))
    click.echo(f"organisation {organisation.id}: {organisation.name}")


@cohorts_cli.command("create")
@click.option("--org", "org_name", required=True, help="Organisation name.")
@click.option("--name", required=True, help="Cohort name.")
@click.option("--exam-date", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD")
def create_cohort(org_name: str, name: str, exam_date) -> None:
    """Create a cohort; prints its id and invite code."""
    organisation = _organisation_or_fail(org_name)
    try:
        cohort = organisations.create_cohort(
            organisation, name, exam_date.date() if exam_date else None
        )
    except services.AccountError as error:
        _fail(str(error.message))
    click.echo(f"cohort {cohort.id}: {cohort.name} invite code {cohort.invite_code}")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.CANDIDATE.value)
@click.option("--password", required=True)
@click.option("--org", "org_name", help="Organisation name (trainer and hr need one).")
@click.option("--cohort", "cohort_id", type=int, help="Cohort id for a candidate to join.")
def create_user(email, name, role, password, org_name, cohort_id) -> None:
    """Create a user of any role."""
    organisation = _organisation_or_fail(org_name) if org_name else None
    if role in (Role.TRAINER.value, Role.HR.value) and organisation is None:
        _fail(f"a {role} belongs to an organisation: pass --org NAME")
    cohort = db.session.get(Cohort, cohort_id) if cohort_id is not None else None
    if cohort_id is not None and cohort is None:
        _fail(f"no cohort with id {cohort_id}")
    try:
        user = services.create_user(
            email, name, password, role, organisation.id if organisation else None
        )
        if cohort is not None:
            services.add_membership(user, cohort)
        db.session.commit()
    except services.AccountError as error:
        db.session.rollback()
        reason = services.email_problem(email) if error.field == "email" else None
        _fail(f"{error.message} ({reason})" if reason else str(error.message))
    click.echo(f"user {user.id}: {user.email} ({user.role})")


def _user_or_fail(email: str):
    user = services.user_by_email(email)
    if user is None:
        _fail(f"no user with e-mail {email!r}")
    return user


@users_cli.command("token")
@click.argument("email")
@click.option("--name", default="", help="What the token is for, e.g. 'HR export script'.")
@click.option(
    "--days", type=int, default=None, help="Expires after this many days (default: never)."
)
def create_token(email: str, name: str, days: int | None) -> None:
    """Print a new personal API token for EMAIL (shown once; stored hashed)."""
    user = _user_or_fail(email)
    try:
        click.echo(sessions.issue_api_token(user, name, utcnow(), days))
    except sessions.TokenError as error:
        _fail(str(error.message))


@users_cli.command("tokens")
@click.argument("email")
def list_tokens(email: str) -> None:
    """List EMAIL's API tokens: id, name, created, last used, expires, state."""
    user = _user_or_fail(email)
    now = utcnow()
    for token in sessions.api_tokens(user.id):
        state = sessions.token_state(token, now)
        used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "never"
        expires = token.expires_at.isoformat(timespec="minutes") if token.expires_at else "never"
        click.echo(
            f"{token.id}\t{token.name or '-'}\tcreated {token.created_at.isoformat(timespec='minutes')}"
            f"\tused {used}\texpires {expires}\t{state}"
        )


@users_cli.command("revoke-token")
@click.argument("email")
@click.argument("token_id", type=int)
def revoke_token(email: str, token_id: int) -> None:
    """Revoke EMAIL's API token TOKEN_ID (see `flask users tokens EMAIL`)."""
    user = _user_or_fail(email)
    if not sessions.revoke_api_token(user.id, token_id, utcnow()):
        _fail(f"{email} has no live token {token_id}")
    click.echo(f"token {token_id} revoked")
