"""Pieces of the cohort table that need no database."""

import gc

import pytest

from studyapp.hr import dashboard

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS


def test_the_cycle_collector_is_paused_only_while_the_rows_are_built():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), dashboard.cyclic_gc_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()  # someone else paused it: it stays paused
    try:
        with dashboard.cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_figures_are_percent_of_the_maximum():
    result = {
        "total": {"mean": 120.0, "low": 100.0, "high": 140.0, "max": 200.0},
        "pass_probability": 0.7,
        "below_pass_mark": False,
    }
    figures = dashboard.Figures.of(result)
    assert (figures.score, figures.low, figures.high) == (60.0, 50.0, 70.0)
    assert (figures.pass_probability, figures.below_pass_mark) == (0.7, False)
