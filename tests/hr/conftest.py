"""A cohort of five candidates in known states, with the HR user of its organisation."""

from datetime import timedelta

import pytest

from studyapp.domain.calendar import study_day
from studyapp.extensions import db
from studyapp.models import CandidateStats
from studyapp.models.types import utcnow
from tests.factories import gen_cohort, gen_organisation, gen_user

EXAM_IN_DAYS = 20


def cached_stats(user, days_idle: int, pass_probability: float, **values) -> CandidateStats:
    """A candidate's aggregates with a fresh prediction, as the write paths would leave them."""
    now = utcnow()
    row = CandidateStats(
        user_id=user.id,
        last_active_at=now - timedelta(days=days_idle),
        prediction_stale=False,
        prediction_blueprint="mock-theory",
        predicted_at=now,
        predicted_score=100 * pass_probability * 0.9,
        predicted_low=100 * pass_probability * 0.8,
        predicted_high=100 * pass_probability,
        pass_probability=pass_probability,
        below_pass_mark=pass_probability < 0.5,
        **values,
    )
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def hr_world(app):
    organisation = gen_organisation("本机构")
    exam = study_day(utcnow()) + timedelta(days=EXAM_IN_DAYS)  # in China time, as HR counts
    cohort = gen_cohort(organisation, "一班", exam_date=exam)
    hr = gen_user(role="hr", email="hr@example.com", organisation=organisation)
    names = ("甲", "乙", "丙", "丁", "戊")
    candidates = {
        name: gen_user(email=f"t{i}@example.com", name=f"学员{name}", cohort=cohort)
        for i, name in enumerate(names)
    }
    cached_stats(candidates["甲"], 0, 0.9, lessons_read=12, cards_learned=150, cards_mature=40,
                 mature_reviews=50, mature_recalled=45, attempts_taken=2, best_score=75.0,
                 last_score=75.0, previous_score=70.0)  # fmt: skip
    cached_stats(candidates["乙"], 10, 0.6, lessons_read=3)
    cached_stats(candidates["丙"], 0, 0.3, lessons_read=5)
    cached_stats(candidates["丁"], 1, 0.7, attempts_taken=2, best_score=80.0, last_score=60.0,
                 previous_score=80.0)  # fmt: skip
    return {"organisation": organisation, "cohort": cohort, "hr": hr, "candidates": candidates}
