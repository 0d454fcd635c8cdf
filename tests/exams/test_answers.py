"""Saving answers: one statement once an item is known, and never a wrong or late write."""

import random
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from flask import current_app
from sqlalchemy import create_engine, select, text

from studyapp.exams import answers, attempts
from studyapp.extensions import db
from studyapp.models import Attempt, AttemptItem
from studyapp.syllabus import current_syllabus
from tests.conftest import PG_URL
from tests.factories import gen_user
from tests.statements import Statements

NOW = datetime(2026, 4, 1, 1, tzinfo=UTC)


def _start(user=None, now=NOW):
    user = user or gen_user()
    return attempts.start_attempt(user, current_syllabus(), "quick-quiz", now, random.Random(1))


def _single_items(attempt, count=2):
    return [i for i in attempt.items if i.snapshot["type"] == "single"][:count]


def _answer_of(item_id):
    return db.session.scalar(select(AttemptItem.answer).where(AttemptItem.id == item_id))


def _facts():
    return current_app.extensions["item_facts"]


def test_after_the_first_save_in_an_attempt_every_item_costs_one_statement(app):
    attempt = _start()
    first, other = _single_items(attempt)
    owner, attempt_id, questions = (
        attempt.user_id,
        attempt.id,
        (first.question_id, other.question_id),
    )
    answers.save_answer(owner, attempt_id, questions[0], "A", NOW)
    with Statements() as statements:
        saved = answers.save_answer(owner, attempt_id, questions[1], "c", NOW)
        answers.save_answer(owner, attempt_id, questions[0], "B", NOW)
    assert statements.sent == ["UPDATE", "UPDATE"]
    assert saved.answer == "C" and saved.remaining_seconds == 20 * 60
    db.session.expire_all()
    assert (_answer_of(first.id), _answer_of(other.id)) == ("B", "C")


def test_a_known_item_is_still_refused_once_the_attempt_is_submitted(app):
    attempt = _start()
    item = _single_items(attempt, 1)[0]
    answers.save_answer(attempt.user_id, attempt.id, item.question_id, "A", NOW)
    attempts.submit(attempt, NOW + timedelta(minutes=1))  # as another worker would
    with pytest.raises(attempts.AttemptClosed, match="已交卷"):
        answers.save_answer(attempt.user_id, attempt.id, item.question_id, "B", NOW)
    db.session.expire_all()
    assert _answer_of(item.id) == "A"


def test_a_known_item_past_the_deadline_submits_the_attempt_and_refuses_the_change(app):
    attempt = _start()
    item = _single_items(attempt, 1)[0]
    answers.save_answer(attempt.user_id, attempt.id, item.question_id, "A", NOW)
    late = attempt.deadline + attempts.GRACE + timedelta(seconds=1)
    with pytest.raises(attempts.AttemptClosed, match="考试时间已到"):
        answers.save_answer(attempt.user_id, attempt.id, item.question_id, "B", late)
    db.session.refresh(attempt)
    assert attempt.auto_submitted and _answer_of(item.id) == "A"


def test_the_database_checks_the_deadline_even_when_memory_says_otherwise(app):
    attempt = _start()
    item = _single_items(attempt, 1)[0]
    answers.save_answer(attempt.user_id, attempt.id, item.question_id, "A", NOW)
    facts = _facts().get(attempt.id, item.question_id)
    _facts().put(attempt.id, item.question_id, replace(facts, deadline=None))  # wrongly untimed
    late = attempt.deadline + attempts.GRACE + timedelta(seconds=1)
    with pytest.raises(attempts.AttemptClosed, match="考试时间已到"):
        answers.save_answer(attempt.user_id, attempt.id, item.question_id, "B", late)
    assert _answer_of(item.id) == "A"


def test_facts_that_no_longer_match_never_write_to_the_wrong_item(app):
    """As if SQLite had handed a deleted attempt's ids to a new one: the remembered row is
    another question's now, and the attempt started at another time."""
    attempt = _start()
    first, second = _single_items(attempt)
    answers.save_answer(attempt.user_id, attempt.id, first.question_id, "A", NOW)
    facts = _facts().get(attempt.id, first.question_id)
    stale = replace(facts, item_id=second.id, started_at=NOW - timedelta(days=1))
    _facts().put(attempt.id, first.question_id, stale)

    answers.save_answer(attempt.user_id, attempt.id, first.question_id, "D", NOW)

    db.session.expire_all()
    assert (_answer_of(first.id), _answer_of(second.id)) == ("D", None)
    assert _facts().get(attempt.id, first.question_id) == facts  # learnt again from the database


def test_someone_elses_attempt_looks_missing_even_once_its_items_are_known(app):
    attempt = _start()
    item = _single_items(attempt, 1)[0]
    answers.save_answer(attempt.user_id, attempt.id, item.question_id, "A", NOW)
    intruder = gen_user()
    with pytest.raises(attempts.AttemptNotFound) as refused:
        answers.save_answer(intruder.id, attempt.id, item.question_id, "B", NOW)
    assert not isinstance(refused.value, answers.QuestionNotInAttempt)
    assert _answer_of(item.id) == "A"


def test_a_bad_answer_to_a_known_item_is_refused_before_anything_is_written(app):
    attempt = _start()
    item = _single_items(attempt, 1)[0]
    key = (attempt.user_id, attempt.id, item.question_id)
    answers.save_answer(*key, "A", NOW)
    with Statements() as statements, pytest.raises(answers.BadAnswer):
        answers.save_answer(*key, "Z", NOW)
    assert statements.sent == []


def test_the_memory_holds_at_most_its_size_oldest_out_first():
    memory = answers.ItemFactsCache(size=2)
    facts = answers.ItemFacts(1, 1, NOW, None, answers.AnswerForm("judge"))
    for n in range(3):
        memory.put(n, "q", facts)
    assert [memory.get(n, "q") for n in range(3)] == [None, facts, facts]


@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_save_waits_for_a_submission_in_progress_then_is_refused(app, database_url):
    attempt = _start(now=datetime.now(UTC))
    item = _single_items(attempt, 1)[0]
    user_id, attempt_id, question_id, item_id = (
        attempt.user_id,
        attempt.id,
        item.question_id,
        item.id,
    )
    answers.save_answer(user_id, attempt_id, question_id, "A", datetime.now(UTC))
    db.session.remove()
    outcome = {}

    def save_meanwhile():
        with app.app_context():
            try:
                answers.save_answer(user_id, attempt_id, question_id, "B", datetime.now(UTC))
                outcome["result"] = "saved"
            except attempts.AttemptClosed as closed:
                outcome["result"] = str(closed)

    other = create_engine(database_url)
    with other.connect() as submitting:  # a submission holds the attempt's lock
        submitting.execute(
            text("SELECT id FROM attempt WHERE id = :id FOR UPDATE"), {"id": attempt_id}
        )
        saver = threading.Thread(target=save_meanwhile)
        saver.start()
        saver.join(timeout=1.0)
        assert saver.is_alive() and not outcome  # the save waits for the lock
        submitting.execute(
            text("UPDATE attempt SET submitted_at = now() WHERE id = :id"), {"id": attempt_id}
        )
        submitting.commit()
    saver.join(timeout=10)
    other.dispose()
    assert "已交卷" in outcome["result"]
    assert db.session.scalar(select(Attempt.submitted_at).where(Attempt.id == attempt_id))
    assert _answer_of(item_id) == "A"
