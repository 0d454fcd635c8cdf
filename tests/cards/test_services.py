"""Study settings and context: the exam date a candidate plans for."""

from datetime import UTC, date, datetime

import pytest

from studyapp.cards import services
from tests.factories import gen_cohort, gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS


def test_the_exam_date_comes_from_the_cohort_unless_overridden(app):
    cohort = gen_cohort(exam_date=date(2026, 5, 20))
    user = gen_user(cohort=cohort)
    context = services.context_for(user)
    assert context.plan.exam_at == datetime(2026, 5, 20, 1, tzinfo=UTC)  # 09:00 China
    services.save_settings(user, 0.85, 30, 150, date(2026, 6, 1))
    context = services.context_for(user)
    assert context.exam_date == date(2026, 6, 1)
    assert (context.settings.desired_retention, context.settings.new_per_day) == (0.85, 30)
