"""Deadlines without cron: overdue attempts are submitted with no request to them, by a sweep
the app runs itself (one at a time across workers), or by ``flask exams sweep``."""

import os
import random
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from studyapp import create_app
from studyapp.exams import answers, attempts, sweep
from studyapp.extensions import db
from studyapp.models import Attempt
from studyapp.syllabus import current_syllabus
from tests.factories import gen_user

pytestmark = pytest.mark.clock  # the sweep reads the clock: frozen at each CLOCK_INSTANT


def _start(now, blueprint="quick-quiz"):
    return attempts.start_attempt(gen_user(), current_syllabus(), blueprint, now, random.Random(1))


def _key(item):
    snap = item.snapshot
    if snap["type"] == "judge":
        return snap["judge_answer"]
    letters = ["ABCDEFGH"[i] for i in snap["keys"]]
    return letters[0] if snap["type"] == "single" else letters


def _open_ids():
    db.session.expire_all()
    return set(db.session.scalars(select(Attempt.id).where(Attempt.submitted_at.is_(None))))


def test_the_sweep_submits_overdue_attempts_with_their_saved_answers(app):
    now = datetime.now(UTC)
    overdue = _start(now - timedelta(hours=3))
    item = next(i for i in overdue.items if i.snapshot["type"] in ("single", "judge"))
    answers.save_answer(
        overdue.user_id, overdue.id, item.question_id, _key(item), now - timedelta(hours=3)
    )
    just_past = _start(now - timedelta(minutes=20, seconds=30))  # 20 min quiz: inside the grace
    fresh = _start(now)
    overdue_id, just_past_id, fresh_id = overdue.id, just_past.id, fresh.id
    assert sweep.sweep(app) == 1
    assert _open_ids() == {just_past_id, fresh_id}
    done = db.session.get(Attempt, overdue_id)
    assert done.auto_submitted and done.submitted_at == done.deadline + attempts.GRACE
    assert done.score == item.snapshot["points"]
    assert sweep.sweep(app) == 0  # submitted once: nothing left, nothing changed


def test_a_sweep_skips_its_turn_while_another_holds_the_lock(app):
    overdue_id = _start(datetime.now(UTC) - timedelta(hours=3)).id
    with sweep._sweep_lock(app) as held:
        assert held
        assert sweep.sweep(app) is None  # another worker's turn: it does nothing
    assert overdue_id in _open_ids()
    assert sweep.sweep(app) == 1 and overdue_id not in _open_ids()


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL not set")
def test_with_the_redis_lock_a_sweep_skips_its_turn_while_another_holds_it(app):
    app.config.update(EXAM_SWEEP_LOCK="redis", RATELIMIT_STORAGE_URI=os.environ["TEST_REDIS_URL"])
    overdue_id = _start(datetime.now(UTC) - timedelta(hours=3)).id
    with sweep._sweep_lock(app) as held:
        assert held
        assert sweep.sweep(app) is None
    assert overdue_id in _open_ids()
    assert sweep.sweep(app) == 1 and overdue_id not in _open_ids()


def test_the_sweep_command_submits_overdue_attempts(app, runner):
    _start(datetime.now(UTC) - timedelta(hours=3))
    fresh_id = _start(datetime.now(UTC)).id
    result = runner.invoke(args=["exams", "sweep"])
    assert result.exit_code == 0 and "submitted 1 overdue attempt(s)" in result.output
    assert _open_ids() == {fresh_id}
    assert "exam_sweeper" not in app.extensions  # a flask command starts no sweeper


def test_the_apps_own_sweeper_submits_overdue_attempts_with_no_request(app, database_url):
    overdue_id = _start(datetime.now(UTC) - timedelta(hours=3)).id
    served = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "EXAM_SWEEP_SECONDS": 0.05})
    sweeper = served.extensions["exam_sweeper"]
    try:
        deadline = time.monotonic() + 20
        while overdue_id in _open_ids() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        sweeper.stop()
        with served.app_context():
            db.engine.dispose()
    assert overdue_id not in _open_ids() and sweeper.sweeps >= 1
    assert db.session.get(Attempt, overdue_id).auto_submitted
