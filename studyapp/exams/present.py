"""Attempts and their questions as pages and the API show them; keys only after submission."""

from __future__ import annotations

from datetime import datetime

from studyapp.domain.exams.snapshot import LETTERS
from studyapp.exams.attempts import remaining_seconds
from studyapp.models import Attempt, AttemptItem


def item_payload(item: AttemptItem, reveal: bool, sealed: bool = False) -> dict:
    snap = item.snapshot
    payload = {
        "question_id": item.question_id,
        "position": item.position,
        "type": snap["type"],
        "stem": snap["stem"],
        "options": [{"letter": LETTERS[i], "text": text} for i, text in enumerate(snap["options"])],
        "points": snap["points"],
        "part": snap["part_id"],
        "section": snap["section"],
        "answer": item.answer,
        "answered_at": item.answered_at.isoformat() if item.answered_at else None,
    }
    if sealed:  # also in an open exam of the candidate's: nothing that gives the key away
        payload["sealed"] = True
    elif reveal:  # only ever for a submitted attempt
        payload.update(
            key=(snap["judge_answer"] if snap["type"] == "judge" else
                 [LETTERS[i] for i in snap["keys"]] if snap["type"] != "short" else None),
            explanation=snap["explanation"],
            source=snap["source"],
            lesson=snap["lesson"],
            chapter=snap["chapter"],
            model_answer=snap["model_answer"] or None,
            key_points=list(snap["key_points"]),
            ticked=item.ticked,
            marking=snap["marking"] if snap["type"] == "short" else None,
            mark=item.mark,
            status=item.status,
        )  # fmt: skip
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
        "submitted_at": attempt.submitted_at.isoformat() if submitted else None,
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
