"""Moodle's test statistics of one blueprint's attempts.

As in Moodle's mod/quiz/report/statistics/classes/calculator.php, with n − 1 denominators:

- coefficient of internal consistency (Cronbach's alpha; KR-20 for 0/1 questions)
  alpha = p / (p − 1) · (1 − Σ item mark variance / variance of the attempt totals);
- error ratio = 100 · √(1 − alpha) (percent); standard error = sd · √(1 − alpha).

Papers drawn from a bank hold different questions, so "p items, each answered by everyone" does
not hold. Here p is the mean number of questions per attempt (responses / attempts), and a
question's variance counts in proportion to the share of attempts that hold it
(Σ n_j / N · var_j): the expected item-variance sum of one attempt. For a fixed paper every share
is 1 and this is exactly Moodle's formula. Moodle itself, for a random slot, takes the variance of
the slot's mark over whichever questions filled it; that also counts the difference in difficulty
between questions as error, so this alpha can read somewhat higher than Moodle's would for
papers of unequal difficulty. A question seen in only one attempt has no variance and adds 0.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection
from math import sqrt

from studyapp.domain.item_analysis.model import ItemStats, PaperStats
from studyapp.domain.item_analysis.moments import sample_variance

SATISFACTORY = 0.75  # Moodle: "anything above 75% is satisfactory"
UNSATISFACTORY = 0.64  # Moodle: "below 64%, the test as a whole is unsatisfactory"
BINS = 10
# Floats: a score of 30 % computed as 29.999999… still belongs in the 30–40 % bin, and an alpha
# of 0.75 computed as 0.7500000000000001 is still not above 0.75.
_EDGE = 1e-9


def paper_stats(
    totals: list[float], maxima: list[float], items: Collection[ItemStats]
) -> PaperStats:
    """``totals[i]`` and ``maxima[i]`` are attempt i's marks and its paper's maximum."""
    attempts = len(totals)
    scores = [
        100 * total / most if most > 0 else 0.0 for total, most in zip(totals, maxima, strict=True)
    ]
    distribution = [0] * BINS
    for score in scores:
        distribution[min(BINS - 1, max(0, int((score + _EDGE) // (100 / BINS))))] += 1
    items_per_attempt = sum(item.responses for item in items) / attempts if attempts else 0.0
    variance = sample_variance(scores)
    sd = sqrt(variance) if variance is not None else None
    alpha = _alpha(items_per_attempt, totals, items)
    error = sqrt(1 - alpha) if alpha is not None and alpha <= 1 else None
    reliability, note = _reading(alpha)
    return PaperStats(
        attempts=attempts,
        items_per_attempt=items_per_attempt,
        mean=sum(scores) / attempts if attempts else None,
        median=statistics.median(scores) if attempts else None,
        sd=sd,
        distribution=tuple(distribution),
        alpha=alpha,
        error_ratio=100 * error if error is not None else None,
        standard_error=sd * error if error is not None and sd is not None else None,
        reliability=reliability,
        reliability_note=note,
    )


def _alpha(
    items_per_attempt: float, totals: list[float], items: Collection[ItemStats]
) -> float | None:
    total_variance = sample_variance(totals)
    if not total_variance or items_per_attempt <= 1:
        return None  # fewer than 2 attempts, all the same total, or a one-question paper
    attempts = len(totals)
    item_variance = sum(
        item.responses / attempts * item.mark_variance
        for item in items
        if item.mark_variance is not None
    )
    p = items_per_attempt
    return p / (p - 1) * (1 - item_variance / total_variance)


def _reading(alpha: float | None) -> tuple[str | None, str | None]:
    if alpha is None:
        return None, None
    if alpha > SATISFACTORY + _EDGE:
        return "satisfactory", f"内部一致性良好：α = {alpha:.2f}（＞0.75）"
    if alpha < UNSATISFACTORY - _EDGE:
        return "unsatisfactory", f"内部一致性不足：α = {alpha:.2f}（＜0.64），试卷整体需要改进"
    return "borderline", f"内部一致性处于临界：α = {alpha:.2f}（0.64–0.75），宜复查区分度低的题目"
