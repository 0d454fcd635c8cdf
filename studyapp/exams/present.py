"""Attempts and their questions as pages and the API show them; keys only after submission."""

from __future__ import annotations

from datetime import datetime

from studyapp.domain.questions import LETTERS, ItemSnapshot, question_type
from studyapp.exams.attempts import remaining_seconds
from studyapp.models import Attempt, AttemptItem


def question_view(snap: ItemSnapshot, answer, reveal: bool) -> dict:
    """A question as pages and the API show it; the key and explanation only when revealed.
    What the key looks like is the type's (``QuestionType.key_payload``)."""
    view = {
        "question_id": snap.question_id,
        "type": snap.type,
        "answer_shape": question_type(snap.type).answer_shape,
        "stem": snap.stem,
        "options": [{"letter": LETTERS[i], "text": text} for i, text in enumerate(snap.options)],
        "points": snap.points,
        "answer": answer,
    }
    if reveal:
        qtype = question_type(snap.type)
        view.update(
            key=qtype.key_payload(snap),
            explanation=snap.explanation,
            source=snap.source,
            lesson=snap.lesson,
            chapter=snap.chapter,
            model_answer=snap.model_answer or None,
            key_points=list(snap.key_points),
            marking=None if qtype.auto_scored else snap.marking,
        )
    return view


def item_payload(item: AttemptItem, reveal: bool, sealed: bool = False) -> dict:
    """One question of an attempt; ``sealed``: also in an open exam of the candidate's, so
    nothing that gives the key away even after this attempt's submission."""
    snap = ItemSnapshot.from_json(item.snapshot)
    payload = question_view(snap, item.answer, reveal and not sealed)
    payload.update(
        position=item.position,
        part=snap.part_id,
        section=snap.section,
        answered_at=item.answered_at.isoformat() if item.answered_at else None,
    )
    if sealed:
        payload["sealed"] = True
    elif reveal:  # only ever for a submitted attempt
        payload.update(ticked=item.ticked, mark=item.mark, status=item.status)
    return payload


def attempt_payload(attempt: Attempt, now: datetime, sealed: frozenset[str] = frozenset()) -> dict:
    """``sealed``: questions of the candidate's open exams, never revealed here."""
    submitted = attempt.submitted_at is not None
    return {
        "id": attempt.id,
        "blueprint": attempt.blueprint_id,
        "title": attempt.shape["title"],
        "kind": attempt.kind,
        "started_at": attempt.started_at.isoformat(),
        "deadline": attempt.deadline.isoformat() if attempt.deadline else None,
        "remaining_seconds": remaining_seconds(attempt, now),
        "submitted_at": attempt.submitted_at.isoformat() if attempt.submitted_at else None,
        "auto_submitted": attempt.auto_submitted,
        "status": "submitted" if submitted else "in_progress",
        "score": attempt.score if submitted else None,
        "total": attempt.total,
        "passed": attempt.passed if submitted else None,
        "result": attempt.result if submitted else None,
        "questions": [
            item_payload(item, submitted, submitted and item.question_id in sealed)
            for item in attempt.items
        ],
    }
