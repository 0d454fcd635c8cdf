"""Recomputing the aggregates from the logs in bulk: after a migration, for the benchmark, or to
repair drift (``flask hr rebuild-stats``). The result must equal what the events kept."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import (
    Date,
    Interval,
    case,
    cast,
    delete,
    func,
    insert,
    literal_column,
    select,
    true,
)

from studyapp.domain.calendar import CHINA, ROLLOVER_HOUR
from studyapp.domain.srs.memory import AGAIN, MATURE_DAYS, CardState
from studyapp.extensions import db
from studyapp.ledger.aggregates import (
    COUNTERS,
    PREDICTION_FIELDS,
    SCORED_KINDS,
    score_percent,
    score_summary,
)
from studyapp.models import (
    Attempt,
    CandidateDay,
    CandidateStats,
    CardProgress,
    LessonRead,
    PracticeAnswer,
    ReviewLog,
)


def _study_day_sql(moment):
    """``study_day`` in SQL: China keeps one offset all year, so the study day is the date of
    the UTC time shifted by the offset less the rollover hour (a whole number of hours)."""
    shift = int((CHINA.utcoffset(None) - timedelta(hours=ROLLOVER_HOUR)).total_seconds() // 3600)
    if db.engine.dialect.name == "postgresql":
        return cast(moment + literal_column(f"INTERVAL '{shift} hours'", Interval), Date)
    return func.date(moment, f"{shift:+d} hours")


def rebuild(user_ids: Iterable[int] | None = None) -> int:
    """Recomputes every aggregate from the logs (all users, or those given) with a few grouped
    queries; returns how many users have a row. Cached predictions are kept, marked stale."""
    ids = None if user_ids is None else list(user_ids)

    def only(column):
        return true() if ids is None else column.in_(ids)

    stats: dict[int, dict] = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))
    days: dict[tuple, Counter] = defaultdict(Counter)
    logs = (  # (when, counted on the day, the day's column and the total's, rows)
        (ReviewLog.reviewed_at, ReviewLog.undone_at.is_(None), "reviews", None, ReviewLog),
        (LessonRead.read_at, true(), "lessons_read", "lessons_read", LessonRead),
        (PracticeAnswer.answered_at, true(), "practice_answers", "practice_answers",
         PracticeAnswer),
        (Attempt.submitted_at, Attempt.submitted_at.is_not(None), "attempts", None, Attempt),
    )  # fmt: skip
    for when, counted, day_name, total_name, model in logs:
        day = _study_day_sql(when)
        for user_id, on, count, last in db.session.execute(
            select(model.user_id, day, func.sum(case((counted, 1), else_=0)), func.max(when))
            .where(only(model.user_id), when.is_not(None))
            .group_by(model.user_id, day)
        ):
            on = date.fromisoformat(on) if isinstance(on, str) else on
            row = stats[user_id]
            if count:
                days[user_id, on][day_name] += count
                if total_name:
                    row[total_name] += count
            if row.get("last_active_at") is None or last > row["last_active_at"]:
                row["last_active_at"] = last
    for user_id, reviews, recalled in db.session.execute(
        select(ReviewLog.user_id, func.count(), func.sum(case((ReviewLog.rating != AGAIN, 1), else_=0)))
        .where(only(ReviewLog.user_id), ReviewLog.undone_at.is_(None),
               ReviewLog.interval_before >= MATURE_DAYS)
        .group_by(ReviewLog.user_id)
    ):  # fmt: skip
        stats[user_id].update(mature_reviews=reviews, mature_recalled=int(recalled or 0))
    progress = CardProgress.__table__.c
    for user_id, state, due, last_review in db.session.execute(
        select(progress.user_id, progress.state, progress.due, progress.last_review)
        .where(only(progress.user_id), progress.last_review.is_not(None))
        .execution_options(yield_per=20000)
    ):  # fmt: skip
        mature = CardState(id=0, state=state, due=due, last_review=last_review).is_mature
        row = stats[user_id]
        row["cards_learned"] += 1
        row["cards_mature"] += 1 if mature else 0
    scores: dict[int, list[float]] = defaultdict(list)
    for user_id, score, total in db.session.execute(
        select(Attempt.user_id, Attempt.score, Attempt.total)
        .where(only(Attempt.user_id), Attempt.submitted_at.is_not(None),
               Attempt.kind.in_(SCORED_KINDS))
        .order_by(Attempt.user_id, Attempt.submitted_at, Attempt.id)
    ):  # fmt: skip
        scores[user_id].append(score_percent(score, total))
    for user_id, user_scores in scores.items():
        stats[user_id].update(score_summary(user_scores))
    return _replace_rows(ids, stats, days)


def _replace_rows(ids: list[int] | None, stats: dict, days: dict) -> int:
    fields = [getattr(CandidateStats, name) for name in PREDICTION_FIELDS]
    kept = {
        user_id: dict(zip(PREDICTION_FIELDS, values, strict=True))
        for user_id, *values in db.session.execute(
            select(CandidateStats.user_id, *fields).where(
                true() if ids is None else CandidateStats.user_id.in_(ids)
            )
        )
    }
    for model in (CandidateStats, CandidateDay):
        db.session.execute(
            delete(model).where(true() if ids is None else model.user_id.in_(ids)),
            execution_options={"synchronize_session": False},
        )
    # executemany needs the same keys in every row
    empty = {c.name: (0 if c.name in COUNTERS else None) for c in CandidateStats.__table__.columns}
    rows = [
        {**empty, **kept.get(user_id, {}), **values, "user_id": user_id, "prediction_stale": True}
        for user_id, values in stats.items()
    ]
    if rows:
        db.session.execute(insert(CandidateStats), rows)
    day_rows = [
        {"user_id": user_id, "day": day, "reviews": c["reviews"],
         "practice_answers": c["practice_answers"], "lessons_read": c["lessons_read"],
         "attempts": c["attempts"]}
        for (user_id, day), c in days.items()
    ]  # fmt: skip
    if day_rows:
        db.session.execute(insert(CandidateDay), day_rows)
    db.session.commit()
    return len(rows)
