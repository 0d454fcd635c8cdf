"""The cohort outlook: expected pass rate with its range, and who gains most from more study."""

import pytest

from studyapp.domain.readiness.cohort import gain_from_study, pass_rate


def test_the_expected_pass_rate_is_the_mean_chance_with_a_range_around_it():
    rate = pass_rate([0.9, 0.5, 0.1, 0.5])
    assert rate.expected == pytest.approx(0.5) and rate.candidates == 4
    assert rate.low < 0.5 < rate.high
    assert pass_rate([1.0, 1.0]).low == pass_rate([1.0, 1.0]).high == 1.0  # certain: no range
    wide, narrow = pass_rate([0.5] * 4), pass_rate([0.5] * 400)
    assert narrow.high - narrow.low < wide.high - wide.low  # a larger cohort is surer
    assert pass_rate([]) is None


def test_those_near_the_pass_mark_gain_most_from_more_study():
    near = gain_from_study(58, 50, 66)
    safe = gain_from_study(85, 78, 92)
    far = gain_from_study(30, 22, 38)
    assert near > safe and near > far and near > 0.2
    assert 0 <= safe < 0.01 and 0 <= far < 0.01
