"""Starting and submitting a paper cost the same few statements whatever its length and
however many answers were wrong: items, marks and the wrong-answer book are written set-wise."""

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from studyapp.exams import answers, attempts
from studyapp.extensions import db
from studyapp.models import AttemptItem, CandidateStats, WrongAnswer
from studyapp.syllabus import current_syllabus
from tests.factories import gen_user
from tests.statements import Statements

NOW = datetime(2026, 4, 1, 1, tzinfo=UTC)


def _wrong_answer(snap):
    if snap["type"] == "judge":
        return not snap["judge_answer"]
    letters = "ABCDEFGH"[: len(snap["options"])]
    letter = next(c for c in letters if "ABCDEFGH".index(c) not in snap["keys"])
    return letter if snap["type"] == "single" else [letter]


def _sit(wrong: int):
    """Starts the mock, answers ``wrong`` items wrongly, submits; the statements of each."""
    user = gen_user()
    with Statements() as start:
        attempt = attempts.start_attempt(
            user, current_syllabus(), "mock-theory", NOW, random.Random(1)
        )
    attempt_id = attempt.id
    for item in attempt.items[:wrong]:
        answers.save_answer(
            user.id, attempt_id, item.question_id, _wrong_answer(item.snapshot), NOW
        )
    db.session.expire_all()
    with Statements() as submit:
        attempts.submit(attempt, NOW + timedelta(minutes=30))
    return user, attempt_id, start.sent, submit.sent


def test_a_submission_costs_the_same_statements_for_one_wrong_answer_as_for_sixty(app):
    one_user, _, start_one, submit_one = _sit(1)
    sixty_user, attempt_id, start_sixty, submit_sixty = _sit(60)
    assert submit_one == submit_sixty and len(submit_sixty) <= 12
    assert start_one == start_sixty and start_sixty.count("INSERT") == 2  # attempt, items
    book = dict(
        db.session.execute(
            select(WrongAnswer.user_id, func.count()).group_by(WrongAnswer.user_id)
        ).all()
    )
    assert book == {one_user.id: 1, sixty_user.id: 60}
    marked = db.session.scalar(
        select(func.count()).where(
            AttemptItem.attempt_id == attempt_id, AttemptItem.status.is_not(None)
        )
    )
    assert marked == 125
    stats = db.session.get(CandidateStats, sixty_user.id)
    assert stats.attempts_taken == 1 and stats.last_score == 0


def test_a_question_wrong_again_counts_twice_and_comes_back_into_the_book(app):
    user = gen_user()
    syllabus = current_syllabus()
    first = attempts.start_attempt(user, syllabus, "quick-quiz", NOW, random.Random(1))
    item = first.items[0]
    answers.save_answer(user.id, first.id, item.question_id, _wrong_answer(item.snapshot), NOW)
    attempts.submit(first, NOW + timedelta(minutes=1))
    entry = db.session.scalar(
        select(WrongAnswer).where(WrongAnswer.question_id == item.question_id)
    )
    entry.right_streak, entry.mastered_at = 2, NOW + timedelta(minutes=2)
    db.session.commit()
    later = NOW + timedelta(hours=1)
    second = attempts.start_attempt(user, syllabus, "quick-quiz", later, random.Random(1))
    again = next(i for i in second.items if i.question_id == item.question_id)
    answers.save_answer(user.id, second.id, again.question_id, _wrong_answer(again.snapshot), later)
    attempts.submit(second, later + timedelta(minutes=1))
    db.session.expire_all()
    entry = db.session.scalar(
        select(WrongAnswer).where(WrongAnswer.question_id == item.question_id)
    )
    assert entry.wrong_count == 2 and entry.right_streak == 0 and entry.mastered_at is None
    assert entry.first_wrong_at == NOW + timedelta(minutes=1)
    assert entry.last_wrong_at == later + timedelta(minutes=1)
