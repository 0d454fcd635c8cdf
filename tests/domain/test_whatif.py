"""The what-if: the candidate's own plan simulated forward to the exam day, then the paper."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studyapp.domain.content import ContentFiles, load_syllabus
from studyapp.domain.readiness import whatif
from studyapp.domain.srs import points
from studyapp.domain.srs.memory import GOOD, CardState
from studyapp.domain.srs.planner import Plan, review

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def syllabus():
    result = load_syllabus(ContentFiles.from_directory(CONTENT))
    assert result.problems == ()
    return result.syllabus


def _now() -> datetime:
    return datetime.now(UTC)  # frozen by the clock marker


def _met(card_id: int, at: datetime, plan: Plan) -> CardState:
    """A card met at ``at`` and rated Good."""
    return review(CardState(id=card_id), GOOD, at, plan, fuzz=False)


def _deck(ids: list[str], now: datetime, plan: Plan) -> list[points.Candidate]:
    """The first third met 5 to 40 days ago, the rest never met."""
    met = len(ids) // 3
    return [
        points.Candidate(
            card_id,
            _met(i + 1, now - timedelta(days=5 + i % 36), plan) if i < met else CardState(id=i + 1),
            0.1,
            10.0 + i % 7,
        )
        for i, card_id in enumerate(ids)
    ]


def test_with_no_minutes_every_card_simply_decays_to_the_exam_day():
    now = _now()
    plan = Plan(0.9, now + timedelta(days=30))
    cards = _deck([f"c{i}" for i in range(60)], now, plan)
    recall = whatif.projected_recall(cards, now, plan, 0)
    for card in cards:
        decayed = points.exam_points(card.state, 1.0, plan)  # 0 for a card never met
        assert recall[card.card_id] == pytest.approx(decayed)
    assert 0 < sum(recall.values()) < 20  # the met cards keep some recall, none is new-learnt
    too_short = whatif.projected_recall(cards, now, plan, 0.05)  # 3 s a day: no task fits
    assert too_short == pytest.approx(recall)


def test_a_small_case_by_hand_the_day_reviews_the_heavier_due_card_first():
    """Two cards due now, a minute a day, a minute per review, the exam a day and a half away:
    the plan reviews the heavier card today and the lighter one tomorrow, both rated Good (their
    recall is well above one half); the simulation ends with exactly those two reviews."""
    now = _now()
    plan = Plan(0.9, now + timedelta(hours=36))
    heavy = _met(1, now - timedelta(days=10), plan)
    light = _met(2, now - timedelta(days=10), plan)
    assert heavy.due <= now and light.due <= now
    cards = [
        points.Candidate("heavy", heavy, 0.3, 60.0),
        points.Candidate("light", light, 0.1, 60.0),
    ]
    recall = whatif.projected_recall(cards, now, plan, 1)
    by_hand_heavy = review(heavy, GOOD, now, plan, fuzz=False)
    by_hand_light = review(light, GOOD, now + timedelta(days=1), plan, fuzz=False)
    assert recall["heavy"] == pytest.approx(points.exam_points(by_hand_heavy, 1.0, plan))
    assert recall["light"] == pytest.approx(points.exam_points(by_hand_light, 1.0, plan))
    untouched = whatif.projected_recall(cards, now, plan, 0)
    assert recall["heavy"] > untouched["heavy"] and recall["light"] > untouched["light"]


def test_a_new_card_the_plan_meets_is_learnt_and_kept_to_the_exam():
    now = _now()
    plan = Plan(0.9, now + timedelta(days=12))
    cards = [points.Candidate("new", CardState(id=1), 0.2, 10.0)]
    assert whatif.projected_recall(cards, now, plan, 0) == {"new": 0.0}
    assert whatif.projected_recall(cards, now, plan, 5)["new"] >= plan.desired_retention


def test_more_minutes_never_lower_the_pass_chance(syllabus):
    now = _now()
    plan = Plan(0.9, now + timedelta(days=30))
    blueprint = syllabus.blueprints["mock-theory"]
    cards = _deck(sorted(syllabus.cards)[:240], now, plan)
    minutes = (0, 2, 5, 10, 20, 40)
    chances = whatif.pass_chances(syllabus, blueprint, cards, [], now, plan, minutes)
    assert chances == sorted(chances)
    # Tiny in absolute terms (240 cards, no answers), but forty minutes must clearly help.
    assert chances[-1] > max(2 * chances[0], chances[0] + 1e-6)
    simulated = [whatif.pass_chance(syllabus, blueprint, cards, [], now, plan, m) for m in minutes]
    assert chances == [max(simulated[: i + 1]) for i in range(len(minutes))]
    assert chances[0] == simulated[0]  # no minutes: the no-study decay, nothing to take over


def test_a_long_run_up_is_simulated_in_steps_of_several_days():
    assert whatif.step_days(12) == 1
    assert whatif.step_days(whatif.MAX_STEPS) == 1
    assert whatif.step_days(40) == 2
    assert whatif.step_days(90) == 5
