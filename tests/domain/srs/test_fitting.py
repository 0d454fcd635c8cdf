"""Fitting a learner's own FSRS parameters: better than the defaults on held-out reviews."""

from studyapp.domain.srs import fitting
from tests.domain.srs.synthetic import synthetic_log


def _log():
    return [fitting.LoggedReview(card, at, rating) for card, at, rating in synthetic_log()]


def test_a_fit_predicts_held_out_reviews_better_than_the_defaults():
    reviews = _log()
    result = fitting.fit(reviews)
    assert result is not None
    assert result.n_reviews == len(reviews) and result.n_heldout > 20
    assert result.better  # lower held-out log loss …
    assert result.rmse_fitted < result.rmse_default  # … and better calibrated
    assert result.parameters != fitting.clamp(fitting.DEFAULT_PARAMETERS)


def test_a_log_too_thin_gives_no_fit():
    assert fitting.fit(_log()[:15]) is None


def test_a_fit_is_due_at_the_threshold_and_again_after_a_quarter_more():
    assert not fitting.due_for_fit(fitting.MIN_REVIEWS - 1, None)
    assert fitting.due_for_fit(fitting.MIN_REVIEWS, None)
    assert not fitting.due_for_fit(fitting.MIN_REVIEWS + 10, fitting.MIN_REVIEWS)
    assert fitting.due_for_fit(round(fitting.MIN_REVIEWS * 1.25), fitting.MIN_REVIEWS)


def test_repeat_reviews_leave_out_first_sightings():
    reviews = _log()
    assert fitting.repeat_reviews(reviews) == len(reviews) - len({r.card for r in reviews})
