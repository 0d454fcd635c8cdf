"""Fixing a flawed question after the fact: regrade the attempts that hold it, with an audit trail.

Two ways, as Moodle offers: mark every attempt again with the key the bank has *now* (after a
trainer corrected it in content/), or void the question (full marks for everyone). Old and new
marks, scores and outcomes are kept per attempt, and candidates see the change on their result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from studyapp.domain.content import model
from studyapp.domain.exams.scoring import score_item
from studyapp.domain.questions import ItemSnapshot, question_type
from studyapp.exams.attempts import rescore
from studyapp.extensions import db
from studyapp.ledger import events
from studyapp.models import Attempt, AttemptItem, Regrade, User
from studyapp.trainer.analysis import in_scope

MODES = ("current_key", "void")


@dataclass(frozen=True)
class Change:
    attempt_id: int
    old_mark: float | None
    new_mark: float | None


def _new_snapshot(snap: ItemSnapshot, question: model.Question | None, mode: str) -> ItemSnapshot:
    if mode == "void":
        return replace(snap, voided=True)
    if question is None or question.type != snap.type:
        raise ValueError("题库中的这道题已删除或改了题型，不能按现在的答案重新评分。")
    return question_type(snap.type).with_key(snap, question)


def _affected(question_id: str, scope: str) -> list[AttemptItem]:
    return list(
        db.session.scalars(
            select(AttemptItem)
            .join(Attempt, Attempt.id == AttemptItem.attempt_id)
            .where(
                AttemptItem.question_id == question_id,
                Attempt.submitted_at.is_not(None),
                in_scope(Attempt.user_id, scope),
            )
        )
    )


def preview(question_id: str, question, mode: str, scope: str) -> list[Change]:
    """What regrading would change, without changing anything."""
    changes = []
    for item in _affected(question_id, scope):
        snap = _new_snapshot(ItemSnapshot.from_json(item.snapshot), question, mode)
        new = score_item(snap, item.answer, item.ticked).points
        if new != item.mark:
            changes.append(Change(item.attempt_id, item.mark, new))
    return changes


def apply(
    question_id: str, question, mode: str, reason: str, scope: str, by: User, now: datetime
) -> int:
    """Regrades every affected attempt; returns how many attempts changed."""
    if mode not in MODES:
        raise ValueError("未知的重新评分方式。")
    if not reason.strip():
        raise ValueError("请写明重新评分的原因，考生会看到它。")
    changed = 0
    for item in _affected(question_id, scope):
        attempt = item.attempt
        old = (item.mark, attempt.score, attempt.passed)
        item.snapshot = _new_snapshot(
            ItemSnapshot.from_json(item.snapshot), question, mode
        ).to_json()
        rescore(attempt)
        if (item.mark, attempt.score, attempt.passed) == old:
            continue
        changed += 1
        events.attempt_rescored.send(attempt=attempt)
        db.session.add(
            Regrade(
                attempt_id=attempt.id, question_id=question_id, mode=mode, reason=reason.strip(),
                old_mark=old[0], new_mark=item.mark, old_score=old[1], new_score=attempt.score,
                old_passed=old[2], new_passed=attempt.passed, by_user_id=by.id, created_at=now,
            )
        )  # fmt: skip
    db.session.commit()
    return changed
