"""Item analysis of submitted attempts, scoped to the trainer's organisation, kept in a cache.

The figures come from studyapp.domain.item_analysis; this module reads the attempts (only the
columns analysis needs, filled at submission), scopes them, and keeps the result ready.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import func, select, true

from studyapp.domain.item_analysis import AttemptResponses, ItemResponse, analyse_rows
from studyapp.domain.questions import ItemSnapshot, question_type
from studyapp.extensions import db
from studyapp.models import (
    AnalysisCache,
    Attempt,
    AttemptItem,
    Cohort,
    Membership,
    PracticeAnswer,
    Role,
    User,
)
from studyapp.models.types import utcnow

STALE_SHARE = 0.10  # recompute in the background when more than this share is missing
SYNC_ATTEMPTS = 2_000  # a first analysis this small is computed on view (well under a second)


def scope_of(user: User) -> str:
    return "all" if user.role == Role.ADMIN else f"org:{user.organisation_id}"


def in_scope(column, scope: str):
    """``column`` (a user id) belongs to a member of one of the organisation's cohorts."""
    if scope == "all":
        return true()
    organisation_id = int(scope.split(":", 1)[1]) if scope != "org:None" else -1
    members = (
        select(Membership.user_id)
        .join(Cohort, Cohort.id == Membership.cohort_id)
        .where(Cohort.organisation_id == organisation_id)
    )
    return column.in_(members)


def _submitted(blueprint_id: str | None, scope: str):
    query = select(Attempt.id).where(
        Attempt.submitted_at.is_not(None), in_scope(Attempt.user_id, scope)
    )
    return query.where(Attempt.blueprint_id == blueprint_id) if blueprint_id else query


def papers(scope: str) -> list[tuple[str, str, int]]:
    """(blueprint id, title, submitted attempts) for every paper sat in this scope."""
    rows = db.session.execute(
        select(Attempt.blueprint_id, func.max(Attempt.id), func.count(Attempt.id))
        .where(Attempt.submitted_at.is_not(None), in_scope(Attempt.user_id, scope))
        .group_by(Attempt.blueprint_id)
        .order_by(Attempt.blueprint_id)
    ).all()
    titles: dict[int, dict[str, Any]] = dict(
        db.session.execute(
            select(Attempt.id, Attempt.shape).where(Attempt.id.in_([last for _b, last, _n in rows]))
        ).all()
    )
    return [(blueprint, titles[last]["title"], count) for blueprint, last, count in rows]


def _question_facts(blueprint_id: str, scope: str) -> dict[str, tuple[int, tuple[int, ...]]]:
    """Per question: (number of options, correct options) from one snapshot each."""
    first_items = (
        select(func.min(AttemptItem.id))
        .where(AttemptItem.attempt_id.in_(_submitted(blueprint_id, scope)))
        .group_by(AttemptItem.question_id)
    )
    facts = {}
    for question_id, data in db.session.execute(
        select(AttemptItem.question_id, AttemptItem.snapshot).where(AttemptItem.id.in_(first_items))
    ):
        snap = ItemSnapshot.from_json(data)
        qtype = question_type(snap.type)
        facts[question_id] = (qtype.analysed_options(snap), qtype.original_keys(snap))
    return facts


def _response_rows(blueprint_id: str, scope: str):
    """(attempt id, question id, mark, max mark, chosen, seconds) of every response, attempt by
    attempt. Through the connection: rows of plain columns need none of the ORM's handling."""
    return db.session.connection().execute(
        select(
            AttemptItem.attempt_id, AttemptItem.question_id, AttemptItem.mark,
            AttemptItem.points, AttemptItem.chosen, AttemptItem.seconds,
        )
        .where(AttemptItem.attempt_id.in_(_submitted(blueprint_id, scope)))
        .order_by(AttemptItem.attempt_id)  # the covering index's order: no sort
    )  # fmt: skip


def load_responses(blueprint_id: str, scope: str) -> list[AttemptResponses]:
    """The responses as objects (what ``analyse`` takes; ``compute`` reads them set-wise)."""
    facts = _question_facts(blueprint_id, scope)
    attempts: list[AttemptResponses] = []
    current = 0  # attempt ids start at 1
    responses: list[ItemResponse] = []
    for attempt_id, question_id, mark, points, chosen, seconds in _response_rows(
        blueprint_id, scope
    ):
        if attempt_id != current:
            if responses:
                attempts.append(AttemptResponses(current, tuple(responses)))
            current, responses = attempt_id, []
        options, key = facts[question_id]
        picked = tuple(map(int, chosen.split(","))) if chosen else None
        responses.append(
            ItemResponse(question_id, mark or 0.0, points or 0.0, picked, options, key, seconds)
        )
    if responses:
        attempts.append(AttemptResponses(current, tuple(responses)))
    return attempts


def _fingerprint(blueprint_id: str, scope: str) -> tuple[int, int]:
    count, last = db.session.execute(
        select(func.count(Attempt.id), func.max(Attempt.id)).where(
            Attempt.id.in_(_submitted(blueprint_id, scope))
        )
    ).one()
    return count, last or 0


def compute(blueprint_id: str, scope: str, now: datetime) -> AnalysisCache:
    count, last = _fingerprint(blueprint_id, scope)
    facts = _question_facts(blueprint_id, scope)
    result = analyse_rows(_response_rows(blueprint_id, scope), facts)
    payload = {"paper": asdict(result.paper), "items": [asdict(i) for i in result.items.values()],
               "flags": [asdict(f) for f in result.flags]}  # fmt: skip
    row = db.session.scalar(
        select(AnalysisCache).where(
            AnalysisCache.blueprint_id == blueprint_id, AnalysisCache.scope == scope
        )
    ) or AnalysisCache(blueprint_id=blueprint_id, scope=scope)
    row.attempts, row.last_attempt_id, row.computed_at, row.payload = count, last, now, payload
    db.session.add(row)
    db.session.commit()
    return row


def cached(blueprint_id: str, scope: str, now: datetime) -> tuple[AnalysisCache | None, int]:
    """The analysis and how many submitted attempts it leaves out. A stale one is served as it
    is while a background thread recomputes it; a first one is computed on the spot only when
    it is small (SYNC_ATTEMPTS), else None while the background computes it: no view waits
    on a full recomputation."""
    count, _last = _fingerprint(blueprint_id, scope)
    row = db.session.scalar(
        select(AnalysisCache).where(
            AnalysisCache.blueprint_id == blueprint_id, AnalysisCache.scope == scope
        )
    )
    if row is None and count <= SYNC_ATTEMPTS:
        return compute(blueprint_id, scope, now), 0
    missing = count - row.attempts if row else count
    if row is None or missing > STALE_SHARE * max(row.attempts, 1):
        refresh_in_background(blueprint_id, scope)
    return row, missing


_refreshing: dict[tuple[str, str], threading.Thread] = {}
_refreshing_lock = threading.Lock()


def refresh_in_background(blueprint_id: str, scope: str) -> threading.Thread:
    """Recomputes the analysis in a thread of this process: one per paper and scope at a time
    (another worker may run its own; the last to finish writes the row)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with _refreshing_lock:
        running = _refreshing.get((blueprint_id, scope))
        if running is not None and running.is_alive():
            return running
        thread = threading.Thread(
            target=_refresh, args=(app, blueprint_id, scope), name="analysis-refresh", daemon=True
        )
        _refreshing[(blueprint_id, scope)] = thread
        thread.start()
        return thread


def wait_for_refreshes(timeout: float = 30.0) -> None:
    """Waits for this process's background refreshes (tests, and a worker shutting down)."""
    for thread in list(_refreshing.values()):
        thread.join(timeout)


def _refresh(app, blueprint_id: str, scope: str) -> None:
    with app.app_context():
        try:
            compute(blueprint_id, scope, utcnow())
        except Exception:  # the next stale view starts another; a failure is logged
            db.session.rollback()
            app.logger.exception(
                "refreshing the item analysis of %s (%s) failed", blueprint_id, scope
            )
        finally:
            db.session.remove()


def practice_figures(question_ids: list[str], scope: str) -> dict[str, tuple[int, float]]:
    """Practice answers, shown apart: per question how many and the mean share right."""
    rows = db.session.execute(
        select(PracticeAnswer.question_id, func.count(), func.avg(PracticeAnswer.fraction))
        .where(
            PracticeAnswer.question_id.in_(question_ids), in_scope(PracticeAnswer.user_id, scope)
        )
        .group_by(PracticeAnswer.question_id)
    )
    return {question_id: (count, float(mean)) for question_id, count, mean in rows}


def refresh_all(now: datetime) -> list[tuple[str, str, int]]:
    """Recomputes every paper's analysis for every organisation and for admins (for cron)."""
    scopes = ["all"] + [
        f"org:{organisation_id}"
        for organisation_id in db.session.scalars(select(Cohort.organisation_id).distinct())
    ]
    done = []
    for scope in scopes:
        for blueprint_id, _title, count in papers(scope):
            compute(blueprint_id, scope, now)
            done.append((scope, blueprint_id, count))
    return done
