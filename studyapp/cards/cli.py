"""Operator commands: ``flask cards fit`` fits candidates' own memory parameters now."""

import os

import click
from flask.cli import AppGroup

from studyapp.cards import fitting
from studyapp.extensions import db
from studyapp.models import User
from studyapp.models.types import utcnow

cards_cli = AppGroup("cards", help="卡片复习 / Flashcard scheduling.")


@cards_cli.command("fit")
@click.option("--user", "who", help="Email or id of one user to fit now (due or not).")
def fit(who: str | None) -> None:
    """Fit the FSRS parameters of every user due for a fit (or of one user)."""
    only = None
    if who:
        user = db.session.get(User, int(who)) if who.isdigit() else (
            db.session.query(User).filter_by(email=who.lower()).one_or_none()
        )  # fmt: skip
        if user is None:
            raise click.ClickException(f"no user {who!r}")
        only = user.id
    done = fitting.run_once(f"cli-{os.getpid()}", utcnow(), only)
    for user_id, result in done.items():
        if result is None:
            click.echo(f"user {user_id}: too few reviews to fit")
            continue
        verdict = "used" if result.better else "kept the defaults"
        click.echo(
            f"user {user_id}: {result.n_reviews} reviews, held-out log loss "
            f"{result.log_loss_fitted:.4f} (defaults {result.log_loss_default:.4f}), RMSE "
            f"{result.rmse_fitted:.4f} (defaults {result.rmse_default:.4f}) → {verdict}"
        )
    if not done:
        click.echo("nobody to fit")
