"""Studying cards: queues, study settings and context, statistics (reviews.py applies them).

No request, flash or login here: callers pass the user and the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Row, and_, bindparam, func, select

from studyapp.cards.timing import card_weights_of
from studyapp.cards.timing import review_times as timing_of
from studyapp.domain.calendar import day_start, exam_at, study_day
from studyapp.domain.content.model import Syllabus
from studyapp.domain.srs import planner, points
from studyapp.domain.srs.fitting import MIN_REVIEWS
from studyapp.domain.srs.memory import CardState
from studyapp.domain.srs.queue import (
    CardSlot,
    DoneToday,
    QueueCounts,
    QueueEntry,
    Settings,
    build_queue,
)
from studyapp.domain.srs.stats import CardStats, ReviewFact, card_stats
from studyapp.extensions import db
from studyapp.models import (
    CardProgress,
    Cohort,
    LessonRead,
    Membership,
    MemoryParameters,
    ReviewLog,
    StudySettings,
    User,
)


@dataclass(frozen=True)
class StudyContext:
    settings: Settings
    plan: planner.Plan
    exam_date: date | None
    exam_is_personal: bool = False  # the candidate's own date, not their cohort's


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
CONTEXT = (  # a user's settings, exam date and own memory parameters; bound by "user_id"
    select(
        StudySettings.desired_retention, StudySettings.new_per_day,
        StudySettings.max_reviews_per_day, StudySettings.exam_date, _LATEST_COHORT_EXAM,
        MemoryParameters.parameters.label("memory_parameters"), StudySettings.minutes_per_day,
    )
    .select_from(User)
    .outerjoin(StudySettings, StudySettings.user_id == User.id)
    .outerjoin(MemoryParameters, and_(
        MemoryParameters.user_id == User.id, MemoryParameters.used.is_(True),
    ))
    .where(User.id == bindparam("user_id"))
)  # fmt: skip


def context_for(user: User) -> StudyContext:
    """The user's settings and exam date (their own, else their latest cohort's), one query."""
    return context_from(db.session.connection().execute(CONTEXT, {"user_id": user.id}).one())


def context_from(row) -> StudyContext:
    """The context from a row that starts with CONTEXT's columns."""
    defaults = Settings()
    settings = Settings(
        desired_retention=row[0] if row[0] is not None else defaults.desired_retention,
        new_per_day=row[1] if row[1] is not None else defaults.new_per_day,
        max_reviews_per_day=row[2] if row[2] is not None else defaults.max_reviews_per_day,
        minutes_per_day=row[6],
    )
    exam_date = row[3] or row[4]
    parameters = tuple(row[5]) if row[5] else None
    plan = planner.Plan(
        settings.desired_retention, exam_at(exam_date) if exam_date else None, parameters
    )
    return StudyContext(settings, plan, exam_date, row[3] is not None)


def save_settings(
    user: User, desired_retention, new_per_day, max_reviews, exam_date, minutes_per_day=None
) -> None:
    row = settings_row(user.id) or StudySettings(user_id=user.id)
    row.desired_retention = desired_retention
    row.new_per_day = new_per_day
    row.max_reviews_per_day = max_reviews
    row.exam_date = exam_date
    row.minutes_per_day = minutes_per_day or None
    db.session.add(row)
    db.session.commit()


def state_of(progress: CardProgress | Row[Any]) -> CardState:
    """The scheduler's view of a progress row (an ORM object or a Core row of its columns)."""
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
    user: User, syllabus: Syllabus, now: datetime, extra_new: int = 0
) -> tuple[list[QueueEntry], QueueCounts, dict[str, CardProgress], StudyContext]:
    context = context_for(user)
    slots, progress = slots_for(user.id, syllabus)
    minutes = context.settings.minutes_per_day
    if minutes and context.plan.active(now):
        timing = timing_of(user.id, now)
        entries, counts = points.points_queue(
            slots, now, context.plan, minutes, timing.spent_today,
            card_weights_of(syllabus), timing.per_card, timing.usual,
        )  # fmt: skip
        return entries, counts, progress, context
    entries, counts = build_queue(
        slots, now, context.plan, context.settings, done_today(user.id, now),
        read_chapters(user.id, syllabus), extra_new,
    )  # fmt: skip
    return entries, counts, progress, context


def preview_intervals(state: CardState, now: datetime, plan: planner.Plan) -> dict[int, timedelta]:
    """What each rating would do, for the buttons (without fuzz, so it is what the user sees)."""
    return {
        rating: (planner.review(state, rating, now, plan, fuzz=False).due or now) - now
        for rating in (1, 2, 3, 4)
    }


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
    plan = context.plan
    return card_stats(
        slots, reviews, now, plan.exam_at, context.settings.desired_retention, plan.parameters
    )


@dataclass(frozen=True)
class MemoryModel:
    """What the statistics page says about the candidate's own memory parameters."""

    used: bool
    reviews: int  # repeat reviews so far
    needed: int  # before the first fit
    fitted: MemoryParameters | None  # the latest fit, used or not


def memory_model(user_id: int) -> MemoryModel:
    row = db.session.get(MemoryParameters, user_id)
    reviews = db.session.scalar(
        select(func.count(ReviewLog.id)).where(
            ReviewLog.user_id == user_id,
            ReviewLog.last_review_before.is_not(None),
            ReviewLog.undone_at.is_(None),
        )
    )
    fitted = row if row is not None and row.fitted_at is not None else None
    return MemoryModel(bool(fitted and fitted.used), reviews or 0, MIN_REVIEWS, fitted)


@dataclass(frozen=True)
class RaisedNewCards:
    """The exam rule asks for more new cards a day than the setting: how many, and why."""

    per_day: int
    setting: int
    unseen: int
    days: int  # study days left to meet them (the last new card LEAD_DAYS before the exam)
    lead: int = planner.LEAD_DAYS


def new_cards_raised(
    user: User, syllabus: Syllabus, now: datetime, context: StudyContext
) -> RaisedNewCards | None:
    slots, _progress = slots_for(user.id, syllabus)
    unseen = sum(1 for slot in slots if slot.state is None or slot.state.is_new)
    setting = context.settings.new_per_day
    wanted = planner.new_cards_today(unseen, setting, now, context.plan)
    if wanted <= setting:
        return None
    days = max(1, int(context.plan.days_left(now)) - planner.LEAD_DAYS)
    return RaisedNewCards(wanted, setting, unseen, days)
