"""The study events: what the study features announce, and what keeps HR's aggregates.

Senders (cards, lessons, practice, exams, regrading) emit an event inside their own database
transaction, after writing the row it is about and before committing. Each event has exactly
one receiver here, which updates the aggregates in that same transaction (``aggregates.py``).

The exactly-once rule lives here: an aggregate changes if and only if the log row it counts is
committed — the event and the row share a transaction, so a rollback takes both back and a
commit keeps both. Receivers therefore never commit, and each event is sent once per row
written (``tests/ledger/test_events.py`` holds every event to one receiver).
"""

from __future__ import annotations

from blinker import Namespace

from studyapp.ledger import aggregates

_events = Namespace()

review_recorded = _events.signal("review-recorded")  # user_id, before, after, rating, at
review_undone = _events.signal("review-undone")  # log, undone
lesson_read = _events.signal("lesson-read")  # user_id, at
practice_answered = _events.signal("practice-answered")  # user_id, at
attempt_submitted = _events.signal("attempt-submitted")  # attempt
attempt_rescored = _events.signal("attempt-rescored")  # attempt (a mark changed afterwards)

ALL = (
    review_recorded, review_undone, lesson_read, practice_answered, attempt_submitted,
    attempt_rescored,
)  # fmt: skip


@review_recorded.connect
def _review(_sender, *, user_id, before, after, rating, at) -> None:
    aggregates.note_review(user_id, before, after, rating, at)


@review_undone.connect
def _undo(_sender, *, log, undone) -> None:
    aggregates.note_undo(log, undone)


@lesson_read.connect
def _lesson(_sender, *, user_id, at) -> None:
    aggregates.note_lesson_read(user_id, at)


@practice_answered.connect
def _practice(_sender, *, user_id, at) -> None:
    aggregates.note_practice_answer(user_id, at)


@attempt_submitted.connect
def _submitted(_sender, *, attempt) -> None:
    aggregates.note_attempt_submitted(attempt)


@attempt_rescored.connect
def _rescored(_sender, *, attempt) -> None:
    aggregates.note_attempt_rescored(attempt)
