"""Applying a review exactly once, and undoing the last one.

No request, flash or login here: callers pass the user and the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import CursorResult, Table, and_, bindparam, select, update
from sqlalchemy.exc import IntegrityError

from studyapp.cards.services import CONTEXT, context_from, state_of
from studyapp.domain.content.model import Syllabus
from studyapp.domain.srs import planner
from studyapp.domain.srs.memory import AGAIN, LEARNING, REVIEW, CardState
from studyapp.extensions import db
from studyapp.ledger import events
from studyapp.models import CardProgress, ReviewLog, User


@dataclass(frozen=True)
class ReviewResult:
    state: CardState
    revision: int
    plan: planner.Plan


class ReviewConflict(Exception):
    """The card changed since it was shown (another tab or device reviewed it)."""


class UnknownCard(LookupError):
    pass


class NothingToUndo(LookupError):
    pass


# The review path runs on every rating, so its statements are built once (Core, bound later):
# rebuilding them per request cost more than executing them.
_PROGRESS = cast(Table, CardProgress.__table__)
# The reviewer's study context and the card's progress (if any) in one query.
_CONTEXT_AND_PROGRESS = CONTEXT.add_columns(*_PROGRESS.c).outerjoin(
    _PROGRESS,
    and_(_PROGRESS.c.user_id == User.id, _PROGRESS.c.card_id == bindparam("card_id")),
)
# A card met for the first time: its progress row, returned as inserted (no read back).
_INSERT_PROGRESS = _PROGRESS.insert().values(
    user_id=bindparam("user_id"), card_id=bindparam("card_id"), state=LEARNING, step=0,
    reps=0, lapses=0, revision=0,
).returning(*_PROGRESS.c)  # fmt: skip
_APPLY_REVIEW = (
    _PROGRESS.update()
    .where(_PROGRESS.c.id == bindparam("progress_id"), _PROGRESS.c.revision == bindparam("shown"))
    .values(
        state=bindparam("new_state"), step=bindparam("new_step"),
        stability=bindparam("new_stability"), difficulty=bindparam("new_difficulty"),
        due=bindparam("new_due"), last_review=bindparam("new_last_review"),
        reps=bindparam("new_reps"), lapses=bindparam("new_lapses"),
        revision=bindparam("new_revision"),
    )
)  # fmt: skip
_INSERT_LOG = cast(Table, ReviewLog.__table__).insert()


def review_card(
    user: User,
    syllabus: Syllabus,
    card_id: str,
    rating: int,
    now: datetime,
    duration_ms: int | None = None,
    revision: int | None = None,
) -> ReviewResult:
    """Applies one review exactly once; ``revision`` is what the reviewer was shown."""
    card = syllabus.cards.get(card_id)
    if card is None or card.retired:
        raise UnknownCard(card_id)
    if rating not in (1, 2, 3, 4):
        raise ValueError("rating must be 1, 2, 3 or 4")
    connection = db.session.connection()
    keys = {"user_id": user.id, "card_id": card_id}
    found = connection.execute(_CONTEXT_AND_PROGRESS, keys).one()
    context = context_from(found)
    row = found if found.id is not None else None
    if row is None:
        if revision not in (None, 0):
            raise ReviewConflict(card_id)
        try:
            row = connection.execute(_INSERT_PROGRESS, keys).one()
        except IntegrityError as error:  # another tab met this card a moment ago
            db.session.rollback()
            raise ReviewConflict(card_id) from error
    shown = row.revision if revision is None else revision
    if row.revision != shown:
        raise ReviewConflict(card_id)
    before = state_of(row)
    after = planner.review(before, rating, now, context.plan)
    changed = connection.execute(
        _APPLY_REVIEW,
        {
            "progress_id": row.id, "shown": shown, "new_state": after.state,
            "new_step": after.step, "new_stability": after.stability,
            "new_difficulty": after.difficulty, "new_due": after.due,
            "new_last_review": after.last_review, "new_reps": after.reps,
            "new_lapses": after.lapses, "new_revision": shown + 1,
        },
    ).rowcount  # fmt: skip
    if changed != 1:
        db.session.rollback()
        raise ReviewConflict(card_id)
    connection.execute(_INSERT_LOG, _log(
        user.id, row.id, card_id, rating, now, duration_ms, before, after, shown + 1,
        syllabus.content_hash,
    ))  # fmt: skip
    events.review_recorded.send(user_id=user.id, before=before, after=after, rating=rating, at=now)
    db.session.commit()
    return ReviewResult(after, shown + 1, context.plan)


def _log(
    user_id, progress_id, card_id, rating, now, duration_ms, before, after, revision, content_hash
):
    return dict(
        user_id=user_id, progress_id=progress_id, card_id=card_id, rating=rating,
        reviewed_at=now, duration_ms=duration_ms, content_hash=content_hash,
        state_before=before.state, step_before=before.step, stability_before=before.stability,
        difficulty_before=before.difficulty, due_before=before.due,
        last_review_before=before.last_review, interval_before=float(before.interval_days),
        state_after=after.state, stability_after=after.stability,
        difficulty_after=after.difficulty, due_after=after.due,
        interval_after=(after.due - now).total_seconds() / 86400, revision_after=revision,
    )  # fmt: skip


def undo_last_review(user: User, now: datetime) -> ReviewLog:
    log = db.session.scalar(
        select(ReviewLog)
        .where(ReviewLog.user_id == user.id, ReviewLog.undone_at.is_(None))
        .order_by(ReviewLog.id.desc())
        .limit(1)
    )
    if log is None:
        raise NothingToUndo()
    progress = db.session.get(CardProgress, log.progress_id)
    # Later reviews of this card are all undone, so it must still be as this review left it.
    if progress is None or progress.due != log.due_after or progress.reps == 0:
        raise ReviewConflict(log.card_id)
    seen = progress.revision
    result = db.session.execute(
        update(CardProgress)
        .where(CardProgress.id == progress.id, CardProgress.revision == seen)
        .values(
            state=log.state_before, step=log.step_before, stability=log.stability_before,
            difficulty=log.difficulty_before, due=log.due_before,
            last_review=log.last_review_before, reps=CardProgress.reps - 1,
            lapses=CardProgress.lapses - (1 if log.state_before == REVIEW and log.rating == AGAIN else 0),
            revision=seen + 1,
        )
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    if cast(CursorResult, result).rowcount != 1:
        db.session.rollback()
        raise ReviewConflict(log.card_id)
    log.undone_at = now
    # progress still holds the state being undone
    events.review_undone.send(log=log, undone=state_of(progress))
    db.session.commit()
    db.session.refresh(progress)
    return log
