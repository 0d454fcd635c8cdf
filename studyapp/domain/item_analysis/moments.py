"""Deviations and sample (n − 1) variances of float sequences, as Moodle computes them."""

from __future__ import annotations

from collections.abc import Sequence
from operator import mul


def deviations(values: Sequence[float]) -> list[float]:
    """Each value minus the mean; exact zeros when all values are equal.

    Equal values are special-cased because a float mean of, say, ten 0.1s is not exactly 0.1,
    and the tiny deviations would turn a zero variance into a meaningless correlation.
    """
    if not values:
        return []
    if values.count(values[0]) == len(values):
        return [0.0] * len(values)
    mean = sum(values) / len(values)
    return [value - mean for value in values]


def sum_of_products(left: Sequence[float], right: Sequence[float]) -> float:
    total: float = sum(map(mul, left, right))
    return total


def sample_variance(values: Sequence[float]) -> float | None:
    """Σ(x − x̄)² / (n − 1); None below two values."""
    if len(values) < 2:
        return None
    centred = deviations(values)
    return sum_of_products(centred, centred) / (len(values) - 1)
