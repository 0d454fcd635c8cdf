"""The at-risk rules and the progress status, on plain facts."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyapp.domain.cohort_risk import (
    DEFAULT_RULES,
    CandidateFacts,
    Risk,
    RiskCode,
    RiskRules,
    Status,
    risks,
    status,
)

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

TODAY = date(2026, 5, 20)
ON_TRACK = CandidateFacts(
    today=TODAY,
    joined_on=TODAY - timedelta(days=40),
    last_active_on=TODAY - timedelta(days=1),
    exam_date=TODAY + timedelta(days=20),
    pass_probability=0.9,
    below_pass_mark=False,
    last_score=75.0,
    previous_score=70.0,
)


def codes(facts, rules=DEFAULT_RULES):
    return [risk.code for risk in risks(facts, rules)]


def test_on_track_candidate_has_no_risk_and_is_ready():
    assert risks(ON_TRACK) == ()
    assert status(ON_TRACK) is Status.READY


def test_inactive_from_the_seventh_day_without_study():
    six = replace(ON_TRACK, last_active_on=TODAY - timedelta(days=6))
    seven = replace(ON_TRACK, last_active_on=TODAY - timedelta(days=7))
    assert codes(six) == []
    assert risks(seven) == (Risk(RiskCode.INACTIVE, days=7, started=True),)


def test_never_started_counts_from_joining_and_is_not_started():
    fresh = replace(ON_TRACK, last_active_on=None, joined_on=TODAY - timedelta(days=3))
    idle = replace(fresh, joined_on=TODAY - timedelta(days=10))
    assert status(fresh) is Status.NOT_STARTED and codes(fresh) == []
    assert risks(idle) == (Risk(RiskCode.INACTIVE, days=10, started=False),)
    # Not started wins over a (meaningless) high prediction.
    assert status(replace(idle, pass_probability=0.99)) is Status.NOT_STARTED


def test_low_prediction_only_in_the_last_thirty_days_before_the_exam():
    low = replace(ON_TRACK, pass_probability=0.3)
    assert risks(low) == (Risk(RiskCode.LOW_PREDICTION, days=20, value=0.3),)
    assert codes(replace(low, exam_date=TODAY + timedelta(days=31))) == []
    assert codes(replace(low, exam_date=TODAY + timedelta(days=30))) == [RiskCode.LOW_PREDICTION]
    assert codes(replace(low, exam_date=TODAY)) == [RiskCode.LOW_PREDICTION]
    assert codes(replace(low, exam_date=TODAY - timedelta(days=1))) == []  # the exam is over
    assert codes(replace(low, exam_date=None)) == []
    assert codes(replace(low, pass_probability=None)) == []  # no prediction yet


def test_expected_score_below_the_pass_mark_is_low_even_with_a_fair_pass_chance():
    facts = replace(ON_TRACK, pass_probability=0.55, below_pass_mark=True)
    assert codes(facts) == [RiskCode.LOW_PREDICTION]
    assert codes(replace(facts, below_pass_mark=False)) == []


def test_falling_scores_by_ten_points_or_more():
    assert codes(replace(ON_TRACK, previous_score=80.0, last_score=70.5)) == []
    falling = replace(ON_TRACK, previous_score=80.0, last_score=70.0)
    assert risks(falling) == (Risk(RiskCode.FALLING_SCORES, value=10.0),)
    assert codes(replace(falling, previous_score=None)) == []  # one score shows no trend


def test_several_reasons_are_all_reported_in_order():
    facts = replace(
        ON_TRACK,
        last_active_on=TODAY - timedelta(days=9),
        pass_probability=0.2,
        previous_score=70.0,
        last_score=40.0,
    )
    assert codes(facts) == [
        RiskCode.INACTIVE,
        RiskCode.LOW_PREDICTION,
        RiskCode.FALLING_SCORES,
    ]


def test_thresholds_come_from_the_rules():
    rules = RiskRules(inactive_days=3, ready_pass_probability=0.95, falling_points=5.0)
    facts = replace(ON_TRACK, last_active_on=TODAY - timedelta(days=3), last_score=64.0)
    assert codes(facts, rules) == [RiskCode.INACTIVE, RiskCode.FALLING_SCORES]
    assert status(facts, rules) is Status.IN_PROGRESS


@given(
    st.floats(0, 1),
    st.floats(0, 1),
    st.integers(-10, 60),
)
def test_a_higher_pass_probability_never_adds_a_risk_or_lowers_the_status(low, high, days):
    low, high = sorted((low, high))
    facts = replace(ON_TRACK, exam_date=TODAY + timedelta(days=days), below_pass_mark=False)
    worse, better = replace(facts, pass_probability=low), replace(facts, pass_probability=high)
    assert set(codes(better)) <= set(codes(worse))
    order = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.READY]
    assert order.index(status(better)) >= order.index(status(worse))
