"""Flashcard endpoints: the due queue, reviews, undo and statistics."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from studyapp.access import login_required_any
from studyapp.api import openapi
from studyapp.api.payload import integer, json_object, query_integer
from studyapp.cards import reviews, services
from studyapp.cards.present import card_payload, state_payload
from studyapp.cards.sprint import sprint_for
from studyapp.domain.srs.queue import QueueEntry
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus

bp = Blueprint("api_cards", __name__, url_prefix="/api/v1")

openapi.add_schema(
    "CardState",
    {
        "type": "object",
        "required": ["card_id", "state", "revision"],
        "properties": {
            "card_id": {"type": "string"},
            "state": {"type": "string", "enum": ["new", "learning", "review", "relearning"]},
            "revision": {"type": "integer"},
            "due": {"type": "string", "format": "date-time", "nullable": True},
            "stability": {"type": "number", "nullable": True},
            "difficulty": {"type": "number", "nullable": True},
            "reps": {"type": "integer"},
            "lapses": {"type": "integer"},
            "exam_recall": {"type": "number", "nullable": True},
        },
    },
)
openapi.add_schema(
    "DueCards",
    {
        "type": "object",
        "required": ["cards", "counts"],
        "properties": {
            "cards": {"type": "array", "items": {"type": "object"}},
            "counts": {
                "type": "object",
                "properties": {k: {"type": "integer"} for k in ("learning", "review", "new")},
            },
            "done_today": {
                "type": "object",
                "properties": {k: {"type": "integer"} for k in ("reviews", "new")},
            },
        },
    },
)
openapi.add_path(
    "/api/v1/cards/due",
    "get",
    {
        "summary": "The next cards to review, with everything needed to show them",
        "parameters": [
            {
                "name": "limit",
                "in": "query",
                "schema": {"type": "integer", "minimum": 1, "maximum": 100},
            },
            {
                "name": "mode",
                "in": "query",
                "schema": {"type": "string", "enum": ["due", "sprint"]},
            },
            {
                "name": "extra",
                "in": "query",
                "description": "new cards on top of today's limit",
                "schema": {"type": "integer", "minimum": 0, "maximum": 500},
            },
            {
                "name": "chapter",
                "in": "query",
                "description": "Only this chapter's cards (an unknown chapter: none)",
                "schema": openapi.TEXT,
            },
        ],
        "responses": {"200": openapi.json_response("DueCards")},
    },
)
openapi.add_path(
    "/api/v1/cards/{card_id}/reviews",
    "post",
    {
        "summary": "Apply a review (rating 1 Again, 2 Hard, 3 Good, 4 Easy)",
        "parameters": [{"name": "card_id", "in": "path", "required": True, "schema": openapi.TEXT}],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["rating"],
                        "properties": {
                            "rating": {"type": "integer", "minimum": 1, "maximum": 4},
                            "duration_ms": {"type": "integer", "minimum": 0, "maximum": 3600000},
                            "revision": {"type": "integer", "minimum": 0, "maximum": 2**31},
                        },
                    }
                }
            },
        },
        "responses": {
            "200": openapi.json_response("CardState"),
            "409": openapi.ERROR_RESPONSES["409"],
        },
    },
)
openapi.add_path(
    "/api/v1/cards/reviews/undo",
    "post",
    {
        "summary": "Undo the user's last review",
        "responses": {
            "200": openapi.json_response("CardState"),
            "409": openapi.ERROR_RESPONSES["409"],
        },
    },
)
_DAY_COUNTS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["date", "count"],
        "properties": {"date": {"type": "string", "format": "date"}, "count": {"type": "integer"}},
    },
}
openapi.add_schema(
    "CardStats",
    {
        "type": "object",
        "required": ["reviews_per_day", "due_forecast", "by_state", "mastery", "leeches"],
        "properties": {
            "reviews_per_day": _DAY_COUNTS,
            "due_forecast": _DAY_COUNTS,
            "true_retention": {"type": "number", "nullable": True},
            "mature_reviews": {"type": "integer"},
            "by_state": {"type": "object", "additionalProperties": {"type": "integer"}},
            "mastery": {"type": "object", "additionalProperties": {"type": "number"}},
            "exam_recall": {"type": "number", "nullable": True},
            "leeches": {"type": "array", "items": {"type": "string"}},
        },
    },
)
openapi.add_path(
    "/api/v1/me/cards/stats",
    "get",
    {
        "summary": "The user's flashcard statistics",
        "responses": {"200": openapi.json_response("CardStats")},
    },
)


def chapter_queue(entries, progress, syllabus, chapter_id: str) -> list[QueueEntry]:
    """ "Review this chapter's cards": its cards in today's queue, then its cards never studied
    (asked for by name, so past the day's new-card limit)."""
    queued = [e for e in entries if syllabus.cards[e.card_id].chapter == chapter_id]
    seen = {e.card_id for e in queued}
    fresh = [
        QueueEntry(card.id, "new", None, None)
        for card in (syllabus.cards_of(chapter_id) if chapter_id in syllabus.chapters else ())
        if card.id not in seen and card.id not in progress
    ]
    return queued + fresh


@bp.route("/cards/due")
@login_required_any
def due_cards():
    limit = query_integer("limit", 20, 1, 100)
    extra = query_integer("extra", 0, 0, 500)
    mode = request.args.get("mode", "due")
    if mode not in ("due", "sprint"):
        abort(400, _("mode 只能是 due 或 sprint。"))
    syllabus = current_syllabus()
    now = utcnow()
    entries, counts, progress, context = services.due_queue(current_user, syllabus, now, extra)
    if mode == "sprint":
        plan = sprint_for(current_user, syllabus, now)
        entries = [
            QueueEntry(
                card_id,
                "sprint",
                services.state_of(progress[card_id]) if card_id in progress else None,
                None,
            )
            for card_id in (plan.cards if plan else [])
        ]
    chapter = request.args.get("chapter")
    if chapter:
        entries = chapter_queue(entries, progress, syllabus, chapter)
    done = services.done_today(current_user.id, now)
    cards = []
    for entry in entries[:limit]:
        row = progress.get(entry.card_id)
        cards.append(
            card_payload(
                syllabus.cards[entry.card_id], syllabus, entry.state, row.revision if row else 0,
                entry.kind, now, context.plan,
            )
        )  # fmt: skip
    return jsonify(cards=cards, counts=asdict(counts), done_today=asdict(done))


@bp.route("/cards/<card_id>/reviews", methods=["POST"])
@login_required_any
def review(card_id: str):
    payload = json_object({"rating", "duration_ms", "revision"})
    rating = integer(payload, "rating", 1, 4, required=True)
    assert rating is not None  # required: refused with a 400 when missing
    duration = integer(payload, "duration_ms", 0, 3_600_000)
    revision = integer(payload, "revision", 0, 2**31)
    syllabus = current_syllabus()
    try:
        result = reviews.review_card(
            current_user, syllabus, card_id, rating, utcnow(), duration, revision
        )
    except reviews.UnknownCard:
        abort(404, _("没有这张卡片：%(id)s。", id=card_id))
    except reviews.ReviewConflict:
        abort(409, _("这张卡片刚在别处复习过，页面将刷新到最新状态。"))
    return jsonify(card_id=card_id, **state_payload(result.state, result.revision, result.plan))


@bp.route("/cards/reviews/undo", methods=["POST"])
@login_required_any
def undo():
    try:
        log = reviews.undo_last_review(current_user, utcnow())
    except reviews.NothingToUndo:
        abort(404, _("没有可以撤销的复习。"))
    except reviews.ReviewConflict:
        abort(409, _("这张卡片在撤销前又被复习过，无法撤销。"))
    progress = services.progress_by_card(current_user.id)[log.card_id]
    context = services.context_for(current_user)
    state = services.state_of(progress)
    return jsonify(card_id=log.card_id, **state_payload(state, progress.revision, context.plan))


@bp.route("/me/cards/stats")
@login_required_any
def stats():
    result = services.statistics(current_user, current_syllabus(), utcnow())
    return jsonify(
        reviews_per_day=[{"date": d.isoformat(), "count": n} for d, n in result.reviews_per_day],
        due_forecast=[{"date": d.isoformat(), "count": n} for d, n in result.due_forecast],
        true_retention=result.true_retention,
        mature_reviews=result.mature_reviews,
        by_state=result.by_state,
        mastery=result.mastery,
        exam_recall=result.exam_recall,
        leeches=result.leeches,
    )
