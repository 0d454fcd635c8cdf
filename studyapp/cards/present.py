"""A card as the review page and the API show it: sides, cloze segments, interval previews."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_timedelta
from flask import url_for
from flask_babel import get_locale

from studyapp.cards import services
from studyapp.domain.content.items import CLOZE
from studyapp.domain.content.model import BasicCard, Card, ClozeCard, ListCard, Syllabus
from studyapp.domain.srs.memory import CardState
from studyapp.domain.srs.planner import Plan, exam_recall
from studyapp.syllabus import cite, source_label

STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}


def cloze_segments(text: str) -> list[dict[str, str | None]]:
    """Plain text and deletions in order: [{"text": …}, {"answer": …, "hint": …}, …]."""
    segments: list[dict[str, str | None]] = []
    last = 0
    for match in CLOZE.finditer(text):
        if match.start() > last:
            segments.append({"text": text[last : match.start()]})
        answer, _sep, hint = match.group(1).partition("::")
        segments.append({"answer": answer.strip(), "hint": hint.strip() or None})
        last = match.end()
    if last < len(text):
        segments.append({"text": text[last:]})
    return segments


def card_content(card: Card) -> dict:
    """A card's sides, citations in them (``（000 P22）``) named as people read them."""
    if isinstance(card, BasicCard):
        return {"front": cite(card.front), "back": cite(card.back)}
    if isinstance(card, ClozeCard):
        return {"segments": cloze_segments(cite(card.text))}
    if isinstance(card, ListCard):
        members = [cite(member) for member in card.members]
        return {"prompt": cite(card.prompt), "items": members, "ordered": card.ordered}
    raise TypeError(f"unknown card type {card.type}")


def state_payload(state: CardState | None, revision: int, plan: Plan) -> dict:
    if state is None or state.is_new:
        return {"state": "new", "revision": revision, "due": None, "stability": None,
                "difficulty": None, "reps": 0, "lapses": 0, "exam_recall": None}  # fmt: skip
    recall = exam_recall(state, plan)
    return {
        "state": STATE_NAMES[state.state],
        "revision": revision,
        "due": state.due.isoformat() if state.due else None,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "reps": state.reps,
        "lapses": state.lapses,
        "exam_recall": round(recall, 4) if recall is not None else None,
    }


def card_payload(
    card: Card, syllabus: Syllabus, state: CardState | None, revision: int, kind: str,
    now: datetime, plan: Plan,
) -> dict:  # fmt: skip
    preview_state = state if state is not None else CardState(id=0)
    intervals = services.preview_intervals(preview_state, now, plan)
    chapter = syllabus.chapters[card.chapter]
    return {
        "card_id": card.id,
        "type": card.type,
        "kind": kind,
        "chapter": {"id": chapter.id, "title": chapter.title},
        "lesson": {
            "id": card.lesson,
            "title": syllabus.lessons[card.lesson].title,
            "url": url_for("lessons.lesson", lesson_id=card.lesson),
        },  # fmt: skip
        "source": source_label(card.source),
        "content": card_content(card),
        "intervals": {
            str(rating): {
                "seconds": int(delta.total_seconds()),
                "label": format_timedelta(
                    delta, threshold=0.9, format="short", locale=get_locale()
                ),
            }
            for rating, delta in intervals.items()
        },
        **state_payload(state, revision, plan),
    }
