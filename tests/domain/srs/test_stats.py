"""Statistics and the exam sprint, computed from plain data."""

from datetime import UTC, date, datetime, timedelta

import pytest

from studyapp.domain.srs.memory import AGAIN, GOOD, CardState, apply_rating
from studyapp.domain.srs.planner import Plan
from studyapp.domain.srs.queue import CardSlot
from studyapp.domain.srs.sprint import MIN_WORKLOAD, sprint_plan, usual_workload
from studyapp.domain.srs.stats import ReviewFact, card_stats

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _learned(card_id: int, at: datetime) -> CardState:
    card = apply_rating(CardState(id=card_id), GOOD, at, 0.9, fuzz=False)
    return apply_rating(card, GOOD, at + timedelta(minutes=10), 0.9, fuzz=False)


def test_reviews_per_day_forecast_and_states():
    slots = [
        CardSlot("a", 0, "c1", _learned(1, NOW - timedelta(days=1))),
        CardSlot("b", 1, "c1", None),
        CardSlot("c", 2, "c2", apply_rating(CardState(id=3), AGAIN, NOW, 0.9, fuzz=False)),
    ]
    reviews = [
        ReviewFact(NOW - timedelta(days=1), GOOD, 0),
        ReviewFact(NOW - timedelta(days=1, minutes=-10), GOOD, 0),
        ReviewFact(NOW, AGAIN, 0),
    ]
    stats = card_stats(slots, reviews, NOW, None)
    assert stats.reviews_per_day[-1] == (date(2026, 3, 10), 1)
    assert stats.reviews_per_day[-2] == (date(2026, 3, 9), 2)
    assert len(stats.reviews_per_day) == 90 and len(stats.due_forecast) == 30
    assert stats.by_state == {"new": 1, "learning": 1, "young": 1, "mature": 0, "relearning": 0}
    assert sum(count for _day, count in stats.due_forecast) == 2
    # "a" was reviewed less than a day ago (FSRS counts whole days: recall 1.0), "b" is unseen
    assert stats.mastery["c1"] == pytest.approx(0.5)
    assert stats.mastery["c2"] == pytest.approx(1.0)
    assert stats.exam_recall is None


def test_true_retention_counts_mature_reviews_only():
    reviews = [ReviewFact(NOW, GOOD, 30), ReviewFact(NOW, AGAIN, 25), ReviewFact(NOW, AGAIN, 3),
               ReviewFact(NOW, GOOD, 21)]  # fmt: skip
    stats = card_stats([], reviews, NOW, None)
    assert stats.mature_reviews == 3
    assert stats.true_retention == pytest.approx(2 / 3)
    assert card_stats([], [], NOW, None).true_retention is None


def test_exam_recall_and_leeches():
    leech = CardState(id=9, state=2, step=None, stability=5.0, difficulty=5.0,
                      due=NOW + timedelta(days=1), last_review=NOW, reps=20, lapses=8)  # fmt: skip
    stats = card_stats([CardSlot("l", 0, "c", leech), CardSlot("n", 1, "c", None)], [], NOW,
                       NOW + timedelta(days=5))  # fmt: skip
    assert stats.leeches == ["l"]
    assert 0.0 < stats.exam_recall < 0.5


def test_usual_workload():
    assert usual_workload([]) == MIN_WORKLOAD
    assert usual_workload([0, 40, 60, 0]) == 50
    assert usual_workload([3]) == MIN_WORKLOAD


def test_sprint_plan_picks_the_weakest_cards_and_chapters():
    plan = Plan(0.9, NOW + timedelta(days=10))
    slots = [CardSlot(f"k{i}", i, "strong", _learned(i, NOW - timedelta(days=2))) for i in range(5)]
    slots += [CardSlot(f"u{i}", 10 + i, "weak", None) for i in range(30)]
    result = sprint_plan(slots, NOW, plan, workload=20)
    assert result.days_left == 10
    assert len(result.cards) == 20 and all(card.startswith("u") for card in result.cards)
    assert [chapter for chapter, _recall in result.weakest_chapters] == ["weak", "strong"]
    assert sprint_plan(slots, NOW - timedelta(days=10), plan, 20) is None
