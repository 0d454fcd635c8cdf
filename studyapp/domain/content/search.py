"""Substring search over lessons, cards and questions; works for Chinese without a tokenizer."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from studyapp.domain.content import model

_MARKUP = re.compile(r"!!!\s*\w+(\s+\"[^\"]*\")?|[#*_`>|]+|\{\{|\}\}|::[^}]*(?=\}\})|-{3,}")
_SPACE = re.compile(r"\s+")
# Markdown a reader never sees: list markers at a line's start, and link targets.
_LIST_MARKER = re.compile(r"(?m)^\s*(?:[-+*]|\d+[.)])\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_RANK = {"lesson-title": 0, "lesson": 1, "card": 2, "question": 3}
# kind, id, chapter, lesson, title, text; then the title and the text casefolded
_Document = tuple[str, str, str, str, str, str]
_Entry = tuple[str, str, str, str, str, str, str, str]
_INDEXES: dict[str, list[_Entry]] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Hit:
    kind: str  # lesson | card | question
    id: str
    chapter: str
    lesson: str  # the lesson to open for this hit
    title: str
    snippet: str


def plain(text: str) -> str:
    """Markdown as plain text: no list dashes, emphasis marks, table bars or link targets."""
    text = _LINK.sub(r"\1", _LIST_MARKER.sub("", text))
    return _SPACE.sub(" ", _MARKUP.sub(" ", text)).strip()


def _documents(syllabus: model.Syllabus) -> list[_Entry]:
    docs: list[_Document] = []
    for lesson in syllabus.active_lessons():
        docs.append(
            ("lesson", lesson.id, lesson.chapter, lesson.id, lesson.title, plain(lesson.body))
        )
    for card in syllabus.cards.values():
        if card.retired:
            continue
        if isinstance(card, model.BasicCard):
            title, text = card.front, f"{card.front} {card.back}"
        elif isinstance(card, model.ClozeCard):
            title = text = plain(card.text)
        else:
            assert isinstance(card, model.ListCard)  # the third and last kind of card
            title, text = card.prompt, f"{card.prompt} {'、'.join(card.members)}"
        docs.append(("card", card.id, card.chapter, card.lesson, title, text))
    for question in syllabus.questions.values():
        if question.retired:
            continue
        options = " ".join(getattr(question, "options", ()))
        text = f"{question.stem} {options}"
        docs.append(
            ("question", question.id, question.chapter, question.lesson, question.stem, text)
        )
    return [(*doc, doc[4].casefold(), doc[5].casefold()) for doc in docs]


def _index(syllabus: model.Syllabus) -> list[_Entry]:
    with _LOCK:
        index = _INDEXES.get(syllabus.content_hash)
        if index is None:
            _INDEXES.clear()  # one syllabus is served at a time
            index = _INDEXES[syllabus.content_hash] = _documents(syllabus)
        return index


def _snippet(text: str, folded: str, needle: str, width: int = 36) -> str:
    at = folded.find(needle)
    if at < 0:
        return text[: width * 2]
    start = max(0, at - width)
    end = min(len(text), at + len(needle) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search(syllabus: model.Syllabus, query: str, limit: int = 60) -> list[Hit]:
    needle = _SPACE.sub(" ", query).strip().casefold()
    if not needle:
        return []
    ranked = []
    for kind, item_id, chapter, lesson, title, text, title_folded, text_folded in _index(syllabus):
        if needle in title_folded:
            rank = _RANK["lesson-title"] if kind == "lesson" else _RANK[kind]
        elif needle in text_folded:
            rank = _RANK[kind]
        else:
            continue
        snippet = _snippet(text, text_folded, needle)
        ranked.append((rank, Hit(kind, item_id, chapter, lesson, title, snippet)))
    ranked.sort(key=lambda pair: pair[0])
    return [hit for _rank, hit in ranked[:limit]]
