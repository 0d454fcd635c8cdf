"""The FSRS wrapper and the exam-date rule, with the clock under control."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.domain.srs.memory import (
    AGAIN,
    GOOD,
    LEARNING,
    REVIEW,
    CardState,
    apply_rating,
    retrievability,
)
from studyapp.domain.srs.planner import (
    LEAD_DAYS,
    Plan,
    exam_recall,
    in_sprint,
    new_cards_today,
    review,
)

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

START = datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_a_new_card_is_learning_step_zero_with_nothing_recalled():
    card = CardState(id=7)
    assert (card.state, card.step, card.last_review) == (LEARNING, 0, None)
    assert card.is_new and retrievability(card, START) == 0.0


def test_times_must_be_aware():
    with pytest.raises(ValueError, match="naive"):
        apply_rating(CardState(id=1), GOOD, datetime(2026, 3, 1), 0.9)


def test_lapses_count_forgotten_reviews_and_make_leeches():
    card = CardState(id=1)
    now = START
    for _ in range(3):
        card = apply_rating(card, GOOD, now, 0.9, fuzz=False)
        now = card.due
    assert card.state == REVIEW and card.lapses == 0
    for _ in range(8):
        card = apply_rating(card, AGAIN, now, 0.9, fuzz=False)  # review → relearning: a lapse
        now = card.due
        card = apply_rating(card, GOOD, now, 0.9, fuzz=False)  # relearned
        now = card.due
    assert card.lapses == 8 and card.is_leech
    assert card.reps == 3 + 16


def test_without_an_exam_it_is_plain_fsrs():
    card = apply_rating(CardState(id=1), GOOD, START, 0.9, fuzz=False)
    planned = review(CardState(id=1), GOOD, START, Plan(0.9, None), fuzz=False)
    assert planned == card


def _studied(days: int, exam_in: float) -> tuple[CardState, Plan, datetime]:
    """A card reviewed Good on every due date for ``days`` days before now."""
    plan = Plan(0.9, START + timedelta(days=days + exam_in))
    card, now = CardState(id=1), START
    while True:
        card = review(card, GOOD, now, plan, fuzz=False)
        if card.due > START + timedelta(days=days):
            return card, plan, now
        now = card.due


def test_a_review_due_after_the_exam_keeps_recall_at_the_target():
    plan = Plan(0.9, START + timedelta(days=30))
    card, now = CardState(id=1), START
    reviews = 0
    while card.due is None or card.due < plan.exam_at:
        card = review(card, GOOD, now if card.due is None else card.due, plan, fuzz=False)
        reviews += 1
    assert exam_recall(card, plan) >= 0.9
    assert reviews >= 2  # met, then reviewed at least once more before the exam


def test_the_moved_review_falls_when_recall_reaches_the_target():
    plan = Plan(0.9, START + timedelta(days=30))
    learned = apply_rating(apply_rating(CardState(id=1), GOOD, START, 0.82, False), GOOD,
                           START + timedelta(minutes=10), 0.82, False)  # fmt: skip
    moment = START + timedelta(days=6)
    after = review(learned, GOOD, moment, plan, fuzz=False)
    natural = apply_rating(learned, GOOD, moment, plan.study_retention, fuzz=False)
    assert natural.due > plan.exam_at and exam_recall(natural, plan) < 0.9  # the rule applies
    assert after.due < plan.exam_at
    assert retrievability(after, after.due) == pytest.approx(0.9, abs=0.02)
    assert after.stability == natural.stability  # only the date moved


def test_far_from_the_exam_reviews_are_spaced_at_the_study_retention():
    plan = Plan(0.9, START + timedelta(days=365))
    learned = apply_rating(CardState(id=1), GOOD, START, 0.9, fuzz=False)
    spaced = review(learned, GOOD, START + timedelta(minutes=10), plan, fuzz=False)
    plain = apply_rating(learned, GOOD, START + timedelta(minutes=10), 0.9, fuzz=False)
    assert spaced.due > plain.due


ratings = st.lists(st.sampled_from([1, 2, 3, 4]), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    ratings=ratings,
    exam_days=st.floats(1, 90),
    gaps=st.lists(st.floats(0, 1.5), min_size=12, max_size=12),
)
def test_no_review_leaves_the_run_up_with_exam_recall_below_target(ratings, exam_days, gaps):
    """The invariant of the rule: due after the exam ⇒ exam-day recall ≥ the target."""
    plan = Plan(0.9, START + timedelta(days=exam_days))
    card, now = CardState(id=1), START
    for rating, gap in zip(ratings, gaps, strict=False):
        if now >= plan.exam_at:
            break
        card = review(card, rating, now, plan, fuzz=True)
        if card.due > plan.exam_at:
            assert exam_recall(card, plan) >= 0.9 - 1e-9
        # the next review happens on time, or somewhat late, as real learners do
        now = card.due + (card.due - now) * gap


@given(unseen=st.integers(0, 2000), setting=st.integers(0, 100), exam_days=st.integers(5, 120))
def test_every_card_is_met_before_the_exam(unseen, setting, exam_days):
    plan = Plan(0.9, START + timedelta(days=exam_days))
    now, left = START, unseen
    while left and now < plan.exam_at - timedelta(days=LEAD_DAYS):
        left -= new_cards_today(left, setting, now, plan)
        now += timedelta(days=1)
    assert left == 0


def test_new_cards_follow_the_setting_without_an_exam():
    assert new_cards_today(100, 20, START, Plan(0.9, None)) == 20
    assert new_cards_today(5, 20, START, Plan(0.9, None)) == 5
    assert new_cards_today(300, 20, START, Plan(0.9, START + timedelta(days=13))) == 30


def test_sprint_is_the_last_two_weeks():
    plan = Plan(0.9, START + timedelta(days=14))
    assert in_sprint(START, plan)
    assert not in_sprint(START - timedelta(days=1), plan)
    assert not in_sprint(START + timedelta(days=15), plan)
