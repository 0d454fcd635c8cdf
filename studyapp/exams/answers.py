"""Saving an answer the moment it changes: committed before it is acknowledged, never lost.

This runs on every click of every candidate in a paper, so it is built to cost one statement.
After an item's first save, each process remembers what it needs to check the next one in
memory (the item's row, the attempt's identity, owner and deadline, the form a valid answer
takes). Later saves are validated against that and written by one UPDATE that re-checks every
remembered fact but the answer form in the database, locks the attempt row (FOR UPDATE on
PostgreSQL; SQLite serialises writers) and applies only while the attempt is open and within its
time. A save therefore either lands before submission and counts, or is refused. Anything else
(a first save, someone else's attempt, a passed deadline, an UPDATE that changed nothing) takes
the full path, which reads the item and the attempt's state under the same lock and says why.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, or_, select, update

from studyapp.domain.exams.scoring import normalise_answer
from studyapp.domain.questions import AnswerForm, BadAnswer
from studyapp.exams.attempts import GRACE, AttemptClosed, AttemptNotFound, seconds_until, submit
from studyapp.extensions import db
from studyapp.models import Attempt, AttemptItem

__all__ = ["BadAnswer", "QuestionNotInAttempt", "SavedAnswer", "save_answer"]


class QuestionNotInAttempt(AttemptNotFound):
    pass


@dataclass(frozen=True)
class SavedAnswer:
    question_id: str
    answer: object
    answered_at: datetime
    remaining_seconds: int | None


@dataclass(frozen=True)
class ItemFacts:
    """What never changes about an item of an attempt once it is drawn. The answer form is the
    one fact the save does not re-check in the database: the attempt's start time, checked
    there, ties it to this very attempt even where SQLite reuses the id of a deleted one."""

    item_id: int
    user_id: int
    started_at: datetime
    deadline: datetime | None
    form: AnswerForm


class ItemFactsCache:
    """(attempt id, question id) → ItemFacts, at most ``size`` of them, the oldest dropped first.
    Only immutable facts are kept, so every process may hold its own copy."""

    def __init__(self, size: int = 50_000):  # a few hundred papers in progress: ~15 MB
        self.size = size
        self._facts: dict[tuple[int, str], ItemFacts] = {}
        self._lock = threading.Lock()

    def get(self, attempt_id: int, question_id: str) -> ItemFacts | None:
        return self._facts.get((attempt_id, question_id))

    def put(self, attempt_id: int, question_id: str, facts: ItemFacts) -> None:
        with self._lock:
            if len(self._facts) >= self.size:
                del self._facts[next(iter(self._facts))]
            self._facts[(attempt_id, question_id)] = facts


def init_app(app) -> None:
    app.extensions["item_facts"] = ItemFactsCache()  # per app: each app has its own database


def _item_facts() -> ItemFactsCache:
    return current_app.extensions["item_facts"]


# The item, its attempt's owner and state, locking the attempt: the full path's read.
_ITEM = (
    select(AttemptItem.id, Attempt.started_at, Attempt.submitted_at, Attempt.deadline)
    .join(Attempt, Attempt.id == AttemptItem.attempt_id)
    .where(
        Attempt.id == bindparam("attempt_id"),
        Attempt.user_id == bindparam("user_id"),
        AttemptItem.question_id == bindparam("question_id"),
    )
    .with_for_update(of=Attempt)
)
_ITEMS_OF_ATTEMPT = select(AttemptItem.id, AttemptItem.question_id, AttemptItem.snapshot).where(
    AttemptItem.attempt_id == bindparam("attempt_id")
)
_OWN_ATTEMPT = select(Attempt.id).where(
    Attempt.id == bindparam("attempt_id"), Attempt.user_id == bindparam("user_id")
)
_OPEN_ATTEMPT = (
    select(Attempt.id)
    .where(
        Attempt.id == bindparam("open_attempt_id"),
        Attempt.user_id == bindparam("owner_id"),
        Attempt.started_at == bindparam("attempt_started_at"),
        Attempt.submitted_at.is_(None),
        or_(Attempt.deadline.is_(None), Attempt.deadline >= bindparam("latest_deadline")),
    )
    .with_for_update()
)
# Writes the answer only while the attempt is open and in time, holding the attempt's lock while
# it does: a submission waits for it, or it finds the attempt submitted and changes nothing.
# (A sub-select, not a CTE: Python's sqlite3 reports no row count for a statement led by WITH.)
_SAVE = (
    update(AttemptItem)
    .where(
        AttemptItem.id == bindparam("item_id"),
        AttemptItem.question_id == bindparam("item_question_id"),
        AttemptItem.attempt_id.in_(_OPEN_ATTEMPT),
    )
    .values(answer=bindparam("new_answer"), answered_at=bindparam("new_answered_at"))
)


def save_answer(user_id: int, attempt_id: int, question_id: str, raw, now: datetime) -> SavedAnswer:
    """Saves one answer of the user's own attempt (None clears it); the same answer twice is
    harmless. Others' attempts look missing; past the deadline and grace the attempt is
    submitted with what was saved before and the change refused."""
    facts = _item_facts().get(attempt_id, question_id)
    if (
        facts is not None
        and facts.user_id == user_id
        and (facts.deadline is None or now <= facts.deadline + GRACE)
    ):
        answer = normalise_answer(facts.form, raw)  # BadAnswer before anything is written
        if _write(attempt_id, question_id, facts, answer, now):
            return SavedAnswer(question_id, answer, now, seconds_until(facts.deadline, now))
    return _save_checked(user_id, attempt_id, question_id, raw, now)


def _write(attempt_id: int, question_id: str, facts: ItemFacts, answer, now: datetime) -> bool:
    """Writes and commits the answer if the facts hold and the attempt is open and in time;
    False (nothing written, the transaction ended) if not."""
    values: dict[str, Any] = {"open_attempt_id": attempt_id, "owner_id": facts.user_id}
    values.update(attempt_started_at=facts.started_at, latest_deadline=now - GRACE)
    values.update(item_id=facts.item_id, item_question_id=question_id)
    values.update(new_answer=answer, new_answered_at=now)
    if db.session.connection().execute(_SAVE, values).rowcount != 1:
        db.session.rollback()
        return False
    db.session.commit()
    return True


def _learn_attempt(connection, attempt_id, user_id, item, question_id) -> ItemFacts:
    """Remembers every item of the attempt at once (the candidate will answer the others next);
    returns the facts of ``question_id``'s item."""
    memory, learnt = _item_facts(), {}
    for row in connection.execute(_ITEMS_OF_ATTEMPT, {"attempt_id": attempt_id}):
        form = AnswerForm.from_json(row.snapshot)
        facts = ItemFacts(row.id, user_id, item.started_at, item.deadline, form)
        memory.put(attempt_id, row.question_id, facts)
        learnt[row.question_id] = facts
    return learnt[question_id]


def _save_checked(user_id: int, attempt_id: int, question_id: str, raw, now: datetime):
    """The full path: reads the item and its attempt under the attempt's lock, says exactly why
    a save is refused, and remembers the facts of every item of the attempt for later saves."""
    connection = db.session.connection()
    keys = {"attempt_id": attempt_id, "user_id": user_id, "question_id": question_id}
    item = connection.execute(_ITEM, keys).first()
    if item is None:
        own = connection.execute(_OWN_ATTEMPT, keys).first() is not None
        db.session.rollback()
        raise QuestionNotInAttempt(question_id) if own else AttemptNotFound(attempt_id)
    if item.submitted_at is not None:
        db.session.rollback()
        raise AttemptClosed(_l("已交卷，答案不能再修改。"))
    if item.deadline is not None and now > item.deadline + GRACE:
        db.session.rollback()
        overdue = db.session.get(Attempt, attempt_id)
        if overdue is not None:
            submit(overdue, now, auto=True)
        raise AttemptClosed(_l("考试时间已到，这次修改没有保存；试卷已按之前保存的答案自动交卷。"))
    facts = _learn_attempt(connection, attempt_id, user_id, item, question_id)
    try:
        answer = normalise_answer(facts.form, raw)
    except BadAnswer:
        db.session.rollback()  # let go of the attempt's lock at once
        raise
    if not _write(attempt_id, question_id, facts, answer, now):
        raise AttemptClosed(_l("已交卷，答案不能再修改。"))
    return SavedAnswer(question_id, answer, now, seconds_until(item.deadline, now))
