"""The per-candidate aggregates kept on every write equal a rebuild from the logs."""

import contextlib
import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from studyapp.cards import reviews
from studyapp.domain.calendar import study_day
from studyapp.exams import answers, attempts, practice
from studyapp.extensions import db
from studyapp.ledger import rebuild
from studyapp.lessons import services as lessons
from studyapp.models import CandidateDay, CandidateStats
from studyapp.syllabus import current_syllabus
from tests.content_fixtures import course_files, write_course
from tests.factories import gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

START = datetime(2026, 1, 5, 2, tzinfo=UTC)
SHORT_QUIZ = """\
id: short-quiz
title: 简答小测
kind: quiz
time_limit: 10
parts:
  - id: all
    title: 全部
    pass_mark: 1
    sections:
      - type: short
        count: 1
        points: 10
        from:
          - chapter: basics
"""
COUNTERS = (
    "last_active_at", "lessons_read", "cards_learned", "cards_mature", "mature_reviews",
    "mature_recalled", "practice_answers", "attempts_taken", "best_score", "last_score",
    "previous_score",
)  # fmt: skip


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content", {**course_files(), "exams/short.yaml": SHORT_QUIZ})


def _snapshot() -> tuple[dict, dict]:
    db.session.expire_all()
    users = {
        row.user_id: tuple(getattr(row, name) for name in COUNTERS)
        for row in db.session.scalars(select(CandidateStats))
    }
    days = {
        (row.user_id, row.day): counts
        for row in db.session.scalars(select(CandidateDay))
        # An undo can leave a day with nothing on it; a rebuild has no row for it.
        if any(counts := (row.reviews, row.practice_answers, row.lessons_read, row.attempts))
    }
    return users, days


def _sit(user, blueprint, at, answer, ticked=None):
    attempt = attempts.start_attempt(user, current_syllabus(), blueprint, at, random.Random(1))
    item = attempt.items[0]
    answers.save_answer(attempt.user_id, attempt.id, item.question_id, answer(item.snapshot), at)
    attempt = attempts.submit(attempt, at + timedelta(minutes=5))
    if ticked is not None:
        attempts.mark_short(attempt, item.question_id, ticked)
    return attempt


def _right(snapshot):
    return "ABCD"[snapshot["keys"][0]]


def test_counters_kept_on_every_write_equal_a_rebuild(app):
    syllabus = current_syllabus()
    user, other = gen_user(), gen_user()
    rng = random.Random(7)
    at = START
    for _step in range(120):
        at += timedelta(days=rng.choice([0.01, 1, 4, 12, 30]))
        who = user if rng.random() < 0.8 else other
        if rng.random() < 0.12:
            with contextlib.suppress(reviews.NothingToUndo, reviews.ReviewConflict):
                reviews.undo_last_review(who, at)
            continue
        card = rng.choice(list(syllabus.cards))
        reviews.review_card(who, syllabus, card, rng.choice([1, 3, 3, 3, 4]), at)
    lessons.mark_read(user.id, "basics.intro", at)
    lessons.mark_read(user.id, "basics.intro", at + timedelta(hours=1))  # counted once
    practice.answer(user.id, syllabus, "basics.q001", "B", "chapter", at)
    practice.answer(user.id, syllabus, "basics.q003", False, "chapter", at)
    _sit(user, "quiz", at + timedelta(days=1), _right)
    _sit(user, "quiz", at + timedelta(days=2), lambda snap: "A" if _right(snap) != "A" else "C")
    _sit(user, "short-quiz", at + timedelta(days=3), lambda snap: "答。", ticked=[0, 1])

    kept = _snapshot()
    row = db.session.get(CandidateStats, user.id)
    # The scenario reaches every counter, so the comparison below can fail on any of them.
    assert row.cards_learned == 3 and row.cards_mature >= 1 and row.mature_reviews >= 1
    assert row.mature_recalled < row.mature_reviews  # some mature cards were forgotten
    assert (row.lessons_read, row.practice_answers, row.attempts_taken) == (1, 2, 3)
    assert (row.previous_score, row.last_score, row.best_score) == (0.0, 100.0, 100.0)
    assert row.last_active_at == at + timedelta(days=3, minutes=5)
    assert rebuild.rebuild() == 2
    assert _snapshot() == kept


def test_marking_a_short_answer_rescores_the_latest_score(app):
    user = gen_user()
    attempt = _sit(user, "short-quiz", START, lambda snap: "答。")
    row = db.session.get(CandidateStats, user.id)
    assert (row.attempts_taken, row.last_score) == (1, 0.0)  # pending short answers score 0
    attempts.mark_short(attempt, attempt.items[0].question_id, [0])
    db.session.expire_all()
    assert db.session.get(CandidateStats, user.id).last_score == 50.0


def test_undo_takes_back_the_review_of_its_own_day(app):
    user = gen_user()
    reviews.review_card(user, current_syllabus(), "basics.card.one", 3, START)
    day = db.session.get(CandidateDay, (user.id, study_day(START)))
    assert day.reviews == 1 and db.session.get(CandidateStats, user.id).cards_learned == 1
    reviews.undo_last_review(user, START + timedelta(days=2))
    db.session.expire_all()
    assert db.session.get(CandidateDay, (user.id, study_day(START))).reviews == 0
    row = db.session.get(CandidateStats, user.id)
    assert row.cards_learned == 0 and row.last_active_at == START


def test_every_write_marks_the_prediction_stale(app):
    user = gen_user()
    lessons.mark_read(user.id, "basics.intro", START)
    db.session.execute(
        CandidateStats.__table__.update().values(prediction_stale=False)
    )  # as if just predicted
    db.session.commit()
    practice.answer(user.id, current_syllabus(), "basics.q001", "B", "chapter", START)
    db.session.expire_all()
    assert db.session.get(CandidateStats, user.id).prediction_stale is True


def test_rebuild_of_some_users_leaves_the_others(app):
    one, two = gen_user(), gen_user()
    lessons.mark_read(one.id, "basics.intro", START)
    lessons.mark_read(two.id, "basics.intro", START)
    db.session.execute(CandidateStats.__table__.update().values(lessons_read=9))
    db.session.commit()
    assert rebuild.rebuild([one.id]) == 1
    db.session.expire_all()
    assert db.session.get(CandidateStats, one.id).lessons_read == 1
    assert db.session.get(CandidateStats, two.id).lessons_read == 9
