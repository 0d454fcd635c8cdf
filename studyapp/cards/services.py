"""Reviewing cards: queues, applying a review exactly once, undo, settings and statistics.

No request, flash or login here: callers pass the user and the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError

from studyapp.domain.content.model import Syllabus
from studyapp.domain.srs import planner
from studyapp.domain.srs.memory import AGAIN, LEARNING, REVIEW, CardState
from studyapp.domain.srs.queue import (
    CHINA,
    CardSlot,
    DoneToday,
    QueueCounts,
    QueueEntry,
    Settings,
    build_queue,
    day_start,
    study_day,
)
from studyapp.domain.srs.stats import CardStats, ReviewFact, card_stats
from studyapp.extensions import db
from studyapp.hr import stats
from studyapp.models import (
    CardProgress,
    Cohort,
    LessonRead,
    Membership,
    ReviewLog,
    StudySettings,
    User,
)

EXAM_START = time(9, 0)  # the written exam starts in the morning, China time


@dataclass(frozen=True)
class ReviewResult:
    state: CardState
    revision: int


class ReviewConflict(Exception):
    """The card changed since it was shown (another tab or device reviewed it)."""


class UnknownCard(LookupError):
    pass


class NothingToUndo(LookupError):
    pass


@dataclass(frozen=True)
class StudyContext:
    settings: Settings
    plan: planner.Plan
    exam_date: date | None


def exam_at(day: date) -> datetime:
    return datetime.combine(day, EXAM_START, tzinfo=CHINA).astimezone(UTC)


def settings_row(user_id: int) -> StudySettings | None:
    return db.session.get(StudySettings, user_id)


_LATEST_COHORT_EXAM = (
    select(Cohort.exam_date)
    .join(Membership, Membership.cohort_id == Cohort.id)
    .where(Membership.user_id == User.id)
    .order_by(Membership.joined_at.desc())
    .limit(1)
    .scalar_subquery()
)
_CONTEXT = (
    select(
        StudySettings.desired_retention, StudySettings.new_per_day,
        StudySettings.max_reviews_per_day, StudySettings.exam_date, _LATEST_COHORT_EXAM,
    )
    .select_from(User)
    .outerjoin(StudySettings, StudySettings.user_id == User.id)
    .where(User.id == bindparam("user_id"))
)  # fmt: skip


def context_for(user: User) -> StudyContext:
    """The user's settings and exam date (their own, else their latest cohort's), one query."""
    row = db.session.connection().execute(_CONTEXT, {"user_id": user.id}).one()
    defaults = Settings()
    settings = Settings(
        desired_retention=row[0] if row[0] is not None else defaults.desired_retention,
        new_per_day=row[1] if row[1] is not None else defaults.new_per_day,
        max_reviews_per_day=row[2] if row[2] is not None else defaults.max_reviews_per_day,
    )
    exam_date = row[3] or row[4]
    plan = planner.Plan(settings.desired_retention, exam_at(exam_date) if exam_date else None)
    return StudyContext(settings, plan, exam_date)


def save_settings(user: User, desired_retention, new_per_day, max_reviews, exam_date) -> None:
    row = settings_row(user.id) or StudySettings(user_id=user.id)
    row.desired_retention = desired_retention
    row.new_per_day = new_per_day
    row.max_reviews_per_day = max_reviews
    row.exam_date = exam_date
    db.session.add(row)
    db.session.commit()


def state_of(progress: CardProgress) -> CardState:
    return CardState(
        id=progress.id,
        state=progress.state,
        step=progress.step,
        stability=progress.stability,
        difficulty=progress.difficulty,
        due=progress.due,
        last_review=progress.last_review,
        reps=progress.reps,
        lapses=progress.lapses,
    )


def progress_by_card(user_id: int) -> dict[str, CardProgress]:
    rows = db.session.scalars(select(CardProgress).where(CardProgress.user_id == user_id))
    return {row.card_id: row for row in rows}


def slots_for(user_id: int, syllabus: Syllabus) -> tuple[list[CardSlot], dict[str, CardProgress]]:
    progress = progress_by_card(user_id)
    slots = []
    for position, card in enumerate(
        card for chapter in syllabus.chapter_list() for card in syllabus.cards_of(chapter.id)
    ):
        row = progress.get(card.id)
        slots.append(CardSlot(card.id, position, card.chapter, state_of(row) if row else None))
    return slots, progress


def done_today(user_id: int, now: datetime) -> DoneToday:
    rows = db.session.execute(
        select(ReviewLog.last_review_before.is_(None), func.count(ReviewLog.id))
        .where(
            ReviewLog.user_id == user_id,
            ReviewLog.reviewed_at >= day_start(study_day(now)),
            ReviewLog.undone_at.is_(None),
        )
        .group_by(ReviewLog.last_review_before.is_(None))
    )
    counts = {bool(first): count for first, count in rows}
    return DoneToday(reviews=counts.get(False, 0), new=counts.get(True, 0))


def read_chapters(user_id: int, syllabus: Syllabus) -> set[str]:
    lesson_ids = db.session.scalars(
        select(LessonRead.lesson_id).where(LessonRead.user_id == user_id)
    )
    return {syllabus.lessons[i].chapter for i in lesson_ids if i in syllabus.lessons}


def due_queue(
    user: User, syllabus: Syllabus, now: datetime
) -> tuple[list[QueueEntry], QueueCounts, dict[str, CardProgress], StudyContext]:
    context = context_for(user)
    slots, progress = slots_for(user.id, syllabus)
    entries, counts = build_queue(
        slots, now, context.plan, context.settings, done_today(user.id, now),
        read_chapters(user.id, syllabus),
    )  # fmt: skip
    return entries, counts, progress, context


def preview_intervals(state: CardState, now: datetime, plan: planner.Plan) -> dict[int, timedelta]:
    """What each rating would do, for the buttons (without fuzz, so it is what the user sees)."""
    return {
        rating: planner.review(state, rating, now, plan, fuzz=False).due - now
        for rating in (1, 2, 3, 4)
    }


# The review path runs on every rating, so its statements are built once (Core, bound later):
# rebuilding them per request cost more than executing them.
_PROGRESS = CardProgress.__table__
_SELECT_PROGRESS = select(_PROGRESS).where(
    _PROGRESS.c.user_id == bindparam("user_id"), _PROGRESS.c.card_id == bindparam("card_id")
)
_INSERT_PROGRESS = _PROGRESS.insert().values(
    user_id=bindparam("user_id"), card_id=bindparam("card_id"), state=LEARNING, step=0,
    reps=0, lapses=0, revision=0,
)  # fmt: skip
_APPLY_REVIEW = (
    _PROGRESS.update()
    .where(_PROGRESS.c.id == bindparam("progress_id"), _PROGRESS.c.revision == bindparam("shown"))
    .values(
        state=bindparam("new_state"), step=bindparam("new_step"),
        stability=bindparam("new_stability"), difficulty=bindparam("new_difficulty"),
        due=bindparam("new_due"), last_review=bindparam("new_last_review"),
        reps=bindparam("new_reps"), lapses=bindparam("new_lapses"),
        revision=bindparam("new_revision"),
    )
)  # fmt: skip
_INSERT_LOG = ReviewLog.__table__.insert()


def review_card(
    user: User,
    syllabus: Syllabus,
    card_id: str,
    rating: int,
    now: datetime,
    duration_ms: int | None = None,
    revision: int | None = None,
    context: StudyContext | None = None,
) -> ReviewResult:
    """Applies one review exactly once; ``revision`` is what the reviewer was shown."""
    card = syllabus.cards.get(card_id)
    if card is None or card.retired:
        raise UnknownCard(card_id)
    if rating not in (1, 2, 3, 4):
        raise ValueError("rating must be 1, 2, 3 or 4")
    context = context or context_for(user)
    connection = db.session.connection()
    keys = {"user_id": user.id, "card_id": card_id}
    row = connection.execute(_SELECT_PROGRESS, keys).first()
    if row is None:
        if revision not in (None, 0):
            raise ReviewConflict(card_id)
        try:
            connection.execute(_INSERT_PROGRESS, keys)
        except IntegrityError as error:  # another tab met this card a moment ago
            db.session.rollback()
            raise ReviewConflict(card_id) from error
        row = connection.execute(_SELECT_PROGRESS, keys).first()
    shown = row.revision if revision is None else revision
    if row.revision != shown:
        raise ReviewConflict(card_id)
    before = state_of(row)
    after = planner.review(before, rating, now, context.plan)
    changed = connection.execute(
        _APPLY_REVIEW,
        {
            "progress_id": row.id, "shown": shown, "new_state": after.state,
            "new_step": after.step, "new_stability": after.stability,
            "new_difficulty": after.difficulty, "new_due": after.due,
            "new_last_review": after.last_review, "new_reps": after.reps,
            "new_lapses": after.lapses, "new_revision": shown + 1,
        },
    ).rowcount  # fmt: skip
    if changed != 1:
        db.session.rollback()
        raise ReviewConflict(card_id)
    connection.execute(_INSERT_LOG, _log(
        user.id, row.id, card_id, rating, now, duration_ms, before, after, shown + 1,
        syllabus.content_hash,
    ))  # fmt: skip
    stats.note_review(user.id, before, after, rating, now)
    db.session.commit()
    return ReviewResult(after, shown + 1)


def _log(
    user_id, progress_id, card_id, rating, now, duration_ms, before, after, revision, content_hash
):
    return dict(
        user_id=user_id, progress_id=progress_id, card_id=card_id, rating=rating,
        reviewed_at=now, duration_ms=duration_ms, content_hash=content_hash,
        state_before=before.state, step_before=before.step, stability_before=before.stability,
        difficulty_before=before.difficulty, due_before=before.due,
        last_review_before=before.last_review, interval_before=float(before.interval_days),
        state_after=after.state, stability_after=after.stability,
        difficulty_after=after.difficulty, due_after=after.due,
        interval_after=(after.due - now).total_seconds() / 86400, revision_after=revision,
    )  # fmt: skip


def undo_last_review(user: User, now: datetime) -> ReviewLog:
    log = db.session.scalar(
        select(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.undone_at.is_(None))
        .order_by(ReviewLog.id.desc())
        .limit(1)
    )
    if log is None:
        raise NothingToUndo()
    progress = db.session.get(CardProgress, log.progress_id)
    # Later reviews of this card are all undone, so it must still be as this review left it.
    if progress.due != log.due_after or progress.reps == 0:
        raise ReviewConflict(log.card_id)
    seen = progress.revision
    changed = db.session.execute(
        update(CardProgress)
        .where(CardProgress.id == progress.id, CardProgress.revision == seen)
        .values(
            state=log.state_before, step=log.step_before, stability=log.stability_before,
            difficulty=log.difficulty_before, due=log.due_before,
            last_review=log.last_review_before, reps=CardProgress.reps - 1,
            lapses=CardProgress.lapses - (1 if log.state_before == REVIEW and log.rating == AGAIN else 0),
            revision=seen + 1,
        )
        .execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    if changed != 1:
        db.session.rollback()
        raise ReviewConflict(log.card_id)
    log.undone_at = now
    stats.note_undo(log, state_of(progress))  # progress still holds the state being undone
    db.session.commit()
    db.session.refresh(progress)
    return log


def statistics(user: User, syllabus: Syllabus, now: datetime) -> CardStats:
    context = context_for(user)
    slots, _progress = slots_for(user.id, syllabus)
    facts = db.session.execute(
        select(ReviewLog.reviewed_at, ReviewLog.rating, ReviewLog.interval_before).where(
            ReviewLog.user_id == user.id,
            ReviewLog.undone_at.is_(None),
            ReviewLog.reviewed_at >= now - timedelta(days=400),
        )
    )
    reviews = [ReviewFact(at, rating, interval) for at, rating, interval in facts]
    return card_stats(slots, reviews, now, context.plan.exam_at, context.settings.desired_retention)
