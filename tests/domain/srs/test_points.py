"""The points-aimed plan by minutes: within the time, the most exam-day points per second."""

from datetime import UTC, datetime, timedelta

from studyapp.domain.srs import points
from studyapp.domain.srs.memory import GOOD, CardState
from studyapp.domain.srs.planner import Plan, review
from studyapp.domain.srs.queue import CardSlot

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
PLAN = Plan(0.9, NOW + timedelta(days=30))


def _reviewed(card_id: int, days_ago: int) -> CardState:
    """A card met ``days_ago`` days ago, rated Good twice, now due."""
    at = NOW - timedelta(days=days_ago)
    state = review(CardState(id=card_id), GOOD, at, PLAN, fuzz=False)
    return review(state, GOOD, at + timedelta(minutes=10), PLAN, fuzz=False)


def _new(card_id: int) -> CardState:
    return CardState(id=card_id)


def test_a_heavier_card_is_worth_more_and_a_review_never_worth_less_than_nothing():
    state = _reviewed(1, 6)
    light = points.review_value(state, 0.05, NOW, PLAN)
    heavy = points.review_value(state, 0.15, NOW, PLAN)
    assert 0 < light < heavy
    assert points.new_value(_new(2), 0.15, NOW, PLAN) > points.new_value(_new(3), 0.05, NOW, PLAN)


def test_the_day_keeps_to_its_minutes_and_takes_the_best_points_per_second_first():
    cards = [
        points.Candidate(f"r{i}", _reviewed(i + 1, 20), 0.05 + 0.01 * i, 10.0) for i in range(30)
    ]
    chosen = points.day_plan(cards, NOW, PLAN, minutes=2)
    assert sum(task.seconds for task in chosen) <= 120
    assert len(chosen) == 12
    assert {task.card_id for task in chosen} == {f"r{i}" for i in range(18, 30)}  # heaviest


def test_new_cards_of_heavier_chapters_come_first_when_time_is_short():
    cards = [points.Candidate(f"light{i}", _new(i + 1), 0.02, 10.0) for i in range(50)] + [
        points.Candidate(f"heavy{i}", _new(i + 100), 0.10, 10.0) for i in range(50)
    ]
    worth = points.worth_learning(cards, NOW, PLAN, minutes=0.5)
    heavy = [card_id for card_id in worth if card_id.startswith("heavy")]
    assert heavy and worth[: len(heavy)] == heavy and len(heavy) == min(50, len(worth))
    assert len(worth) < 100  # half a minute a day cannot carry every card to the exam
    everything = points.worth_learning(cards, NOW, PLAN, minutes=60)
    assert len(everything) == 100


def test_quick_cards_come_before_slow_ones_of_equal_weight():
    cards = [
        points.Candidate("slow", _reviewed(1, 20), 0.1, 40.0),
        points.Candidate("quick", _reviewed(2, 20), 0.1, 8.0),
    ]
    chosen = points.day_plan(cards, NOW, PLAN, minutes=0.5)
    assert [task.card_id for task in chosen] == ["quick"]


def test_the_queue_by_points_counts_what_it_chose():
    slots = [CardSlot("a", 0, "c1", _reviewed(1, 20)), CardSlot("b", 1, "c1", None)]
    entries, counts = points.points_queue(slots, NOW, PLAN, 20, 0.0, {"a": 0.1, "b": 0.1}, {}, 10.0)
    assert [(e.card_id, e.kind) for e in entries] == [("a", "review"), ("b", "new")]
    assert (counts.learning, counts.review, counts.new) == (0, 1, 1)
    spent, _ = points.points_queue(slots, NOW, PLAN, 20, 20 * 60.0, {}, {}, 10.0)
    assert spent == []  # the day's minutes are used up
