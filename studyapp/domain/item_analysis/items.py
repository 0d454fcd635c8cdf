"""Moodle's statistics of one question, over the attempts that contain it.

As in Moodle's question/classes/statistics/questions/calculator.php (secondary_steps_walker and
secondary_question_walker), with n − 1 denominators throughout:

- facility index = mean mark / max mark;
- discrimination index = cov(mark, rest) / √(var(mark) · var(rest)), where rest is the attempt's
  total minus this question's mark (Moodle prints it × 100; here it stays −1…1);
- discriminative efficiency = 100 × cov(mark, rest) / cov_max, where cov_max pairs the marks and
  the rests each sorted ascending: the largest covariance those two sets of values allow, so an
  easy or hard question is not blamed for the discrimination its facility makes impossible.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field
from math import sqrt

from studyapp.domain.item_analysis.model import ItemStats, OptionCount
from studyapp.domain.item_analysis.moments import deviations, sum_of_products


@dataclass(slots=True)
class ItemColumn:
    """One question's responses, field by field, as the single pass over the attempts files them.

    Fields rather than the response objects: they are read while each attempt is in the cache.
    The numbers go into arrays of doubles, which the sums and the sort below read about three
    times faster than lists of scattered float objects (and in a third of the memory).
    """

    options: int
    key: tuple[int, ...]
    marks: array[float] = field(default_factory=lambda: array("d"))
    rests: array[float] = field(default_factory=lambda: array("d"))  # attempt total − this mark
    max_marks: array[float] = field(default_factory=lambda: array("d"))
    # As read: "0,2" from the database, or a tuple; parsed once per distinct answer.
    chosen: list[str | tuple[int, ...] | None] = field(default_factory=list)
    seconds: array[float] = field(default_factory=lambda: array("d"))  # only the timed responses


def item_stats(question_id: str, column: ItemColumn) -> ItemStats:
    marks, count = column.marks, len(column.marks)
    mark_sum, max_sum = sum(marks), sum(column.max_marks)
    max_mark, mark_mean = max_sum / count, mark_sum / count
    mark_variance = sd = discrimination = efficiency = None
    if count >= 2:
        # Marks take few values (0 and 1, or a few partial credits): work on their counts.
        mark_counts = Counter(marks)
        mark_squares = sum(n * (mark - mark_mean) ** 2 for mark, n in mark_counts.items())
        if len(mark_counts) == 1:
            mark_squares = 0.0  # not 1e-33 from a rounded mean: that would fake a correlation
        mark_variance = mark_squares / (count - 1)
        sd = sqrt(mark_variance) / max_mark if max_mark > 0 else None
        rest_deviations = deviations(column.rests)
        rest_squares = sum_of_products(rest_deviations, rest_deviations)
        # Square roots taken apart: the product of two tiny sums can underflow to 0.0.
        spread = sqrt(mark_squares) * sqrt(rest_squares)
        if spread > 0:
            # Σ(m − m̄)(r − r̄) = Σ m(r − r̄), as the rest deviations sum to 0.
            products = sum_of_products(marks, rest_deviations)
            # Rounding may carry |r| a hair past 1; the clamp keeps the documented range.
            discrimination = max(-1.0, min(1.0, products / spread))
            most = _sorted_products(mark_counts, mark_mean, sorted(rest_deviations))
            if most > 0:  # it is whenever neither side is constant; the test guards rounding
                efficiency = min(100.0, 100 * products / most)
    options, answered = _option_counts(question_id, column)
    return ItemStats(
        question_id=question_id,
        responses=count,
        max_mark=max_mark,
        # Σ marks / Σ max marks rather than the mean's quotient: with every mark ≤ its max the
        # float sums keep that order, so the facility never reads 1.0000000000000002.
        facility=mark_sum / max_sum if max_sum > 0 else None,
        sd=sd,
        mark_variance=mark_variance,
        discrimination=discrimination,
        efficiency=efficiency,
        answered=answered,
        options=options,
        key=column.key,
        mean_seconds=sum(column.seconds) / len(column.seconds) if column.seconds else None,
    )


def _sorted_products(
    mark_counts: Counter[float], mark_mean: float, sorted_rests: list[float]
) -> float:
    """Σ (m₍ᵢ₎ − m̄)(r₍ᵢ₎ − r̄) with both sides sorted ascending: Moodle's covariancemaxsum.

    The sorted marks are runs of equal values, so each run multiplies one slice of the sorted
    rest deviations.
    """
    total, start = 0.0, 0
    for mark in sorted(mark_counts):
        end = start + mark_counts[mark]
        total += (mark - mark_mean) * sum(sorted_rests[start:end])
        start = end
    return total


def _indexes(answer: str | tuple[int, ...] | None) -> tuple[int, ...]:
    if isinstance(answer, str):
        return tuple(map(int, answer.split(",")))
    return answer or ()


def _option_counts(question_id: str, column: ItemColumn) -> tuple[tuple[OptionCount, ...], int]:
    """Per option, how many responses chose it; and how many responses chose anything."""
    if not column.options:
        return (), 0
    # Count the distinct answers first (a handful), then spread them over their options.
    answers = Counter(column.chosen)
    for nothing in (None, (), ""):
        answers.pop(nothing, None)
    counts = [0] * column.options
    for answer, times in answers.items():
        for option in _indexes(answer):
            if not 0 <= option < column.options:
                raise ValueError(f"{question_id}: option {option} outside 0…{column.options - 1}")
            counts[option] += times
    count = len(column.chosen)
    options = tuple(
        OptionCount(option, counts[option], counts[option] / count, option in column.key)
        for option in range(column.options)
    )
    return options, sum(answers.values())
