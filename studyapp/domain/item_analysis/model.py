"""The plain data of an item analysis: submitted attempts in, figures and flags out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ItemResponse:
    """One question of one submitted attempt, as scored.

    ``chosen`` and ``key`` hold ORIGINAL option indexes (before the per-attempt shuffle); for a
    judge question 0 is 对 and 1 is 错 and ``options`` is 2. ``chosen`` is None (or empty) for an
    unanswered choice question and for a short question, whose ``options`` is 0.
    """

    question_id: str
    mark: float
    max_mark: float
    chosen: tuple[int, ...] | None
    options: int
    key: tuple[int, ...]
    seconds: float | None


@dataclass(frozen=True, slots=True)
class AttemptResponses:
    """One submitted attempt of one blueprint: the questions its paper held, each scored."""

    attempt_id: int
    responses: tuple[ItemResponse, ...]


@dataclass(frozen=True, slots=True)
class OptionCount:
    """How often an option was chosen; ``share`` is of all responses to the question."""

    option: int  # original index: 0 = A (judge: 对), 1 = B (judge: 错), …
    count: int
    share: float
    is_key: bool


@dataclass(frozen=True, slots=True)
class ItemStats:
    """Moodle's question statistics of one question, over the attempts that contain it."""

    question_id: str
    responses: int
    max_mark: float  # mean over responses; a question keeps its points within a blueprint
    facility: float | None  # mean mark / max mark, 0–1; None when max mark is 0
    sd: float | None  # standard deviation of the fraction marks (n − 1); None below 2 responses
    mark_variance: float | None  # sample variance of the marks in points², the input to alpha
    discrimination: float | None  # Pearson r(mark, rest of the attempt), −1…1
    efficiency: float | None  # discriminative efficiency, percent: 100 × cov / max cov
    answered: int  # responses with at least one option chosen (choice and judge)
    options: tuple[OptionCount, ...]  # empty for short questions
    key: tuple[int, ...]
    mean_seconds: float | None


@dataclass(frozen=True, slots=True)
class PaperStats:
    """Moodle's test statistics of one blueprint; scores are percentages of the paper's maximum."""

    attempts: int
    items_per_attempt: float  # mean number of questions per attempt: alpha's p
    mean: float | None
    median: float | None
    sd: float | None  # sample standard deviation (n − 1) of the percentage scores
    distribution: tuple[int, ...]  # attempts per 10 % bin: [0,10), [10,20) … [90,100]
    alpha: float | None  # coefficient of internal consistency as a fraction (Moodle shows %)
    error_ratio: float | None  # percent, Moodle's 100 × sqrt(1 − alpha)
    standard_error: float | None  # percentage points, sd × sqrt(1 − alpha)
    reliability: str | None  # "satisfactory" | "borderline" | "unsatisfactory"
    reliability_note: str | None  # the same reading in plain Chinese for a trainer


@dataclass(frozen=True, slots=True)
class Flag:
    """A question a trainer should look at, with the reason in plain Chinese."""

    question_id: str
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Analysis:
    paper: PaperStats
    items: dict[str, ItemStats]  # in order of first appearance
    flags: list[Flag]
