"""One candidate's progress for HR: activity over time, score trend and mastery per chapter.

Scores and counts only: which questions were asked and what was answered stay private.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from studyapp.domain.calendar import study_day
from studyapp.domain.content.model import Blueprint, Chapter, Syllabus
from studyapp.domain.readiness import Prediction, predict
from studyapp.extensions import db
from studyapp.hr import readiness
from studyapp.ledger.aggregates import SCORED_KINDS, score_percent
from studyapp.models import Attempt, CandidateDay

ACTIVITY_WEEKS = 12


@dataclass(frozen=True)
class Week:
    start: date
    reviews: int
    practice_answers: int
    lessons_read: int
    attempts: int

    @property
    def total(self) -> int:
        return self.reviews + self.practice_answers + self.lessons_read + self.attempts


@dataclass(frozen=True)
class Score:
    submitted_on: date  # the study day, China time
    title: str
    percent: float
    passed: bool | None


@dataclass(frozen=True)
class ChapterMastery:
    chapter: Chapter
    mastery: float  # expected knowledge, weighted by the points each topic carries in the paper
    cards_studied: int
    cards_total: int
    answers: int


def weekly_activity(user_id: int, now: datetime, weeks: int = ACTIVITY_WEEKS) -> list[Week]:
    """The last ``weeks`` weeks, oldest first; the last one ends today."""
    today = study_day(now)
    first = today - timedelta(days=7 * weeks - 1)
    totals = [[0, 0, 0, 0] for _ in range(weeks)]
    rows = db.session.execute(
        select(CandidateDay.day, CandidateDay.reviews, CandidateDay.practice_answers,
               CandidateDay.lessons_read, CandidateDay.attempts)
        .where(CandidateDay.user_id == user_id, CandidateDay.day >= first)
    )  # fmt: skip
    for day, *counts in rows:
        week = totals[(day - first).days // 7]
        for i, count in enumerate(counts):
            week[i] += count
    return [Week(first + timedelta(days=7 * i), *week) for i, week in enumerate(totals)]


def score_trend(user_id: int) -> list[Score]:
    """Submitted mock exams and quizzes, oldest first: title, score and result, no answers."""
    rows = db.session.execute(
        select(Attempt.submitted_at, Attempt.shape["title"].as_string(), Attempt.score,
               Attempt.total, Attempt.passed)
        .where(Attempt.user_id == user_id, Attempt.submitted_at.is_not(None),
               Attempt.kind.in_(SCORED_KINDS))
        .order_by(Attempt.submitted_at, Attempt.id)
    )  # fmt: skip
    return [
        Score(study_day(at), title or "", score_percent(score, total), passed)
        for at, title, score, total, passed in rows
    ]


def full_prediction(
    user_id: int, syllabus: Syllabus, blueprint: Blueprint, now: datetime
) -> Prediction:
    """A fresh prediction with every topic; its summary refreshes the cache on the way."""
    cards = readiness.card_evidence(user_id, syllabus, now)
    answers = readiness.answer_evidence(user_id, syllabus)
    prediction = predict(syllabus, blueprint, cards, answers, now)
    if cards or answers:
        readiness.store(user_id, readiness.summary(prediction, blueprint, now), now)
        db.session.commit()
    return prediction


def chapter_mastery(prediction: Prediction, syllabus: Syllabus) -> list[ChapterMastery]:
    """The paper's topics grouped by chapter, in course order."""
    grouped: dict[str, list] = {}
    for topic in prediction.topics:
        lesson = syllabus.lessons.get(topic.lesson)
        if lesson is not None:
            grouped.setdefault(lesson.chapter, []).append(topic)
    result = []
    for chapter in syllabus.chapter_list():
        topics = grouped.get(chapter.id)
        if not topics:
            continue
        weights = [t.points_at_stake for t in topics]
        if sum(weights) <= 0:
            weights = [1.0] * len(topics)
        mastery = sum(w * t.mastery for w, t in zip(weights, topics, strict=True)) / sum(weights)
        result.append(
            ChapterMastery(
                chapter,
                mastery,
                sum(t.cards_studied for t in topics),
                sum(t.cards_total for t in topics),
                sum(t.answers for t in topics),
            )
        )
    return result
