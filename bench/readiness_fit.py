"""Fit the readiness model's settings on simulated training cohorts, never on the test seed.

The candidates of ``bench/readiness_calibration.py`` study on training seeds (default 7, 11
and 13; the calibration bench reports its held-out default seed 20250601). Their evidence is
simulated once; each trial of settings only re-runs the prediction. The search is coordinate
descent over a few settings, minimising the log loss of the pass chance (a proper score, so it
rewards calibration) with a penalty when the 80 % range's coverage leaves 77–83 %.

    .venv/bin/python bench/readiness_fit.py [candidates per seed] [seed ...]
"""

from __future__ import annotations

import math
import random
import sys
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent))

from readiness_calibration import (  # noqa: E402
    NOMINAL,
    ROOT,
    CardEvidence,
    World,
    ece,
    live,
    new_candidate,
    passed,
    sit_paper,
)

from studyapp.domain.content import ContentFiles, load_syllabus  # noqa: E402
from studyapp.domain.readiness import AnswerEvidence, predict, prediction  # noqa: E402
from studyapp.domain.readiness.parameters import DEFAULT_PARAMETERS, Parameters  # noqa: E402

CANDIDATES = 100
TRAIN_SEEDS = (7, 11, 13)
# Settings searched, each with the steps tried around its current value (coordinate descent).
STEPS: dict[str, tuple[float, ...]] = {
    "card_ceiling": (-0.06, -0.03, 0.03),
    "base_knowledge": (-0.04, 0.04),
    "typical_knowledge": (-0.04, 0.04),
    "single_exponent": (-0.15, 0.15),
    "multiple_exponent": (-0.3, 0.3),
    "judge_exponent": (-0.15, 0.15),
    "shared_fraction": (-0.05, 0.05),
    "prior_strength": (-1.0, 1.0),
    "pooling": (-0.5, 0.5),
}
ROUNDS = 2
# Where the search starts: the settings tuned on the old, smaller bank.
START = replace(
    DEFAULT_PARAMETERS, base_knowledge=0.2, card_ceiling=0.8, pooling=2.0, judge_exponent=0.6
)
COVERAGE_BAND = 0.03  # penalised beyond 3 points from nominal (the target allows 5)
# Optional penalty on the mean score error beyond BIAS_BAND points. Off: with 0.005 the fit
# kept base_knowledge 0.16 and judge_exponent 0.6: less bias on held-out seeds (20250601:
# -2.9 -> -1.8 points, seed 5: -2.2 -> -1.1) but a lower training log loss without it, and
# held-out ECE mixed (0.029 -> 0.027 and 0.035 -> 0.044).
BIAS_BAND, BIAS_WEIGHT = 1.0, 0.0


@dataclass(frozen=True)
class Case:
    """One simulated candidate's evidence the day before the final, and the final."""

    world: World
    cards: list[CardEvidence]
    answers: list[AnswerEvidence]
    on: datetime
    passed: bool
    total: float  # final score, points


@dataclass(frozen=True)
class Fit:
    log_loss: float
    ece: float
    coverage: float
    bias: float  # mean predicted minus actual score, points
    objective: float


@dataclass(frozen=True)
class Scored:
    model_pass: float
    passed: bool


def _plan_once(plan_paper):
    """The paper's plan depends on the bank and blueprint only: compute it once per world."""
    plans: dict[tuple[int, int], object] = {}

    def cached(syllabus, blueprint):
        key = (id(syllabus), id(blueprint))
        if key not in plans:
            plans[key] = plan_paper(syllabus, blueprint)
        return plans[key]

    return cached


prediction.plan_paper = _plan_once(prediction.plan_paper)  # the fit re-predicts many times


def cohort(syllabus, seed: int, count: int) -> list[Case]:
    rng = random.Random(seed)
    world = World(syllabus, rng)
    lessons = sorted(syllabus.lessons)
    cases = []
    for _ in range(count):
        candidate = new_candidate(random.Random(rng.random()), syllabus, lessons)
        cards, on = live(world, candidate)
        final = sit_paper(world, candidate, on, False)
        cases.append(
            Case(world, cards, candidate.answers, on, passed(world, final), sum(final.values()))
        )
    return cases


def evaluate(cases: list[Case], parameters: Parameters) -> Fit:
    losses, scored, inside, errors = [], [], [], []
    for case in cases:
        world = case.world
        p = predict(world.syllabus, world.blueprint, case.cards, case.answers, case.on, parameters)
        chance = min(1 - 1e-4, max(1e-4, p.pass_probability))
        losses.append(-math.log(chance if case.passed else 1 - chance))
        scored.append(Scored(p.pass_probability, case.passed))
        inside.append(p.total.low <= case.total <= p.total.high)
        errors.append(p.total.mean - case.total)
    coverage = mean(inside)
    log_loss = mean(losses)
    bias = mean(errors)
    penalty = 2 * max(0.0, abs(coverage - NOMINAL) - COVERAGE_BAND)
    penalty += BIAS_WEIGHT * max(0.0, abs(bias) - BIAS_BAND)
    return Fit(log_loss, ece(scored, "model_pass"), coverage, bias, log_loss + penalty)


def search(cases: list[Case], start: Parameters) -> tuple[Parameters, Fit]:
    best, fit = start, evaluate(cases, start)
    show("start", best, fit)
    for _ in range(ROUNDS):
        improved = False
        for name, steps in STEPS.items():
            for step in steps:
                value = round(getattr(best, name) + step, 4)
                if (
                    not 0
                    < value
                    < (1 if name.endswith(("ceiling", "knowledge", "fraction")) else 9)
                ):
                    continue
                trial = replace(best, **{name: value})
                trial_fit = evaluate(cases, trial)
                if trial_fit.objective < fit.objective - 1e-4:
                    best, fit, improved = trial, trial_fit, True
                    show(f"{name}={value}", best, fit)
        if not improved:
            break
    return best, fit


def show(label: str, parameters: Parameters, fit: Fit) -> None:
    print(f"  {label:28s} log loss {fit.log_loss:.4f}  ECE {fit.ece:.4f}  "
          f"coverage {fit.coverage:.1%}  bias {fit.bias:+.2f}", flush=True)  # fmt: skip


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else CANDIDATES
    seeds = tuple(int(s) for s in sys.argv[2:]) or TRAIN_SEEDS
    syllabus = load_syllabus(ContentFiles.from_directory(ROOT / "content")).syllabus
    started = time.perf_counter()
    cases = [case for seed in seeds for case in cohort(syllabus, seed, count)]
    print(f"training: {len(cases)} candidates on seeds {seeds}, "
          f"simulated in {time.perf_counter() - started:.0f} s")  # fmt: skip
    best, fit = search(cases, START)
    changed = {
        name: getattr(best, name) for name in STEPS if getattr(best, name) != getattr(START, name)
    }
    print("fitted settings (changed from the old bank's):", changed or "none")
    differ = {
        name: getattr(best, name)
        for name in STEPS
        if getattr(best, name) != getattr(DEFAULT_PARAMETERS, name)
    }
    print("differences from parameters.py:", differ or "none")
    print(f"fit_log_loss={fit.log_loss:.4f}")


if __name__ == "__main__":
    main()
