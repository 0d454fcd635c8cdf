"""Queue order, daily limits and the study day."""

from datetime import UTC, date, datetime, timedelta

import pytest

from studyapp.domain.calendar import day_start, study_day
from studyapp.domain.srs.memory import GOOD, CardState, apply_rating
from studyapp.domain.srs.planner import Plan
from studyapp.domain.srs.queue import CardSlot, DoneToday, Settings, build_queue

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _reviewed(card_id: int, days_ago: float, stability_boost: int = 0) -> CardState:
    """A card in review state last reviewed ``days_ago`` days before NOW, due now."""
    start = NOW - timedelta(days=days_ago + 30)
    card = CardState(id=card_id)
    for _ in range(2 + stability_boost):
        card = apply_rating(card, GOOD, start, 0.9, fuzz=False)
        start = card.due
    from dataclasses import replace

    return replace(card, last_review=NOW - timedelta(days=days_ago), due=NOW - timedelta(hours=1))


def test_order_learning_then_weakest_reviews_then_new_read_chapters_first():
    learning = apply_rating(CardState(id=1), GOOD, NOW - timedelta(minutes=30), 0.9, fuzz=False)
    slots = [
        CardSlot("c.new1", 0, "c1", None),
        CardSlot("c.new2", 1, "c2", None),
        CardSlot("c.rev-recent", 2, "c1", _reviewed(2, days_ago=2)),
        CardSlot("c.rev-old", 3, "c1", _reviewed(3, days_ago=40)),
        CardSlot("c.learning", 4, "c2", learning),
    ]
    entries, counts = build_queue(slots, NOW, Plan(), Settings(), DoneToday(), read_chapters={"c2"})
    assert [e.card_id for e in entries] == [
        "c.learning",
        "c.rev-old",
        "c.rev-recent",
        "c.new2",
        "c.new1",
    ]
    assert (counts.learning, counts.review, counts.new) == (1, 2, 2)
    assert entries[1].recall < entries[2].recall


def test_limits_count_what_was_done_today():
    slots = [CardSlot(f"n{i}", i, "c", None) for i in range(50)]
    slots += [CardSlot(f"r{i}", 100 + i, "c", _reviewed(100 + i, days_ago=5)) for i in range(30)]
    settings = Settings(new_per_day=10, max_reviews_per_day=25)
    entries, counts = build_queue(slots, NOW, Plan(), settings, DoneToday(reviews=20, new=4), set())
    assert (counts.review, counts.new) == (5, 6)
    assert len(entries) == 11


def test_cards_not_yet_due_wait():
    future = apply_rating(CardState(id=1), GOOD, NOW, 0.9, fuzz=False)  # due in 10 minutes
    entries, counts = build_queue(
        [CardSlot("a", 0, "c", future)], NOW, Plan(), Settings(), DoneToday(), set()
    )
    assert entries == [] and counts.learning == 0


def test_the_study_day_rolls_over_at_four_in_the_morning_china_time():
    assert study_day(datetime(2026, 3, 10, 19, 59, tzinfo=UTC)) == date(2026, 3, 10)
    assert study_day(datetime(2026, 3, 10, 20, 0, tzinfo=UTC)) == date(2026, 3, 11)
    assert day_start(date(2026, 3, 11)) == datetime(2026, 3, 10, 20, tzinfo=UTC)


def test_extra_new_cards_come_on_top_of_the_days_limit():
    slots = [CardSlot(f"n{i}", i, "c", None) for i in range(50)]
    settings = Settings(new_per_day=10)
    done = DoneToday(new=10)  # the day's limit reached
    _entries, counts = build_queue(slots, NOW, Plan(), settings, done, set())
    assert counts.new == 0
    _entries, counts = build_queue(slots, NOW, Plan(), settings, done, set(), extra_new=10)
    assert counts.new == 10
    _entries, counts = build_queue(slots, NOW, Plan(), settings, DoneToday(new=15), set(), 10)
    assert counts.new == 5  # five of the extra ten already learned
