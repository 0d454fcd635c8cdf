"""Sorting and filtering the cohort table, as the page's query arguments ask."""

from __future__ import annotations

from studyapp.domain.cohort_risk import RiskCode, Status
from studyapp.hr.dashboard import CandidateRow

SORT_KEYS = {
    "name": lambda r: r.name,
    "last_active": lambda r: r.last_active_at,
    "lessons": lambda r: r.lessons_read,
    "cards_learned": lambda r: r.cards_learned,
    "cards_mature": lambda r: r.cards_mature,
    "retention": lambda r: r.true_retention,
    "reviews_7d": lambda r: r.reviews_7d,
    "attempts": lambda r: r.attempts_taken,
    "best": lambda r: r.best_score,
    "last": lambda r: r.last_score,
    "predicted": lambda r: r.predicted_score,
    "pass": lambda r: r.pass_probability,
    "risk": lambda r: len(r.risks),
}
STATUS_FILTERS = tuple(s.value for s in Status)
RISK_FILTERS = ("at_risk", "on_track", *(code.value for code in RiskCode))


def select_rows(
    rows: list[CandidateRow], sort: str = "name", descending: bool = False,
    status_filter: str = "", risk_filter: str = "", text: str = "",
) -> list[CandidateRow]:  # fmt: skip
    """Filter and sort; rows without a value sort last whichever the direction."""
    if status_filter in STATUS_FILTERS:
        rows = [r for r in rows if r.status == status_filter]
    if risk_filter == "at_risk":
        rows = [r for r in rows if r.at_risk]
    elif risk_filter == "on_track":
        rows = [r for r in rows if not r.at_risk]
    elif risk_filter in RISK_FILTERS:
        rows = [r for r in rows if any(risk.code == risk_filter for risk in r.risks)]
    if text:
        needle = text.casefold()
        rows = [r for r in rows if needle in r.name.casefold() or needle in r.email.casefold()]
    key = SORT_KEYS.get(sort, SORT_KEYS["name"])
    by_name = sorted(rows, key=lambda r: r.name)
    # A stable sort: equal values stay in name order whichever the direction.
    present = sorted((r for r in by_name if key(r) is not None), key=key, reverse=descending)
    return present + [r for r in by_name if key(r) is None]
