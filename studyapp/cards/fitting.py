"""Fitting each candidate's own memory parameters in the background, never in a request.

A worker (a daemon thread, ``FIT_WORKERS`` per process, or ``flask cards fit``) looks for users
due for a fit — enough reviews, and a quarter more since their last fit — and *claims* one with
a conditional update of their ``memory_parameters`` row: only the worker whose update changed
the row fits that user; a claim older than ``CLAIM_TIMEOUT`` (a worker that died) can be taken
over. The fit reads the log, fits and scores (studyapp/domain/srs/fitting.py), stores the result
and releases the claim. Reviews never wait on it: they read the parameters last stored.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import cast

from flask import Flask
from sqlalchemy import CursorResult, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from studyapp.domain.srs import fitting
from studyapp.extensions import db
from studyapp.models import MemoryParameters, ReviewLog
from studyapp.models.types import utcnow

CLAIM_TIMEOUT = timedelta(minutes=30)
POLL_SECONDS = 300.0
log = logging.getLogger(__name__)


def repeat_review_counts(user_id: int | None = None) -> dict[int, int]:
    """Reviews of cards already met, per user (the evidence a fit learns from)."""
    query = (
        select(ReviewLog.user_id, func.count(ReviewLog.id))
        .where(ReviewLog.last_review_before.is_not(None), ReviewLog.undone_at.is_(None))
        .group_by(ReviewLog.user_id)
    )
    if user_id is not None:
        query = query.where(ReviewLog.user_id == user_id)
    return dict(db.session.execute(query).all())


def users_due(now: datetime) -> list[int]:
    counts = repeat_review_counts()
    rows = {row.user_id: row for row in db.session.scalars(select(MemoryParameters))}
    due = []
    for user_id, count in sorted(counts.items()):
        row = rows.get(user_id)
        if row is not None and row.claimed_at is not None and row.claimed_at > now - CLAIM_TIMEOUT:
            continue
        if fitting.due_for_fit(count, row.n_reviews if row and row.fitted_at else None):
            due.append(user_id)
    return due


def claim(user_id: int, worker: str, now: datetime) -> bool:
    """True when this worker now holds the user's fit (and no other worker does)."""
    if db.session.get(MemoryParameters, user_id) is None:
        try:
            with db.session.begin_nested():
                db.session.add(MemoryParameters(user_id=user_id))
        except IntegrityError:  # another worker created it a moment ago
            pass
    result = db.session.execute(
        update(MemoryParameters)
        .where(
            MemoryParameters.user_id == user_id,
            or_(
                MemoryParameters.claimed_at.is_(None),
                MemoryParameters.claimed_at < now - CLAIM_TIMEOUT,
            ),
        )
        .values(claimed_by=worker, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    changed = cast(CursorResult, result).rowcount
    db.session.commit()
    return changed == 1


def review_log_of(user_id: int) -> list[fitting.LoggedReview]:
    rows = db.session.execute(
        select(ReviewLog.progress_id, ReviewLog.reviewed_at, ReviewLog.rating).where(
            ReviewLog.user_id == user_id, ReviewLog.undone_at.is_(None)
        )
    )
    return [fitting.LoggedReview(card, at, rating) for card, at, rating in rows]


def fit_user(user_id: int, now: datetime) -> fitting.FitResult | None:
    """Fits a claimed user, stores the result and releases the claim."""
    reviews = review_log_of(user_id)
    db.session.commit()  # no transaction stays open while fitting: it holds nothing up
    result = None
    try:
        result = fitting.fit(reviews)
    finally:
        row = db.session.get(MemoryParameters, user_id)
        if row is not None:  # None: the account was deleted while fitting, nothing to keep
            db.session.refresh(row)
            if result is not None:
                _store(row, result, fitting.repeat_reviews(reviews), now)
            row.claimed_by = row.claimed_at = None
            db.session.commit()
    return result


def _store(row: MemoryParameters, result: fitting.FitResult, repeats: int, now: datetime):
    row.parameters = list(result.parameters)
    row.n_reviews = repeats
    row.n_heldout = result.n_heldout
    row.log_loss_fitted, row.log_loss_default = result.log_loss_fitted, result.log_loss_default
    row.rmse_fitted, row.rmse_default = result.rmse_fitted, result.rmse_default
    row.fitted_at = now
    row.used = result.better
    if result.better and row.used_since is None:
        row.used_since = now
    elif not result.better:
        row.used_since = None


def run_once(
    worker: str, now: datetime, only: int | None = None
) -> dict[int, fitting.FitResult | None]:
    """Fits every user due (or just ``only``, due or not) that this worker can claim."""
    candidates = [only] if only is not None else users_due(now)
    done: dict[int, fitting.FitResult | None] = {}
    for user_id in candidates:
        if claim(user_id, worker, now):
            done[user_id] = fit_user(user_id, now)
    return done


class FitWorker(threading.Thread):
    """Fits users due for a fit every ``interval`` seconds, in the app's context."""

    def __init__(self, app: Flask, name: str, interval: float = POLL_SECONDS,
                 clock: Callable[[], datetime] = utcnow):  # fmt: skip
        super().__init__(name=name, daemon=True)
        self.app, self.interval, self.clock = app, interval, clock
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            with self.app.app_context():
                try:
                    run_once(self.name, self.clock())
                except Exception:  # a bad night must not kill the worker; try again later
                    log.exception("fitting memory parameters failed")
                    db.session.rollback()
                finally:
                    db.session.remove()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()


def start_workers(app: Flask) -> list[FitWorker]:
    """Starts ``FIT_WORKERS`` fit threads in this process (none in tests)."""
    count = int(app.config.get("FIT_WORKERS", 0))
    workers = [
        FitWorker(
            app,
            f"fit-{threading.get_native_id()}-{n}",
            float(app.config.get("FIT_POLL_SECONDS", POLL_SECONDS)),
        )
        for n in range(count)
    ]
    for worker in workers:
        worker.start()
    return workers
