"""``flask hr rebuild-stats`` and ``flask hr refresh``: the dashboard's aggregates from the CLI."""

import time

import click
from flask.cli import AppGroup
from sqlalchemy import select

from studyapp.extensions import db
from studyapp.hr import readiness
from studyapp.ledger import rebuild
from studyapp.models import CandidateStats, User
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus

hr_cli = AppGroup("hr", help="HR 看板 / HR dashboard.")


@hr_cli.command("rebuild-stats")
def rebuild_stats() -> None:
    """Recompute every candidate's aggregates from the logs (after an upgrade, or to repair)."""
    started = time.perf_counter()
    count = rebuild.rebuild()
    click.echo(f"rebuilt stats of {count} user(s) in {time.perf_counter() - started:.1f} s")


@hr_cli.command("refresh")
@click.option("--all", "everyone", is_flag=True, help="Recompute fresh predictions too.")
def refresh(everyone: bool) -> None:
    """Recompute stale readiness predictions (run it from cron, e.g. nightly after 04:00)."""
    syllabus, now, done = current_syllabus(), utcnow(), 0
    user_ids = db.session.scalars(
        select(CandidateStats.user_id).where(CandidateStats.last_active_at.is_not(None))
    ).all()
    for user_id in user_ids:
        user = db.session.get(User, user_id)
        if user is None:
            continue
        blueprint = readiness.target_blueprint(syllabus, user.cohort)
        if blueprint is None:
            continue
        if everyone or not readiness.is_fresh(
            db.session.get(CandidateStats, user_id), blueprint, now
        ):
            readiness.store(
                user_id, readiness.predict_summary(user_id, syllabus, blueprint, now), now
            )
            db.session.commit()
            done += 1
    click.echo(f"refreshed {done} prediction(s)")
