"""Sitting papers: drawing, the fixed deadline and grace, auto-submission, idempotent scoring."""

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from studyapp.exams import answers, attempts
from studyapp.extensions import db
from studyapp.models import Attempt, WrongAnswer
from studyapp.syllabus import current_syllabus
from tests.factories import gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

NOW = datetime(2026, 4, 1, 1, tzinfo=UTC)


def _start(user, blueprint="quick-quiz", now=NOW, seed=1):
    return attempts.start_attempt(user, current_syllabus(), blueprint, now, random.Random(seed))


def _key_answer(item):
    snap = item.snapshot
    if snap["type"] == "judge":
        return snap["judge_answer"]
    letters = ["ABCDEFGH"[i] for i in snap["keys"]]
    return letters[0] if snap["type"] == "single" else letters


def test_a_mock_paper_is_drawn_as_its_blueprint_says(app):
    attempt = _start(gen_user(), "mock-theory")
    syllabus = current_syllabus()
    items = attempt.items
    assert len(items) == 125 and len({i.question_id for i in items}) == 125
    by_section = Counter((i.snapshot["section"], i.snapshot["type"]) for i in items)
    assert by_section == {(0, "single"): 8, (1, "multiple"): 8, (2, "single"): 9,
                          (3, "single"): 60, (4, "multiple"): 40}  # fmt: skip
    chapter = {i.question_id: syllabus.questions[i.question_id].chapter for i in items}
    ethics = {"ethics", "work-ethics"}
    assert {chapter[i.question_id] for i in items if i.snapshot["section"] < 3} <= ethics
    assert not {chapter[i.question_id] for i in items if i.snapshot["section"] >= 3} & ethics
    performance = [i for i in items if i.snapshot["section"] == 2]
    assert all("职业道德个人表现" in syllabus.questions[i.question_id].tags for i in performance)
    assert attempt.deadline == NOW + timedelta(minutes=90)
    assert attempt.total == pytest.approx(100)


def test_an_open_attempt_is_resumed_not_replaced(app):
    user = gen_user()
    first = _start(user)
    again = _start(user, now=NOW + timedelta(minutes=5), seed=2)
    assert again.id == first.id
    assert db.session.scalars(select(Attempt)).all() == [first]


def test_answers_save_until_the_deadline_plus_grace_then_the_attempt_closes(app):
    attempt = _start(gen_user())
    first, second = attempt.items[0], attempt.items[1]
    deadline = attempt.deadline
    answers.save_answer(
        attempt.user_id,
        attempt.id,
        first.question_id,
        _key_answer(first),
        deadline - timedelta(seconds=1),
    )
    answers.save_answer(
        attempt.user_id,
        attempt.id,
        second.question_id,
        _key_answer(second),
        deadline + timedelta(seconds=59),
    )
    with pytest.raises(attempts.AttemptClosed, match="考试时间已到"):
        answers.save_answer(
            attempt.user_id, attempt.id, first.question_id, None, deadline + timedelta(seconds=61)
        )
    db.session.refresh(attempt)
    assert attempt.auto_submitted and attempt.submitted_at == deadline + attempts.GRACE
    assert attempt.score == 10  # both saved answers counted (5 points each), the late change not
    with pytest.raises(attempts.AttemptClosed, match="已交卷"):
        answers.save_answer(
            attempt.user_id, attempt.id, first.question_id, None, deadline + timedelta(seconds=62)
        )


def test_an_overdue_attempt_is_submitted_when_next_touched(app):
    user = gen_user()
    attempt = _start(user)
    item = attempt.items[0]
    answers.save_answer(
        attempt.user_id, attempt.id, item.question_id, _key_answer(item), NOW + timedelta(minutes=1)
    )
    later = NOW + timedelta(hours=3)
    touched = attempts.attempt_of(user, attempt.id, later)
    assert touched.submitted_at == attempt.deadline + attempts.GRACE and touched.auto_submitted
    assert touched.score == 5


def test_close_overdue_command(app, runner):
    now = datetime.now(UTC)  # the command reads the clock (frozen at each CLOCK_INSTANT)
    _start(gen_user(), now=now - timedelta(hours=3))
    fresh = _start(gen_user(), now=now)
    result = runner.invoke(args=["exams", "close-overdue"])
    assert result.exit_code == 0 and "submitted 1 overdue attempt(s)" in result.output
    assert fresh.submitted_at is None


def test_submitting_twice_gives_the_same_result_and_wrong_answers_go_to_the_book(app):
    user = gen_user()
    attempt = _start(user)
    right, wrong = attempt.items[0], attempt.items[1]
    answers.save_answer(attempt.user_id, attempt.id, right.question_id, _key_answer(right), NOW)
    bad = {"judge": not wrong.snapshot.get("judge_answer"), "single": None, "multiple": None}
    wrong_answer = bad[wrong.snapshot["type"]]
    if wrong_answer is None:
        letters = "ABCDEFGH"[: len(wrong.snapshot["options"])]
        wrong_answer = next(c for c in letters if "ABCDEFGH".index(c) not in wrong.snapshot["keys"])
        wrong_answer = wrong_answer if wrong.snapshot["type"] == "single" else [wrong_answer]
    answers.save_answer(attempt.user_id, attempt.id, wrong.question_id, wrong_answer, NOW)
    first = attempts.submit(attempt, NOW + timedelta(minutes=2))
    result = dict(first.result)
    second = attempts.submit(attempt, NOW + timedelta(minutes=9))
    assert second.result == result and second.submitted_at == NOW + timedelta(minutes=2)
    assert first.score == 5 and first.passed is False
    book = db.session.scalars(select(WrongAnswer)).all()
    assert [(e.question_id, e.wrong_count) for e in book] == [(wrong.question_id, 1)]


def test_a_past_result_does_not_change_when_the_bank_is_edited(app):
    attempt = _start(gen_user())
    item = attempt.items[0]
    snapshot = dict(item.snapshot)
    attempts.submit(attempt, NOW)
    # The attempt keeps its own copy of every question and of the paper's shape.
    assert item.snapshot == snapshot and item.snapshot["stem"]
    assert attempt.shape["parts"][0]["pass_mark"] == 60


def test_short_answers_are_marked_by_ticking_key_points(app):
    user = gen_user()
    attempt = _start(user, "skills-short")
    item = attempt.items[0]
    answers.save_answer(attempt.user_id, attempt.id, item.question_id, "我的回答", NOW)
    attempts.submit(attempt, NOW)
    assert attempt.passed is None and attempt.result["pending"] == 1
    count = len(item.snapshot["key_points"])
    attempts.mark_short(attempt, item.question_id, list(range(count)))
    assert item.mark == 20 and attempt.score == 20
    assert attempt.passed is False  # the other four were left empty
    with pytest.raises(attempts.AttemptClosed):
        attempts.mark_short(attempt, item.question_id, [0], by_trainer=True)


def test_other_users_attempts_look_missing(app):
    attempt = _start(gen_user())
    with pytest.raises(attempts.AttemptNotFound):
        attempts.attempt_of(gen_user(), attempt.id, NOW)


def test_bad_answers_are_refused_and_nothing_is_saved(app):
    attempt = _start(gen_user())
    item = next(i for i in attempt.items if i.snapshot["type"] == "single")
    with pytest.raises(answers.BadAnswer):
        answers.save_answer(attempt.user_id, attempt.id, item.question_id, "Z", NOW)
    assert item.answer is None
    with pytest.raises(attempts.AttemptNotFound):
        answers.save_answer(attempt.user_id, attempt.id, "no.such.question", "A", NOW)
