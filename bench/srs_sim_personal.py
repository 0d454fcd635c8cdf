"""Personal parameters in bench/srs_sim.py: do fitted weights predict a learner's reviews better?

Learners whose true weights are spread like the published benchmark's users
(``Learner.make(..., wide=True)``) study the syllabus for 60 days with the exam planner at
0.90 on the default weights, as every candidate does before their first fit. Their logs are then
fitted with studyapp/domain/srs/fitting.py (fsrs-rs-python) and scored on held-out reviews:

- forward: fit on the reviews of the first two thirds of the run, predict every later review
  (what a candidate meets after a fit);
- by card: the app's own check (every fifth card held out), as the background fit does it;
- threshold: fit on a learner's first K repeat reviews, predict all later ones; the share of
  learners whose fit beats the defaults, and the mean RMSE change, per K.

Log loss and RMSE over bins are fsrs-rs's (the FSRS benchmark's metrics), per learner, averaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from multiprocessing import Pool
from statistics import fmean

from srs_sim_learner import Learner
from srs_sim_run import simulate

from studyapp.domain.srs import fitting

HORIZON = 60
FORWARD_SHARE = 2 / 3
THRESHOLDS = (50, 100, 200, 400, 800, 1600)
RMSE_TARGET = 0.25  # personal RMSE at least 25 % lower than the defaults'


@dataclass(frozen=True)
class LearnerFit:
    reviews: int
    forward: tuple[float, float, float, float]  # log loss personal, default; RMSE personal, default
    by_card: tuple[float, float, float, float] | None
    threshold: dict[int, tuple[bool, float]]  # K → (fit beats defaults, RMSE change)


def _score_pair(train, test):
    fitted = fitting.fit_items(train)
    if fitted is None or len(test) < 8:
        return None
    mine, theirs = fitting.score(fitted, test), fitting.score(fitting.DEFAULT_PARAMETERS, test)
    return mine[0], theirs[0], mine[1], theirs[1]


def _fit_learner(task: tuple[Learner, int]) -> LearnerFit:
    learner, card_count = task
    log: list = []
    simulate(learner, card_count, HORIZON, "planner", 0.9, log)
    reviews = [fitting.LoggedReview(index + 1, at, rating) for index, at, rating in log]
    items = sorted(fitting.items_of(reviews), key=lambda item: item.at)
    cut = items[int(len(items) * FORWARD_SHARE)].at
    forward = _score_pair([i for i in items if i.at < cut], [i for i in items if i.at >= cut])
    app_fit = fitting.fit(reviews)
    by_card = app_fit and (
        app_fit.log_loss_fitted, app_fit.log_loss_default, app_fit.rmse_fitted,
        app_fit.rmse_default,
    )  # fmt: skip
    threshold = {}
    first = _first_seen(reviews)
    repeats = sorted(r.reviewed_at for r in reviews if r.reviewed_at > first[r.card])
    for k in THRESHOLDS:
        if k >= len(repeats) - 100:
            continue
        scored = _score_pair(
            [i for i in items if i.at <= repeats[k - 1]],
            [i for i in items if i.at > repeats[k - 1]],
        )
        if scored:
            threshold[k] = (scored[0] < scored[1], 1 - scored[2] / scored[3])
    return LearnerFit(len(reviews), forward, by_card, threshold)


def _first_seen(reviews) -> dict:
    first: dict = {}
    for review in reviews:
        if review.card not in first or review.reviewed_at < first[review.card]:
            first[review.card] = review.reviewed_at
    return first


def run(cards: list, learners: int, workers: int) -> list[LearnerFit]:
    crowd = [Learner.make(seed, cards, wide=True) for seed in range(1, learners + 1)]
    with Pool(workers) as pool:
        return pool.map(_fit_learner, [(learner, len(cards)) for learner in crowd])


def report(fits: list[LearnerFit]) -> float:
    """Prints the personal-parameter figures; returns personal RMSE / default RMSE (forward)."""
    print(f"\n== personal parameters ({len(fits)} learners, weights spread like the benchmark's,")
    print(f"   {HORIZON} days, mean {fmean(f.reviews for f in fits):.0f} reviews each) ==")
    print(f"{'held-out':<10}{'log loss pers.':>16}{'default':>9}{'RMSE pers.':>12}{'default':>9}")
    ratio = 0.0
    for name, rows in (
        ("forward", [f.forward for f in fits if f.forward]),
        ("by card", [f.by_card for f in fits if f.by_card]),
    ):
        means = [fmean(row[i] for row in rows) for i in range(4)]
        print(f"{name:<10}{means[0]:>16.4f}{means[1]:>9.4f}{means[2]:>12.4f}{means[3]:>9.4f}")
        if name == "forward":
            ratio = means[2] / means[3]
    print(
        f"target (forward): personal RMSE {1 - ratio:.1%} lower than the defaults' "
        f"(target ≥ {RMSE_TARGET:.0%}) → {'MET' if 1 - ratio >= RMSE_TARGET else 'MISSED'}"
    )
    print("threshold: fit on the first K repeat reviews, predict the rest")
    print(f"{'K':>6}{'learners':>10}{'fit better':>12}{'RMSE change':>13}")
    for k in THRESHOLDS:
        rows = [f.threshold[k] for f in fits if k in f.threshold]
        if rows:
            better = fmean(1.0 if b else 0.0 for b, _gain in rows)
            gain = fmean(g for _b, g in rows)
            print(f"{k:>6}{len(rows):>10}{better:>12.0%}{-gain:>+13.1%}")
    print(f"MIN_REVIEWS in the app: {fitting.MIN_REVIEWS}")
    return ratio
