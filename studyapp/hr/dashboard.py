"""The cohort table: one row per candidate from the aggregates, with status and risks.

Fast for large cohorts because nothing here reads a log: one query joins membership, user and
candidate_stats by key, another sums at most seven candidate_day rows per member, and the at-risk
rules run in Python on those values. Stale predictions are recomputed within a small time
budget per request; the others show their last value, marked, until a later request or ``flask
hr refresh`` gets to them (docs/hr.md).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import func, literal, select

from studyapp.domain.calendar import day_start, study_day
from studyapp.domain.cohort_risk import CandidateFacts, Risk, Status, risks, status
from studyapp.domain.content.model import Blueprint, Syllabus
from studyapp.extensions import db
from studyapp.hr import readiness
from studyapp.models import CandidateDay, CandidateStats, Cohort, Membership, User

RECENT_DAYS = 7


@contextmanager
def cyclic_gc_paused():
    """Pauses CPython's cycle collector while a cohort's rows are built and shown.

    They are some ten thousand short-lived objects without cycles, freed by reference counting
    when the request ends; left to the collector they are promoted while alive and trigger a
    full collection of the whole process every few page views (about 100 ms with this app's
    heap), which would be most of the page's 95th percentile. Also a view decorator.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_STATS = CandidateStats.__table__.c


@dataclass(slots=True)
class Figures:
    """A prediction as the table shows it: % of the maximum, and the chance to pass."""

    score: float
    low: float
    high: float
    pass_probability: float
    below_pass_mark: bool

    @classmethod
    def of(cls, result: dict) -> Figures:
        total = result["total"]
        scale = 100 / total["max"] if total["max"] else 0.0
        return cls(total["mean"] * scale, total["low"] * scale, total["high"] * scale,
                   result["pass_probability"], result["below_pass_mark"])  # fmt: skip


@dataclass(slots=True)
class CandidateRow:
    user_id: int
    name: str
    email: str
    joined_at: datetime
    last_active_at: datetime | None
    last_active_on: date | None  # the study day of the last activity
    lessons_read: int
    cards_learned: int
    cards_mature: int
    true_retention: float | None
    reviews_7d: int
    attempts_taken: int
    best_score: float | None
    last_score: float | None
    prediction: Figures | None
    prediction_current: bool  # False: the last value shown while a new one is pending
    status: Status
    risks: tuple[Risk, ...]

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)

    @property
    def predicted_score(self) -> float | None:
        return self.prediction.score if self.prediction else None

    @property
    def pass_probability(self) -> float | None:
        return self.prediction.pass_probability if self.prediction else None


class Member(NamedTuple):
    """One query row: the member and their aggregates (None where they never studied)."""

    cohort_id: int
    id: int
    name: str
    email: str
    joined_at: datetime
    reviews_7d: int
    last_active_at: datetime | None
    lessons_read: int | None
    cards_learned: int | None
    cards_mature: int | None
    mature_reviews: int | None
    mature_recalled: int | None
    attempts_taken: int | None
    best_score: float | None
    last_score: float | None
    previous_score: float | None
    prediction_stale: bool | None
    prediction_blueprint: str | None
    predicted_at: datetime | None
    predicted_score: float | None
    predicted_low: float | None
    predicted_high: float | None
    pass_probability: float | None
    below_pass_mark: bool | None


def _member_rows(cohort_ids: list[int], since: date | None, user_id: int | None = None):
    members, users = Membership.__table__.c, User.__table__.c
    query = (
        select(members.cohort_id, users.id, users.name, users.email, members.joined_at,
               literal(0), *(_STATS[name] for name in Member._fields[6:]))
        .select_from(Membership.__table__)
        .join(User.__table__, users.id == members.user_id)
        .outerjoin(CandidateStats.__table__, _STATS.user_id == users.id)
        .where(members.cohort_id.in_(cohort_ids))
    )  # fmt: skip
    if user_id is not None:
        query = query.where(users.id == user_id)
    # Plain tuples: reading a field of a SQLAlchemy Row by name costs ten times more, and a
    # large cohort's page reads two dozen per member.
    rows = [Member._make(row) for row in db.session.execute(query).all()]  # fetchall: faster
    if since is None:
        return rows
    recent = _recent_reviews(cohort_ids, since, user_id)
    return [row._replace(reviews_7d=recent.get(row.id, 0)) for row in rows]


def _recent_reviews(cohort_ids: list[int], since: date, user_id: int | None) -> dict[int, int]:
    """Reviews per member since ``since``: at most seven candidate_day rows each, by primary key.
    (A separate grouped query: as a correlated subquery PostgreSQL overestimates its cost.)"""
    days, members = CandidateDay.__table__.c, Membership.__table__.c
    member_ids = select(members.user_id).where(members.cohort_id.in_(cohort_ids))
    query = (
        select(days.user_id, func.sum(days.reviews))
        .where(days.user_id.in_(member_ids), days.day >= since)
        .group_by(days.user_id)
    )
    if user_id is not None:
        query = query.where(days.user_id == user_id)
    return {uid: int(total or 0) for uid, total in db.session.execute(query).all()}


@lru_cache(maxsize=8192)
def _study_day_of_hour(hour: int) -> date:
    return study_day(datetime.fromtimestamp(hour * 3600, UTC))


def _day(moment: datetime) -> date:
    """study_day, memoised by the hour: the day rolls over on the hour (04:00 China time)."""
    return _study_day_of_hour(int(moment.timestamp()) // 3600)


class _Predictions:
    """Which prediction each member shows: the cached one, a refreshed one, or the no-evidence
    one of a candidate who never studied."""

    def __init__(self, syllabus: Syllabus, blueprint: Blueprint | None, now: datetime):
        self.blueprint_id = blueprint.id if blueprint else None
        self.fresh_since = day_start(study_day(now))
        self.empty = (
            Figures.of(readiness.empty_summary(syllabus, blueprint, now)) if blueprint else None
        )
        self.refreshed: dict[int, Figures] = {}

    def current(self, row: Member) -> bool:
        return (
            row.last_active_at is None
            or row.id in self.refreshed
            or (not row.prediction_stale and row.prediction_blueprint == self.blueprint_id
                and row.predicted_at is not None and row.predicted_at >= self.fresh_since)
        )  # fmt: skip

    def shown(self, row: Member) -> Figures | None:
        if row.last_active_at is None:
            return self.empty
        if row.id in self.refreshed:
            return self.refreshed[row.id]
        if row.prediction_blueprint != self.blueprint_id:
            return None  # predicted for another paper: not comparable
        score, low, high = row.predicted_score, row.predicted_low, row.predicted_high
        if score is None or low is None or high is None or row.pass_probability is None:
            return None  # written together; a row missing one has no prediction to show
        return Figures(score, low, high, row.pass_probability, bool(row.below_pass_mark))


def _candidate_row(row: Member, exam_date, today, predictions: _Predictions) -> CandidateRow:
    last_on = _day(row.last_active_at) if row.last_active_at else None
    figures = predictions.shown(row)
    facts = CandidateFacts(
        today=today,
        joined_on=_day(row.joined_at),
        last_active_on=last_on,
        exam_date=exam_date,
        pass_probability=figures.pass_probability if figures else None,
        below_pass_mark=figures.below_pass_mark if figures else None,
        last_score=row.last_score,
        previous_score=row.previous_score,
    )
    return CandidateRow(
        row.id, row.name, row.email, row.joined_at, row.last_active_at, last_on,
        row.lessons_read or 0, row.cards_learned or 0, row.cards_mature or 0,
        (row.mature_recalled or 0) / row.mature_reviews if row.mature_reviews else None,
        row.reviews_7d, row.attempts_taken or 0, row.best_score, row.last_score,
        figures, predictions.current(row), status(facts), risks(facts),
    )  # fmt: skip


def cohort_table(
    cohort: Cohort, syllabus: Syllabus, now: datetime, refresh_seconds: float = 0.0,
    user_id: int | None = None,
) -> list[CandidateRow]:  # fmt: skip
    """Every member's row (or one member's), refreshing stale predictions within the budget."""
    blueprint = readiness.target_blueprint(syllabus, cohort)
    today = study_day(now)
    members = _member_rows([cohort.id], today - timedelta(days=RECENT_DAYS - 1), user_id)
    predictions = _Predictions(syllabus, blueprint, now)
    if blueprint is not None and refresh_seconds > 0:
        # Oldest prediction first, so repeated page views work through the whole cohort.
        stale = sorted(
            (row for row in members if not predictions.current(row)),
            key=lambda row: (row.predicted_at is not None, row.predicted_at or now),
        )
        done = readiness.refresh_stale(
            [row.id for row in stale], syllabus, blueprint, now, refresh_seconds
        )
        predictions.refreshed = {uid: Figures.of(result) for uid, result in done.items()}
    exam_date = cohort.exam_date
    return [_candidate_row(row, exam_date, today, predictions) for row in members]


@dataclass(frozen=True)
class CohortSummary:
    cohort: Cohort
    size: int
    at_risk: int

    @property
    def share_at_risk(self) -> float | None:
        return self.at_risk / self.size if self.size else None


def cohort_summaries(cohorts: Iterable[Cohort], syllabus: Syllabus, now: datetime):
    """Size and number at risk of each cohort, from cached figures only (no prediction runs)."""
    cohorts = list(cohorts)
    by_cohort = defaultdict(list)
    for row in _member_rows([c.id for c in cohorts], None) if cohorts else []:
        by_cohort[row.cohort_id].append(row)
    today, result = study_day(now), []
    for cohort in cohorts:
        predictions = _Predictions(syllabus, readiness.target_blueprint(syllabus, cohort), now)
        rows = [_candidate_row(row, cohort.exam_date, today, predictions)
                for row in by_cohort[cohort.id]]  # fmt: skip
        result.append(CohortSummary(cohort, len(rows), sum(1 for r in rows if r.at_risk)))
    return result
