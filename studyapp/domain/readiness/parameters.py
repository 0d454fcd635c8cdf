"""The readiness model's constants: the population prior, guessing, recency and correlation.

They are assumptions, chosen to be plausible. ``base_knowledge``, ``card_ceiling``, ``pooling``
and ``judge_exponent`` were fitted on the current bank by ``bench/readiness_fit.py`` on
simulated training cohorts (seeds 7, 11 and 13); ``bench/readiness_calibration.py`` reports
them on a held-out seed. Re-estimate them once real mock results of real candidates exist.
See docs/readiness.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Parameters:
    # Knowledge of a topic by a candidate who never studied it: the population base rate.
    base_knowledge: float = 0.12
    # Knowledge implied by recalling every card of a topic: cards cover most, not all, of what
    # the questions ask.
    card_ceiling: float = 0.77
    # A candidate's answers, all topics pooled, against those of a typical candidate (knowledge
    # typical_knowledge, worth level_strength answers) move their own ceiling: by ``pooling``
    # times the gap on the log-odds scale (0: everyone gets the population's ceiling).
    typical_knowledge: float = 0.65
    level_strength: float = 20.0
    pooling: float = 2.5
    # How many answers the prior (cards + base rate) is worth; answers outweigh it after a few.
    prior_strength: float = 3.0
    # Chance of full marks by guessing: judge 1 in 2, single 1 in 4, multiple all or nothing
    # about 1 in 12 (a blind pick among the 11–26 possible answers of 4–5 options does worse,
    # but candidates rarely guess blind).
    guess_judge: float = 0.5
    guess_single: float = 0.25
    guess_multiple: float = 0.08
    # A multiple-choice item needs every option right: at knowledge k the candidate knows the
    # whole item with probability k ** multiple_exponent (> 1: harder than a single fact).
    multiple_exponent: float = 2.0
    # The same for the other types (below 1: easier than recalling the fact, e.g. a true/false
    # statement recognised without being recalled).
    judge_exponent: float = 0.45
    single_exponent: float = 0.8
    # Older answers weigh less (knowledge has grown or faded since): an answer half_life_days
    # old weighs half of the way between 1 and old_answer_weight.
    half_life_days: float = 5.0
    old_answer_weight: float = 0.35
    # Part of the mastery uncertainty shared by all topics of a candidate (one candidate is
    # simply better or worse than the evidence says, everywhere at once).
    shared_fraction: float = 0.1
    # Probability covered by the reported range.
    interval: float = 0.8


DEFAULT_PARAMETERS = Parameters()
