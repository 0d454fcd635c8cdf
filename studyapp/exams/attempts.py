"""Sitting papers: start, submit once, mark short answers (saving answers: ``answers``).

The attempt row is locked (FOR UPDATE on PostgreSQL; SQLite serialises writers) while the
attempt is submitted, as it is while an answer is saved, so a save either lands before
submission and counts, or is refused — never acknowledged and lost.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from typing import cast

from flask_babel import lazy_gettext as _l
from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from studyapp.domain.content.model import Syllabus
from studyapp.domain.exams.scoring import chosen_options, paper_shape, score_item, score_paper
from studyapp.domain.questions import ItemSnapshot, question_type
from studyapp.exams import wrongbook
from studyapp.exams.drawing import insert_items, paper_rows
from studyapp.exams.wrongbook import goes_to_book
from studyapp.extensions import db
from studyapp.ledger import events
from studyapp.models import Attempt, AttemptItem, Regrade, User

GRACE = timedelta(seconds=60)


class AttemptNotFound(LookupError):
    pass


class BlueprintUnavailable(LookupError):
    pass


class AttemptClosed(Exception):
    """The attempt no longer takes answers; ``message`` says why, for the candidate."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message  # lazy: translated where it is shown


def open_attempt(user_id: int, blueprint_id: str) -> Attempt | None:
    return db.session.scalar(
        select(Attempt).where(
            Attempt.user_id == user_id,
            Attempt.blueprint_id == blueprint_id,
            Attempt.submitted_at.is_(None),
        )
    )


def sealed_question_ids(user_id: int) -> frozenset[str]:
    """The questions of the user's open timed papers (mock exams, quizzes): while such an
    attempt is open, no page or API call may show their keys or explanations. Untimed practice
    papers seal nothing: they are self-study, and would otherwise hide questions indefinitely."""
    rows = db.session.scalars(
        select(AttemptItem.question_id)
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(
            Attempt.user_id == user_id,
            Attempt.submitted_at.is_(None),
            Attempt.deadline.is_not(None),
        )
    )
    return frozenset(rows)


def start_attempt(
    user: User,
    syllabus: Syllabus,
    blueprint_id: str,
    now: datetime,
    rng: random.Random | None = None,
) -> Attempt:
    """A new attempt, or the one already open for this paper (resumed, not replaced)."""
    blueprint = syllabus.blueprints.get(blueprint_id)
    if blueprint is None or blueprint.retired:
        raise BlueprintUnavailable(blueprint_id)
    existing = open_attempt(user.id, blueprint_id)
    if existing is not None:
        if not overdue(existing, now):
            return existing
        submit(existing, now, auto=True)
    rng = rng or random.Random(secrets.randbits(64))
    rows = paper_rows(syllabus, blueprint, rng)
    attempt = Attempt(
        user_id=user.id,
        blueprint_id=blueprint.id,
        kind=blueprint.kind,
        shape=paper_shape(blueprint),
        content_hash=syllabus.content_hash,
        started_at=now,
        deadline=now + timedelta(minutes=blueprint.time_limit) if blueprint.time_limit else None,
        total=blueprint.total,
    )
    db.session.add(attempt)
    try:
        db.session.flush()  # the attempt's row (and id); the unique index may refuse it here
        insert_items(attempt.id, rows)
        commit_keeping_loaded()
    except IntegrityError:
        # Another request started this paper a moment ago; the unique index on open attempts
        # refused this one. Resume that one, as a second click would.
        db.session.rollback()
        existing = open_attempt(user.id, blueprint_id)
        if existing is None:  # pragma: no cover - submitted between the two statements
            raise
        return existing
    return attempt


def commit_keeping_loaded() -> None:
    """Commits without expiring what the session holds, for a write whose every value the
    session already has (the attempt's columns; marks set with ``set_committed_value``):
    reading a 125-item paper back costs more than writing it."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def overdue(attempt: Attempt, now: datetime) -> bool:
    return (
        attempt.submitted_at is None
        and attempt.deadline is not None
        and now > attempt.deadline + GRACE
    )


def attempt_of(user: User, attempt_id: int, now: datetime) -> Attempt:
    """The user's own attempt (others' look missing); an overdue one is submitted first."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != user.id:
        raise AttemptNotFound(attempt_id)
    if overdue(attempt, now):
        submit(attempt, now, auto=True)
    return attempt


def remaining_seconds(attempt: Attempt, now: datetime) -> int | None:
    return None if attempt.submitted_at is not None else seconds_until(attempt.deadline, now)


def seconds_until(deadline: datetime | None, now: datetime) -> int | None:
    return None if deadline is None else max(0, int((deadline - now).total_seconds()))


def _locked(attempt_id: int) -> Attempt:
    """The attempt, locked (it exists: attempts are never deleted while open)."""
    query = (
        select(Attempt)
        .where(Attempt.id == attempt_id)
        .with_for_update()
        .execution_options(populate_existing=True)  # what another worker committed counts
    )
    return db.session.scalars(query).one()


_ITEMS = cast(Table, AttemptItem.__table__)
# An item's marks, one row of an executemany: a paper of any length costs one statement.
_MARK_ITEM = (
    update(_ITEMS)
    .where(_ITEMS.c.id == bindparam("item_id"))
    .values(
        mark=bindparam("new_mark"),
        status=bindparam("new_status"),
        points=bindparam("new_points"),
        chosen=bindparam("new_chosen"),
        seconds=bindparam("new_seconds"),
    )
)
_MARKED = ("mark", "status", "points", "chosen", "seconds")
_NEW = tuple(f"new_{name}" for name in _MARKED)


def rescore(attempt: Attempt) -> None:
    """Marks every item from its snapshot and scores the paper; also regrading's entry point.
    The items' marks are written at once, in one statement, and set on the loaded items."""
    marked, rows = [], []
    previous = attempt.started_at
    for item in sorted(attempt.items, key=lambda i: i.answered_at or attempt.started_at):
        snap = ItemSnapshot.from_json(item.snapshot)
        mark = score_item(snap, item.answer, item.ticked)
        chosen = ",".join(str(i) for i in chosen_options(snap, item.answer)) or None
        # Time on an item: since the attempt's previous save (a fair proxy for reading it).
        seconds = (item.answered_at - previous).total_seconds() if item.answered_at else None
        previous = item.answered_at or previous
        values = (mark.points, mark.status, snap.points, chosen, seconds)
        if values != tuple(getattr(item, name) for name in _MARKED):
            rows.append({"item_id": item.id} | dict(zip(_NEW, values, strict=True)))
            for name, value in zip(_MARKED, values, strict=True):
                set_committed_value(item, name, value)
        marked.append((snap, mark))
    if rows:
        db.session.connection().execute(_MARK_ITEM, rows)
    result = score_paper(attempt.shape, marked)
    attempt.score, attempt.passed, attempt.result = result.score, result.passed, result.to_json()


def submit(attempt: Attempt, now: datetime, auto: bool = False) -> Attempt:
    """Scores and closes the attempt; submitting again returns the same result. Costs the same
    few statements however many items the paper has and however many were wrong."""
    attempt = _locked(attempt.id)
    if attempt.submitted_at is not None:
        db.session.rollback()
        return attempt
    attempt.items  # noqa: B018 - loaded before any change, so loading them flushes nothing
    attempt.submitted_at = min(now, attempt.deadline + GRACE) if auto and attempt.deadline else now
    attempt.auto_submitted = auto
    rescore(attempt)
    wrong = [i.question_id for i in attempt.items if goes_to_book(i.snapshot["type"], i.status)]
    wrongbook.record_wrong_many(attempt.user_id, wrong, attempt.submitted_at)
    events.attempt_submitted.send(attempt=attempt)
    commit_keeping_loaded()  # the page or API answer shows the paper: no reading it back
    return attempt


def mark_short(
    attempt: Attempt, question_id: str, ticked: list[int], by_trainer: bool = False
) -> Attempt:
    """Records which key points a short answer covered, then rescores the paper."""
    if attempt.submitted_at is None:
        raise AttemptClosed(_l("交卷后才能对照要点自评。"))
    item = next((i for i in attempt.items if i.question_id == question_id), None)
    if item is None or question_type(item.snapshot["type"]).auto_scored:
        raise AttemptNotFound(question_id)
    if (item.snapshot.get("marking") == "trainer") != by_trainer:
        raise AttemptClosed(
            _l("这道题由培训老师评分。") if not by_trainer else _l("这道题由考生自评。")
        )
    count = len(item.snapshot["key_points"])
    item.ticked = sorted({i for i in ticked if isinstance(i, int) and 0 <= i < count})
    rescore(attempt)
    events.attempt_rescored.send(attempt=attempt)
    db.session.commit()
    return attempt


def history(user_id: int, limit: int = 50) -> list[Attempt]:
    return list(
        db.session.scalars(
            select(Attempt)
            .where(Attempt.user_id == user_id)
            .order_by(Attempt.started_at.desc())
            .limit(limit)
        )
    )


def close_overdue(now: datetime, limit: int | None = None) -> int:
    """Submits the attempts past their deadline and grace period (the longest overdue first,
    at most ``limit``) with their saved answers; returns how many. Each is submitted in its own
    transaction, under its lock, so one that was submitted meanwhile is left as it is."""
    ids = db.session.scalars(
        select(Attempt.id)
        .where(Attempt.submitted_at.is_(None), Attempt.deadline < now - GRACE)
        .order_by(Attempt.deadline, Attempt.id)
        .limit(limit)
    ).all()
    db.session.rollback()
    for attempt_id in ids:
        attempt = db.session.get(Attempt, attempt_id)
        if attempt is not None:
            submit(attempt, now, auto=True)
    return len(ids)


def regrades_of(attempt_id: int) -> list[Regrade]:
    """Why and how this attempt's result changed after it was submitted, oldest first."""
    return list(
        db.session.scalars(
            select(Regrade).where(Regrade.attempt_id == attempt_id).order_by(Regrade.id)
        )
    )
