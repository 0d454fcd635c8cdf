"""Today's review queue: learning cards when due, then due reviews (weakest first), then new cards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from studyapp.domain.calendar import utc
from studyapp.domain.srs.memory import LEARNING, RELEARNING, CardState, retrievability
from studyapp.domain.srs.planner import Plan, new_cards_today


@dataclass(frozen=True)
class CardSlot:
    """A card of the syllabus as the queue sees it."""

    card_id: str
    position: int  # syllabus order
    chapter: str
    state: CardState | None  # None: never met


@dataclass(frozen=True)
class Settings:
    desired_retention: float = 0.9
    new_per_day: int = 20
    max_reviews_per_day: int = 200
    minutes_per_day: int | None = None  # the points-aimed plan by time (points.py) when set


@dataclass(frozen=True)
class DoneToday:
    reviews: int = 0  # reviews of cards already met before today
    new: int = 0  # cards met for the first time today


@dataclass(frozen=True)
class QueueEntry:
    card_id: str
    kind: str  # learning | review | new
    state: CardState | None
    recall: float | None


@dataclass(frozen=True)
class QueueCounts:
    learning: int
    review: int
    new: int


def build_queue(
    slots: list[CardSlot],
    now: datetime,
    plan: Plan,
    settings: Settings,
    done: DoneToday,
    read_chapters: set[str],
    extra_new: int = 0,
) -> tuple[list[QueueEntry], QueueCounts]:
    """``extra_new``: new cards asked for today on top of the day's limit (再学 N 张)."""
    now = utc(now)
    learning, reviews, unseen = [], [], []
    for slot in slots:
        state = slot.state
        if state is None or state.is_new:
            unseen.append(slot)
        elif state.due is not None and state.due <= now:
            if state.state in (LEARNING, RELEARNING):
                learning.append(QueueEntry(slot.card_id, "learning", state, None))
            else:
                recall = retrievability(state, now, settings.desired_retention, plan.parameters)
                reviews.append(QueueEntry(slot.card_id, "review", state, recall))
    learning.sort(key=lambda entry: _due(entry.state))
    reviews.sort(key=lambda entry: (entry.recall, entry.card_id))
    reviews = reviews[: max(0, settings.max_reviews_per_day - done.reviews)]
    quota = (
        new_cards_today(len(unseen) + done.new, settings.new_per_day, now, plan)
        - done.new
        + extra_new
    )
    unseen.sort(key=lambda slot: (slot.chapter not in read_chapters, slot.position))
    new = [QueueEntry(slot.card_id, "new", slot.state, None) for slot in unseen[: max(0, quota)]]
    counts = QueueCounts(len(learning), len(reviews), len(new))
    return learning + reviews + new, counts


def _due(state: CardState | None) -> datetime:
    """A queued learning card's due time (always set once a card is met)."""
    if state is None or state.due is None:
        return datetime.min.replace(tzinfo=UTC)
    return state.due
