"""The home panel's what-if: two forward simulations of a candidate's plan, with predictions.

A candidate of the real syllabus: 1232 cards (every other one met 1 to 60 days ago, rated
Good), measured review times of 6 to 20 seconds, the exam 40 days away. Times the panel's pair
(10 and 25 minutes a day, studyapp.domain.readiness.whatif.pass_chances), best of three, in CPU
seconds: as shipped (steps of several days beyond MAX_STEPS days) and, as the baseline in the
same run, simulating every day. Target: the pair well under 1 s. Last line: the pair's seconds.

    .venv/bin/python bench/whatif.py
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studyapp.cards.timing import card_weights_of  # noqa: E402
from studyapp.domain.content import ContentFiles, load_syllabus  # noqa: E402
from studyapp.domain.readiness import whatif  # noqa: E402
from studyapp.domain.srs import points  # noqa: E402
from studyapp.domain.srs.memory import GOOD, CardState  # noqa: E402
from studyapp.domain.srs.planner import Plan, review  # noqa: E402

NOW = datetime(2026, 3, 10, 7, 30, tzinfo=UTC)
CARDS, DAYS, MINUTES = 1232, 40, 10


def candidate(syllabus, plan: Plan) -> list[points.Candidate]:
    rng, weights = random.Random(3), card_weights_of(syllabus)
    fallback = sum(weights.values()) / len(weights)
    cards = []
    for i, card_id in enumerate(sorted(syllabus.cards)[:CARDS]):
        state = CardState(id=i + 1)
        if i % 2:
            state = review(state, GOOD, NOW - timedelta(days=rng.randint(1, 60)), plan, False)
        cards.append(
            points.Candidate(card_id, state, weights.get(card_id, fallback), rng.uniform(6, 20))
        )
    return cards


def best_pair(syllabus, cards, plan) -> tuple[float, list[float]]:
    blueprint, best, chances = syllabus.blueprints["mock-theory"], float("inf"), []
    for _ in range(3):
        points.reviewed.cache_clear()
        start = time.process_time()
        chances = whatif.pass_chances(
            syllabus, blueprint, cards, [], NOW, plan, (MINUTES, MINUTES + whatif.EXTRA_MINUTES)
        )
        best = min(best, time.process_time() - start)
    return best, chances


def main() -> None:
    syllabus = load_syllabus(ContentFiles.from_directory(ROOT / "content")).syllabus
    plan = Plan(0.9, NOW + timedelta(days=DAYS))
    cards = candidate(syllabus, plan)
    shipped, chances = best_pair(syllabus, cards, plan)
    steps = whatif.MAX_STEPS
    whatif.MAX_STEPS = 10**6  # the baseline: every day simulated
    daily, daily_chances = best_pair(syllabus, cards, plan)
    whatif.MAX_STEPS = steps
    print(f"cards={len(cards)} days={DAYS} step_days={whatif.step_days(DAYS)}")
    print(
        f"chances={[round(c, 3) for c in chances]} daily_chances={[round(c, 3) for c in daily_chances]}"
    )
    print(f"daily_pair_seconds={daily:.3f} ratio_to_daily={shipped / daily:.2f}")
    print(f"whatif_pair_seconds={shipped:.3f}")


if __name__ == "__main__":
    main()
