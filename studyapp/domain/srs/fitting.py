"""Fitting a candidate's own FSRS parameters to their review log (fsrs-rs-python, no torch).

The log is split by card: every fifth card (by a stable hash of its id) is held out, the
parameters are fitted on the reviews of the other cards, and both the fitted and the default
parameters then predict the held-out reviews. The fitted set is *used* only when it predicts
them better (lower log loss); otherwise scheduling stays on the defaults. The threshold
``MIN_REVIEWS`` comes from bench/srs_sim.py (see docs/scheduling.md, "Personal parameters").

Fitting takes seconds of CPU, so it runs in the background (studyapp/cards/fitting.py), never in
a request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS
from fsrs_rs_python import FSRS, FSRSItem, FSRSReview

from studyapp.domain.calendar import study_day

# Reviews of cards already met (not first sightings) before a fit is tried. Measured in
# bench/srs_sim.py ("personal parameters by reviews"): below this the fitted set beats the
# defaults on held-out reviews for too few learners to be worth the work. Anki's own anchor:
# the optimizer wants some hundreds of reviews.
MIN_REVIEWS = 400
REFIT_GROWTH = 1.25  # refit once the log has grown by a quarter since the last fit
HOLDOUT_EVERY = 5  # every fifth card is held out


@dataclass(frozen=True)
class LoggedReview:
    card: int  # a stable id of (user, card)
    reviewed_at: datetime
    rating: int


@dataclass(frozen=True)
class FitResult:
    parameters: tuple[float, ...]  # the fitted set
    n_reviews: int  # reviews in the log the fit saw (train and held-out)
    n_heldout: int  # held-out reviews scored
    log_loss_fitted: float
    log_loss_default: float
    rmse_fitted: float  # RMSE over bins, as the FSRS benchmark reports it
    rmse_default: float

    @property
    def better(self) -> bool:
        """The fitted set predicts the held-out reviews better than the defaults."""
        return self.log_loss_fitted < self.log_loss_default

    @property
    def rmse_gain(self) -> float:
        """Share of the defaults' calibration error the fitted set removes (0.3 = 30 % lower)."""
        return 1 - self.rmse_fitted / self.rmse_default if self.rmse_default else 0.0


def repeat_reviews(reviews: list[LoggedReview]) -> int:
    """Reviews of cards already met: the evidence a fit learns from."""
    return len(reviews) - len({review.card for review in reviews})


def _held_out(card: int) -> bool:
    return (card * 2654435761) % 2**32 % HOLDOUT_EVERY == 0


@dataclass(frozen=True)
class Item:
    """One review to predict (``at``), with the card's history before it."""

    card: int
    at: datetime
    item: FSRSItem


def items_of(reviews: list[LoggedReview]) -> list[Item]:
    """Every review a day or more after the one before, with the history before it (elapsed
    time in whole study days). Same-day steps are history, never targets: fsrs-rs neither
    learns from nor scores them."""
    by_card: dict[int, list[LoggedReview]] = defaultdict(list)
    for review in reviews:
        by_card[review.card].append(review)
    items: list[Item] = []
    for card, history in by_card.items():
        history.sort(key=lambda review: review.reviewed_at)
        steps, gaps, previous = [], [], None
        for review in history:
            day = study_day(review.reviewed_at)
            gaps.append((day - previous).days if previous else 0)
            steps.append(FSRSReview(review.rating, gaps[-1]))
            previous = day
        items.extend(
            Item(card, history[i].reviewed_at, FSRSItem(steps[: i + 1]))
            for i in range(1, len(steps))
            if gaps[i] > 0
        )
    return items


def clamp(parameters: Sequence[float]) -> tuple[float, ...]:
    """Within the bounds the fsrs scheduler accepts."""
    return tuple(
        min(high, max(low, float(value)))
        for value, low, high in zip(
            parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True
        )
    )


def fit_items(train: list[Item]) -> tuple[float, ...] | None:
    """Parameters fitted to ``train``; None when fsrs-rs cannot learn from it."""
    if len(train) < 8:
        return None
    try:
        return clamp(FSRS(list(DEFAULT_PARAMETERS)).compute_parameters([i.item for i in train]))
    except (ValueError, RuntimeError):
        return None


def score(parameters: Sequence[float], test: list[Item]) -> tuple[float, float]:
    """(log loss, RMSE over bins) of ``parameters``' predictions of ``test``."""
    evaluation = FSRS(list(parameters)).evaluate([i.item for i in test])
    return evaluation.log_loss, evaluation.rmse_bins


def fit(reviews: list[LoggedReview]) -> FitResult | None:
    """Fits parameters on most cards and scores them against the defaults on the rest.

    None when the log is too thin to say anything (no held-out or no training reviews).
    """
    items = items_of(reviews)
    train = [item for item in items if not _held_out(item.card)]
    test = [item for item in items if _held_out(item.card)]
    fitted = fit_items(train)
    if fitted is None or len(test) < 8:
        return None
    mine, theirs = score(fitted, test), score(DEFAULT_PARAMETERS, test)
    return FitResult(
        parameters=fitted,
        n_reviews=len(reviews),
        n_heldout=len(test),
        log_loss_fitted=mine[0],
        log_loss_default=theirs[0],
        rmse_fitted=mine[1],
        rmse_default=theirs[1],
    )


def due_for_fit(repeat_count: int, reviews_at_last_fit: int | None) -> bool:
    """Enough reviews, and (after a first fit) enough new ones since."""
    if repeat_count < MIN_REVIEWS:
        return False
    return reviews_at_last_fit is None or repeat_count >= reviews_at_last_fit * REFIT_GROWTH
