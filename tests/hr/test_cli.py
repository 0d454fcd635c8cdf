"""``flask hr rebuild-stats`` and ``flask hr refresh``."""

from datetime import timedelta

import pytest
from sqlalchemy import delete

from studyapp.exams import practice
from studyapp.extensions import db
from studyapp.models import CandidateStats
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from tests.factories import gen_cohort, gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS


def test_rebuild_then_refresh_recover_lost_aggregates(runner):
    syllabus = current_syllabus()
    user = gen_user(cohort=gen_cohort())
    question = next(q for q in syllabus.questions.values() if q.type == "judge")
    now = utcnow()
    practice.answer(user.id, syllabus, question.id, True, "chapter", now - timedelta(hours=1))
    db.session.execute(delete(CandidateStats))  # as after upgrading a database with history
    db.session.commit()

    result = runner.invoke(args=["hr", "rebuild-stats"])
    assert result.exit_code == 0 and "rebuilt stats of 1 user(s)" in result.output
    row = db.session.get(CandidateStats, user.id)
    assert (row.practice_answers, row.prediction_stale, row.pass_probability) == (1, True, None)

    result = runner.invoke(args=["hr", "refresh"])
    assert result.exit_code == 0 and "refreshed 1 prediction(s)" in result.output
    db.session.expire_all()
    row = db.session.get(CandidateStats, user.id)
    assert row.prediction_stale is False and row.prediction_blueprint == "mock-theory"
    assert 0 <= row.pass_probability < 0.5 and row.prediction["weakest"]
    assert "refreshed 0 prediction(s)" in runner.invoke(args=["hr", "refresh"]).output
    assert "refreshed 1 prediction(s)" in runner.invoke(args=["hr", "refresh", "--all"]).output
