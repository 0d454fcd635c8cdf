"""A cohort's outlook: its expected pass rate with a range, and who gains most from more study.

From each candidate's predicted score range and pass chance (docs/readiness.md):

- the expected pass rate is the mean pass chance; its 80 % range is that of the number who pass
  when each passes independently with their own chance (a Poisson-binomial, taken as normal);
- the gain from more study is how much a candidate's pass chance rises if their expected score
  rises by ``LIFT`` points of 100, their score spread read from their range. It is largest for
  those near the pass mark, and small both for the safe and for those far below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

Z80 = NormalDist().inv_cdf(0.9)  # half-width of an 80 % interval, in standard deviations
LIFT = 5.0  # points of 100


@dataclass(frozen=True)
class PassRate:
    expected: float
    low: float
    high: float
    candidates: int


def pass_rate(chances: list[float]) -> PassRate | None:
    if not chances:
        return None
    n = len(chances)
    expected = sum(chances) / n
    sd = math.sqrt(sum(p * (1 - p) for p in chances)) / n
    return PassRate(expected, max(0.0, expected - Z80 * sd), min(1.0, expected + Z80 * sd), n)


def gain_from_study(score: float, low: float, high: float, pass_mark: float = 60.0) -> float:
    """Rise in the chance to reach ``pass_mark`` if the expected score (of 100) rose by LIFT."""
    sd = max(1.0, (high - low) / (2 * Z80))
    before = NormalDist(score, sd).cdf(pass_mark)
    after = NormalDist(score + LIFT, sd).cdf(pass_mark)
    return before - after
