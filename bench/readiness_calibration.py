"""Calibration of the readiness prediction on simulated candidates studying the real syllabus.

Each candidate has an ability, a diligence (chance to study on a day), a personal memory (true
recall = FSRS retrievability ** memory) and, per topic, a knowledge before study and a ceiling.
Day by day for 3–8 weeks they review due cards (FSRS ``Scheduler``, rated by true recall), learn
new cards in their own chapter order, practise questions and sit one or two ``mock-theory``
mocks; the day before the final the model predicts, then they sit the final. The truth is not
the model's form: hidden item difficulty, easier true/false, guessing helped by partial
knowledge, learning by practice, a personal memory factor.

Baseline: the last mock before the final. Its score predicts the final score; its pass chance
is "hard" (1 if it passed, else 0) or "smoothed" (each part a binomial sample of skill, normal
approximation); the ratio uses the better of the two. Oracle: 40 replays of the final at the
true knowledge, the floor that the luck of the draw and of the answers leaves to any predictor.

    .venv/bin/python bench/readiness_calibration.py [candidates] [seed]

The model's parameters were fitted on seeds 7, 11 and 13 (bench/readiness_fit.py); the default
seed is held out.
"""

from __future__ import annotations

import math
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from statistics import NormalDist, mean, median

from fsrs import Card, Rating, Scheduler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studyapp.domain.content import ContentFiles, load_syllabus  # noqa: E402
from studyapp.domain.exams.draw import draw_paper  # noqa: E402
from studyapp.domain.readiness import AnswerEvidence, CardEvidence, predict  # noqa: E402
from studyapp.domain.readiness.parameters import (  # noqa: E402
    DEFAULT_PARAMETERS as DEFAULT,
)
from studyapp.domain.readiness.parameters import Parameters  # noqa: E402

CANDIDATES = 400
ORACLE_PAPERS = 40
SEED = 20250601
START = datetime(2025, 3, 3, 9, tzinfo=UTC)
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
GUESS = {"judge": 0.5, "single": 0.25, "multiple": 0.04}
TYPE_DIFFICULTY = {"judge": -0.3, "single": 0.0, "multiple": 0.8, "short": 0.5}


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


@dataclass
class Candidate:
    rng: random.Random
    ability: float
    diligence: float
    new_per_day: int
    practice_per_day: int
    memory: float  # true recall = FSRS retrievability ** memory
    days: int
    order: list[str]  # card ids in the order this candidate learns them
    base: dict[str, float]
    ceiling: dict[str, float]
    deck: dict[str, Card] = field(default_factory=dict)
    deck_by_lesson: dict[str, list[str]] = field(default_factory=dict)
    practised: Counter = field(default_factory=Counter)
    answers: list[AnswerEvidence] = field(default_factory=list)
    mocks: list[dict[str, float]] = field(default_factory=list)


TUNED_DECK = 355


def new_candidate(rng: random.Random, syllabus, lessons: list[str]) -> Candidate:
    ability = rng.gauss(0, 1)
    chapters = list(syllabus.course.chapter_ids)
    if rng.random() < 0.4:  # some take the chapters in their own order
        rng.shuffle(chapters)
    rank = {chapter: i for i, chapter in enumerate(chapters)}
    position = {lesson.id: lesson.position for lesson in syllabus.lessons.values()}
    order = sorted(
        (c for c in syllabus.cards.values() if not c.retired),
        key=lambda c: (rank[c.chapter], position[c.lesson], c.id),
    )
    # New cards a day scale with the deck: the settings were tuned on 355 cards, and a cohort
    # studying today's deck at that pace would meet a third of it (and nobody would pass).
    scale = len(order) / TUNED_DECK
    return Candidate(
        rng, ability, diligence=rng.uniform(0.35, 0.95),
        new_per_day=round(rng.randint(5, 18) * scale),
        practice_per_day=rng.randint(0, 25), memory=math.exp(-0.25 * ability + rng.gauss(0, 0.2)),
        days=rng.randint(21, 56), order=[c.id for c in order],
        base={lesson: sigmoid(-2.0 + 0.5 * ability + rng.gauss(0, 0.4)) for lesson in lessons},
        ceiling={lesson: sigmoid(1.6 + 0.8 * ability + rng.gauss(0, 0.6)) for lesson in lessons},
    )  # fmt: skip


class World:
    """The syllabus as the simulation needs it, with each question's hidden difficulty."""

    def __init__(self, syllabus, rng: random.Random):
        self.syllabus = syllabus
        self.blueprint = syllabus.blueprints["mock-theory"]
        # The types the simulated candidates answer (the bank has since gained ordering and
        # fill-in items, which no mock paper draws).
        self.questions = [
            q for q in syllabus.questions.values() if not q.retired and q.type in TYPE_DIFFICULTY
        ]
        self.practice = [q for q in self.questions if q.type != "short"]  # as the mock paper
        self.difficulty = {
            q.id: TYPE_DIFFICULTY[q.type] + rng.gauss(0, 0.6) for q in self.questions
        }
        self.card_index = {card_id: i for i, card_id in enumerate(syllabus.cards)}
        self.cards_per_lesson = Counter(c.lesson for c in syllabus.cards.values() if not c.retired)


def true_recall(candidate: Candidate, card: Card, now: datetime) -> float:
    return SCHEDULER.get_card_retrievability(card, now) ** candidate.memory


def knowledge(world: World, candidate: Candidate, lesson: str, now: datetime) -> float:
    """True knowledge of a topic: base, raised towards the ceiling by card memory and practice."""
    recall = sum(
        true_recall(candidate, candidate.deck[card_id], now)
        for card_id in candidate.deck_by_lesson.get(lesson, ())
    ) / max(1, world.cards_per_lesson.get(lesson, 0))
    practice = 1 - math.exp(-candidate.practised[lesson] / 12)
    lift = min(1.0, 0.7 * recall + 0.3 * practice)
    return candidate.base[lesson] + (candidate.ceiling[lesson] - candidate.base[lesson]) * lift


def answer(world: World, candidate: Candidate, question, known: float) -> float:
    """1 or 0: the candidate knows the item (hidden difficulty, a small slip) or guesses."""
    rng = candidate.rng
    odds = known / max(1e-9, 1 - known) * math.exp(-world.difficulty[question.id])
    if rng.random() < odds / (1 + odds):
        return 0.0 if rng.random() < 0.03 else 1.0
    guess = GUESS[question.type] + (0.15 if question.type == "single" else 0.08) * known
    return 1.0 if rng.random() < guess else 0.0


def study_day(world: World, candidate: Candidate, now: datetime) -> None:
    rng = candidate.rng
    for card_id, card in list(candidate.deck.items()):
        if card.due <= now:
            recalled = rng.random() < true_recall(candidate, card, now)
            rating = rng.choice((Rating.Hard, Rating.Good, Rating.Good, Rating.Easy))
            candidate.deck[card_id] = SCHEDULER.review_card(
                card, rating if recalled else Rating.Again, now
            )[0]
    fresh = [c for c in candidate.order if c not in candidate.deck][: candidate.new_per_day]
    for card_id in fresh:
        good = rng.random() < sigmoid(0.5 + candidate.ability)
        card = Card(card_id=world.card_index[card_id], due=now)
        candidate.deck[card_id] = SCHEDULER.review_card(
            card, Rating.Good if good else Rating.Again, now
        )[0]
        lesson = world.syllabus.cards[card_id].lesson
        candidate.deck_by_lesson.setdefault(lesson, []).append(card_id)
    started = candidate.deck_by_lesson.keys()
    pool = [q for q in world.practice if q.lesson in started]
    cache: dict[str, float] = {}
    for question in rng.sample(pool, min(len(pool), candidate.practice_per_day)):
        if question.lesson not in cache:
            cache[question.lesson] = knowledge(world, candidate, question.lesson, now)
        record(candidate, question, answer(world, candidate, question, cache[question.lesson]), now)
        candidate.practised[question.lesson] += 1


def record(candidate: Candidate, question, result: float, now: datetime) -> None:
    candidate.answers.append(
        AnswerEvidence(question.id, question.lesson, question.type, result, now)
    )


def sit_paper(world: World, candidate: Candidate, now: datetime, keep: bool) -> dict[str, float]:
    """Part scores of a freshly drawn mock paper (multiple choice all or nothing)."""
    scores = {part.id: 0.0 for part in world.blueprint.parts}
    cache: dict[str, float] = {}
    for drawn in draw_paper(world.blueprint, world.questions, candidate.rng):
        question = world.syllabus.questions[drawn.question_id]
        if question.lesson not in cache:
            cache[question.lesson] = knowledge(world, candidate, question.lesson, now)
        result = answer(world, candidate, question, cache[question.lesson])
        scores[drawn.part_id] += drawn.points * result
        if keep:
            record(candidate, question, result, now)
    return scores


def passed(world: World, scores: dict[str, float]) -> bool:
    return all(scores[part.id] >= part.pass_mark for part in world.blueprint.parts)


def smoothed_pass(world: World, scores: dict[str, float]) -> float:
    """The last mock's parts as binomial samples of skill: chance each part clears its mark."""
    chance = 1.0
    for part in world.blueprint.parts:
        share = min(0.99, max(0.01, scores[part.id] / part.total))
        sd = math.sqrt(sum(s.points**2 * s.count for s in part.sections) * share * (1 - share))
        step = min(s.points for s in part.sections)
        chance *= NormalDist().cdf((scores[part.id] - part.pass_mark + step / 2) / sd)
    return chance


@dataclass(frozen=True)
class Outcome:
    """One candidate's final, the model's prediction of it and the baseline's."""

    passed: bool
    score: float  # share of the maximum
    parts: dict[str, tuple[float, float]]  # part → (predicted mean, actual) points
    model_score: float
    model_pass: float
    inside: bool  # the final total lies in the model's range
    inside_parts: dict[str, bool]  # each part's final score lies in that part's range
    base_score: float
    base_hard: float
    base_smooth: float
    oracle_score: float  # expected score at the candidate's true knowledge
    oracle_pass: float
    seconds: float  # time to predict


def live(world: World, candidate: Candidate) -> tuple[list[CardEvidence], datetime]:
    """Study day by day up to the final; the cards' recall on its day, and that day."""
    rng, days = candidate.rng, candidate.days
    mock_days = {days - rng.randint(2, 6)}
    if rng.random() < 0.5:
        mock_days.add(days - rng.randint(10, 16))
    for day in range(days):
        now = START + timedelta(days=day)
        if rng.random() < candidate.diligence:
            study_day(world, candidate, now)
        if day in mock_days:
            candidate.mocks.append(sit_paper(world, candidate, now + timedelta(hours=8), True))
    final_at = START + timedelta(days=days, hours=1)
    cards = [
        CardEvidence(card_id, world.syllabus.cards[card_id].lesson,
                     SCHEDULER.get_card_retrievability(card, final_at))
        for card_id, card in candidate.deck.items()
    ]  # fmt: skip
    return cards, final_at


def simulate(world: World, candidate: Candidate, parameters: Parameters = DEFAULT) -> Outcome:
    cards, final_at = live(world, candidate)
    started = time.perf_counter()
    prediction = predict(
        world.syllabus, world.blueprint, cards, candidate.answers, final_at, parameters
    )
    elapsed = time.perf_counter() - started
    final = sit_paper(world, candidate, final_at, False)
    last, total = candidate.mocks[-1], world.blueprint.total
    # What a predictor knowing the candidate's true knowledge would say: many more finals.
    replays = [sit_paper(world, candidate, final_at, False) for _ in range(ORACLE_PAPERS)]
    return Outcome(
        passed=passed(world, final),
        score=sum(final.values()) / total,
        parts={part: (estimate.mean, final[part]) for part, estimate in prediction.parts.items()},
        model_score=prediction.total.mean / total,
        model_pass=prediction.pass_probability,
        inside=prediction.total.low <= sum(final.values()) <= prediction.total.high,
        inside_parts={
            part: estimate.low <= final[part] <= estimate.high
            for part, estimate in prediction.parts.items()
        },
        base_score=sum(last.values()) / total,
        base_hard=1.0 if passed(world, last) else 0.0,
        base_smooth=smoothed_pass(world, last),
        oracle_score=mean(sum(paper.values()) for paper in replays) / total,
        oracle_pass=mean(passed(world, paper) for paper in replays),
        seconds=elapsed,
    )


def brier(outcomes: list[Outcome], name: str) -> float:
    return mean((getattr(o, name) - (1.0 if o.passed else 0.0)) ** 2 for o in outcomes)


def mae(outcomes: list[Outcome], name: str) -> float:
    return 100 * mean(abs(getattr(o, name) - o.score) for o in outcomes)


ECE_TARGET = 0.05
NOMINAL = 0.80  # the range's promised coverage (Parameters.interval)
COVERAGE_SLACK = 0.05


def ece(outcomes: list[Outcome], name: str, bins: int = 10) -> float:
    """Expected calibration error: |mean predicted − share passed| over ten equal-width bins,
    weighted by the candidates in each."""
    total = 0.0
    for index in range(bins):
        group = [
            o for o in outcomes
            if index / bins <= getattr(o, name) < (index + 1) / bins
            or (index == bins - 1 and getattr(o, name) >= 1.0)
        ]  # fmt: skip
        if group:
            gap = mean(getattr(o, name) for o in group) - mean(o.passed for o in group)
            total += len(group) * abs(gap)
    return total / len(outcomes)


def report_honesty(outcomes: list[Outcome], world: World) -> float:
    """ECE of the pass probability beside the last-mock baselines, and range coverage."""
    model = ece(outcomes, "model_pass")
    print("pass probability, expected calibration error (10 bins; lower is better):")
    print(f"  model {model:.4f}   baseline hard {ece(outcomes, 'base_hard'):.4f}   "
          f"baseline smoothed {ece(outcomes, 'base_smooth'):.4f}   "
          f"oracle {ece(outcomes, 'oracle_pass'):.4f}")  # fmt: skip
    print(f"  target: model ECE ≤ {ECE_TARGET} → {'MET' if model <= ECE_TARGET else 'MISSED'}")
    coverages = {"total": mean(o.inside for o in outcomes)}
    for part in world.blueprint.parts:
        coverages[part.id] = mean(o.inside_parts[part.id] for o in outcomes)
    for name, share in coverages.items():
        verdict = "MET" if abs(share - NOMINAL) <= COVERAGE_SLACK else "MISSED"
        print(f"  range coverage, {name}: {share:.1%} for {NOMINAL:.0%} promised "
              f"(target within {100 * COVERAGE_SLACK:.0f} points) → {verdict}")  # fmt: skip
    return model


def report(outcomes: list[Outcome], world: World) -> None:
    print(f"candidates: {len(outcomes)}, pass rate of the final: "
          f"{mean(o.passed for o in outcomes):.1%}, "
          f"mean final score: {100 * mean(o.score for o in outcomes):.1f} % of max")  # fmt: skip
    print("pass probability, Brier score (lower is better):")
    model = brier(outcomes, "model_pass")
    hard, smooth = brier(outcomes, "base_hard"), brier(outcomes, "base_smooth")
    print(f"  model {model:.4f}   baseline hard {hard:.4f}   baseline smoothed {smooth:.4f}   "
          f"oracle {brier(outcomes, 'oracle_pass'):.4f}")  # fmt: skip
    print("predicted score, mean absolute error (% of max):")
    print(f"  model {mae(outcomes, 'model_score'):.2f}   baseline {mae(outcomes, 'base_score'):.2f}"
          f"   oracle {mae(outcomes, 'oracle_score'):.2f}")  # fmt: skip
    for part in world.blueprint.parts:
        predicted = mean(o.parts[part.id][0] for o in outcomes)
        actual = mean(o.parts[part.id][1] for o in outcomes)
        print(f"  part {part.id}: mean predicted {predicted:.1f}, mean actual {actual:.1f} "
              f"of {part.total:g}")  # fmt: skip
    print(f"final score inside the model's 80 % range: {mean(o.inside for o in outcomes):.1%}")
    print("calibration of the pass probability (bin: candidates, mean predicted, share passed):")
    edges = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001)
    for low, high in pairwise(edges):
        group = [o for o in outcomes if low <= o.model_pass < high]
        if group:
            print(f"  [{low:.1f}, {min(high, 1):.1f}): {len(group):4d}  "
                  f"{mean(o.model_pass for o in group):.2f}  "
                  f"{mean(o.passed for o in group):.2f}")  # fmt: skip
    times = sorted(o.seconds for o in outcomes)
    print(f"prediction time: median {1000 * median(times):.1f} ms, "
          f"95th percentile {1000 * times[int(0.95 * len(times))]:.1f} ms")  # fmt: skip
    print(f"brier_ratio={model / min(hard, smooth):.3f}")
    pass_ece = report_honesty(outcomes, world)
    print(f"pass_ece={pass_ece:.4f}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else CANDIDATES
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else SEED
    syllabus = load_syllabus(ContentFiles.from_directory(ROOT / "content")).syllabus
    rng = random.Random(seed)
    world = World(syllabus, rng)
    lessons = sorted(syllabus.lessons)
    outcomes = [
        simulate(world, new_candidate(random.Random(rng.random()), syllabus, lessons))
        for _ in range(count)
    ]
    report(outcomes, world)


if __name__ == "__main__":
    main()
