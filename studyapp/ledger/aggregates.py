"""Keeping the per-candidate aggregates (candidate_stats, candidate_day) up to date.

The write paths of studying call one ``note_*`` function each, inside their own transaction, so
an aggregate changes exactly when the log row it counts is committed. Each call is one or two
single-row upserts (INSERT … ON CONFLICT DO UPDATE, on SQLite and PostgreSQL alike) that add to
the counters in SQL, so concurrent writers never lose an increment. ``rebuild`` recomputes
everything from the logs in bulk: after a migration, for the benchmark, or to repair drift.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy import (
    bindparam,
    case,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from studyapp.domain.calendar import study_day
from studyapp.domain.srs.memory import AGAIN, MATURE_DAYS, CardState
from studyapp.extensions import db
from studyapp.models import (
    Attempt,
    CandidateDay,
    CandidateStats,
    ReviewLog,
)

SCORED_KINDS = ("mock", "quiz")  # papers whose scores HR follows; chapter practice is not one
PREDICTION_FIELDS = (
    "prediction_blueprint", "predicted_at", "predicted_score", "predicted_low", "predicted_high",
    "pass_probability", "below_pass_mark", "prediction",
)  # fmt: skip
COUNTERS = (
    "lessons_read", "cards_learned", "cards_mature", "mature_reviews", "mature_recalled",
    "practice_answers", "attempts_taken",
)  # fmt: skip


def _upsert(model, key: dict, add: dict, latest: dict | None = None, put: dict | None = None):
    """Insert the row or, if it exists, add ``add`` to its counters, keep the later of each
    ``latest`` time, and overwrite ``put``."""
    latest, put = latest or {}, put or {}
    statement = _upsert_statement(
        model.__tablename__, db.engine.dialect.name, tuple(key), tuple(add), tuple(latest),
        tuple(put),
    )  # fmt: skip
    db.session.connection().execute(statement, {**key, **add, **latest, **put})


@lru_cache(maxsize=64)
def _upsert_statement(table_name, dialect_name, keys, adds, latests, puts):
    """Built once per shape: building ``excluded`` copies every column of the table, which
    would cost more than running the statement."""
    table = db.metadata.tables[table_name]
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(table).values(
        {name: bindparam(name, type_=table.c[name].type) for name in keys + adds + latests + puts}
    )
    new = statement.excluded
    changes = {name: table.c[name] + new[name] for name in adds}
    for name in latests:
        old = table.c[name]
        changes[name] = case((or_(old.is_(None), old < new[name]), new[name]), else_=old)
    changes.update({name: new[name] for name in puts})
    return statement.on_conflict_do_update(index_elements=list(keys), set_=changes)


def _note(user_id: int, at: datetime | None, day_counts: dict, active: bool = True, **counts):
    _upsert(
        CandidateStats,
        {"user_id": user_id},
        counts,
        latest={"last_active_at": at} if active else None,
        put={"prediction_stale": True},
    )
    if at is not None and day_counts:
        _upsert(CandidateDay, {"user_id": user_id, "day": study_day(at)}, day_counts)


def _card_counts(state: CardState) -> tuple[int, int]:
    return (0 if state.is_new else 1), (1 if state.is_mature else 0)


def note_review(
    user_id: int, before: CardState, after: CardState, rating: int, at: datetime
) -> None:
    learned_before, mature_before = _card_counts(before)
    learned_after, mature_after = _card_counts(after)
    mature_review = before.interval_days >= MATURE_DAYS
    _note(
        user_id, at, {"reviews": 1},
        cards_learned=learned_after - learned_before,
        cards_mature=mature_after - mature_before,
        mature_reviews=1 if mature_review else 0,
        mature_recalled=1 if mature_review and rating != AGAIN else 0,
    )  # fmt: skip


def note_undo(log: ReviewLog, undone: CardState) -> None:
    """Takes back what ``note_review`` counted for ``log``; ``undone`` is the card's state that
    the undo replaces (the one the review produced)."""
    restored = CardState(
        id=undone.id, state=log.state_before, step=log.step_before,
        stability=log.stability_before, difficulty=log.difficulty_before, due=log.due_before,
        last_review=log.last_review_before,
    )  # fmt: skip
    learned_undone, mature_undone = _card_counts(undone)
    learned_now, mature_now = _card_counts(restored)
    mature_review = log.interval_before >= MATURE_DAYS
    _note(
        log.user_id, log.reviewed_at, {"reviews": -1}, active=False,
        cards_learned=learned_now - learned_undone,
        cards_mature=mature_now - mature_undone,
        mature_reviews=-1 if mature_review else 0,
        mature_recalled=-1 if mature_review and log.rating != AGAIN else 0,
    )  # fmt: skip


def note_lesson_read(user_id: int, at: datetime) -> None:
    _note(user_id, at, {"lessons_read": 1}, lessons_read=1)


def note_practice_answer(user_id: int, at: datetime) -> None:
    _note(user_id, at, {"practice_answers": 1}, practice_answers=1)


def score_percent(score: float | None, total: float) -> float:
    return 100.0 * (score or 0.0) / total if total else 0.0


def score_summary(scores: list[float]) -> dict:
    """Counts and scores of submitted mock exams and quizzes, oldest first."""
    return {
        "attempts_taken": len(scores),
        "best_score": max(scores) if scores else None,
        "last_score": scores[-1] if scores else None,
        "previous_score": scores[-2] if len(scores) > 1 else None,
    }


def _recount_scores(user_id: int) -> dict:
    db.session.flush()  # the attempt being scored counts with its new marks
    rows = db.session.execute(
        select(Attempt.score, Attempt.total)
        .where(
            Attempt.user_id == user_id,
            Attempt.submitted_at.is_not(None),
            Attempt.kind.in_(SCORED_KINDS),
        )
        .order_by(Attempt.submitted_at, Attempt.id)
    )
    return score_summary([score_percent(score, total) for score, total in rows])


def note_attempt_submitted(attempt: Attempt) -> None:
    _note(attempt.user_id, attempt.submitted_at, {"attempts": 1})
    db.session.execute(
        update(CandidateStats)
        .where(CandidateStats.user_id == attempt.user_id)
        .values(**_recount_scores(attempt.user_id))
    )


def note_attempt_rescored(attempt: Attempt) -> None:
    """A short answer was marked after submission: the paper's score changed, nothing else."""
    _note(attempt.user_id, None, {}, active=False)
    db.session.execute(
        update(CandidateStats)
        .where(CandidateStats.user_id == attempt.user_id)
        .values(**_recount_scores(attempt.user_id))
    )
