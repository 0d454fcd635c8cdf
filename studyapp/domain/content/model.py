"""The loaded syllabus: immutable, typed, indexed by id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from studyapp.domain.content.sources import source_parts, split_part

_V = TypeVar("_V")


@dataclass(frozen=True, slots=True)
class Level:
    id: int
    title: str


@dataclass(frozen=True, slots=True)
class Course:
    id: str
    title: str
    version: str
    levels: tuple[Level, ...]
    chapter_ids: tuple[str, ...]
    sources: Mapping[str, str]  # seed number → document title, e.g. "000" → "…通关宝典"
    # reference id → full citation, e.g. "xfz-law" → "《中华人民共和国消费者权益保护法》（2013 年修正）"
    references: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def source_title(self, part: str) -> str | None:
        """The document one part of a ``source:`` names: a seed or a listed reference."""
        code, _locator = split_part(part)
        return self.sources.get(code) or self.references.get(code)

    def unresolved_sources(self, source: str) -> list[str]:
        """The parts of a ``source:`` value that name no seed or reference of the course."""
        return [part for part in source_parts(source) if self.source_title(part) is None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """What every chapter item shares: where it lives and where its facts come from."""

    id: str
    chapter: str
    source: str
    tags: tuple[str, ...]
    levels: frozenset[int]
    retired: bool
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Chapter:
    id: str
    title: str
    summary: str
    levels: frozenset[int]
    position: int  # 0-based, in course order
    file: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Lesson(Item):
    title: str
    body: str  # Markdown, front matter removed
    body_line: int  # line of the file where the body starts
    position: int  # 0-based, in course order


@dataclass(frozen=True, slots=True, kw_only=True)
class Card(Item):
    type: str
    lesson: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BasicCard(Card):
    front: str
    back: str


@dataclass(frozen=True, slots=True)
class Deletion:
    answer: str
    hint: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClozeCard(Card):
    text: str  # with {{answer}} / {{answer::hint}} markers
    deletions: tuple[Deletion, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ListCard(Card):
    prompt: str
    members: tuple[str, ...]
    ordered: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Question(Item):
    type: str
    lesson: str
    stem: str
    explanation: str
    draft: bool = False  # not finished (no explanation yet): loaded as retired, out of use


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceQuestion(Question):
    options: tuple[str, ...]
    keys: frozenset[int]  # 0-based option indexes; one for single, two or more for multiple


@dataclass(frozen=True, slots=True, kw_only=True)
class JudgeQuestion(Question):
    answer: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortQuestion(Question):
    model_answer: str
    key_points: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderingQuestion(Question):
    items: tuple[str, ...]  # in the right order


@dataclass(frozen=True, slots=True, kw_only=True)
class FillQuestion(Question):
    answers: tuple[str, ...]  # every accepted answer, each worth full marks


@dataclass(frozen=True, slots=True)
class DrawSource:
    """Where a section draws from: a chapter or a tag, with a relative weight."""

    chapter: str | None
    tag: str | None
    weight: float


@dataclass(frozen=True, slots=True)
class Section:
    type: str
    count: int
    points: float
    sources: tuple[DrawSource, ...]
    title: str | None = None
    scoring: str = "all_or_nothing"  # multiple only: all_or_nothing | partial
    marking: str = "self"  # short only: self | trainer
    line: int = field(default=0, compare=False)  # of its `count:`, for problem reports

    @property
    def total(self) -> float:
        return self.count * self.points


@dataclass(frozen=True, slots=True)
class Part:
    id: str
    title: str
    pass_mark: float
    sections: tuple[Section, ...]

    @property
    def total(self) -> float:
        return sum(section.total for section in self.sections)

    @property
    def question_count(self) -> int:
        return sum(section.count for section in self.sections)


@dataclass(frozen=True, slots=True)
class Blueprint:
    id: str
    title: str
    kind: str  # mock | quiz | practice
    description: str
    time_limit: int | None  # minutes; None for untimed practice
    levels: frozenset[int]
    parts: tuple[Part, ...]
    retired: bool
    file: str
    line: int

    @property
    def question_count(self) -> int:
        return sum(part.question_count for part in self.parts)

    @property
    def total(self) -> float:
        return sum(part.total for part in self.parts)


def _frozen(mapping: Mapping[str, _V]) -> Mapping[str, _V]:
    return MappingProxyType(mapping)


@dataclass(frozen=True)
class Syllabus:
    course: Course
    chapters: Mapping[str, Chapter]
    lessons: Mapping[str, Lesson]
    cards: Mapping[str, Card]
    questions: Mapping[str, Question]
    blueprints: Mapping[str, Blueprint]
    content_hash: str
    _by_chapter: Mapping[str, Mapping[str, tuple[Any, ...]]] = field(
        default_factory=dict, repr=False
    )

    @classmethod
    def build(
        cls,
        course: Course,
        chapters: Mapping[str, Chapter],
        lessons: Mapping[str, Lesson],
        cards: Mapping[str, Card],
        questions: Mapping[str, Question],
        blueprints: Mapping[str, Blueprint],
        content_hash: str,
    ) -> Syllabus:
        by_chapter: dict[str, dict[str, list[Item]]] = {
            chapter_id: {"lessons": [], "cards": [], "questions": []} for chapter_id in chapters
        }
        for kind, items in (("lessons", lessons), ("cards", cards), ("questions", questions)):
            for item in items.values():
                by_chapter[item.chapter][kind].append(item)
        frozen = {
            chapter_id: {kind: tuple(values) for kind, values in kinds.items()}
            for chapter_id, kinds in by_chapter.items()
        }
        return cls(
            course,
            _frozen(chapters),
            _frozen(lessons),
            _frozen(cards),
            _frozen(questions),
            _frozen(blueprints),
            content_hash,
            _frozen(frozen),
        )

    def chapter_list(self) -> list[Chapter]:
        return [self.chapters[chapter_id] for chapter_id in self.course.chapter_ids]

    def lessons_of(self, chapter_id: str, include_retired: bool = False) -> tuple[Lesson, ...]:
        return self._items(chapter_id, "lessons", include_retired)

    def cards_of(self, chapter_id: str, include_retired: bool = False) -> tuple[Card, ...]:
        return self._items(chapter_id, "cards", include_retired)

    def questions_of(self, chapter_id: str, include_retired: bool = False) -> tuple[Question, ...]:
        return self._items(chapter_id, "questions", include_retired)

    def _items(self, chapter_id: str, kind: str, include_retired: bool) -> tuple[Any, ...]:
        items = self._by_chapter[chapter_id][kind]
        return items if include_retired else tuple(i for i in items if not i.retired)

    def active_lessons(self) -> list[Lesson]:
        """Lessons in reading order: chapter by chapter, file name order within."""
        lessons = (lesson for lesson in self.lessons.values() if not lesson.retired)
        return sorted(lessons, key=lambda lesson: lesson.position)
