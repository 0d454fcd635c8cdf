"""Builds the syllabus from the content files and checks all of it in one pass.

Layout (see docs/authoring.md)::

    course.yaml
    chapters/<chapter>/chapter.yaml
    chapters/<chapter>/lessons/NN-slug.md
    chapters/<chapter>/cards.yaml
    chapters/<chapter>/questions.yaml
    chapters/<chapter>/bank.yaml      (an organisation's bank, merged in per request)
    exams/<blueprint>.yaml
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from studyapp.domain.content import blueprints, lessons, model, yamltree
from studyapp.domain.content.course import COURSE_FILE, read_course
from studyapp.domain.content.files import ContentFiles
from studyapp.domain.content.items import CARD_TYPES, COMMON_FIELDS, Common, ItemType
from studyapp.domain.content.links import LinkChecks
from studyapp.domain.content.problems import Problem, Problems, encoding_problem
from studyapp.domain.content.reader import Reader, check_id, type_name
from studyapp.domain.content.text import N_, Alternatives, Listing, Text
from studyapp.domain.content.yamltree import LList, LMap
from studyapp.domain.questions.registry import QUESTION_TYPES

CHAPTER_FIELDS = ("id", "title", "summary", "levels")
DRAFT_NOTE = N_("草稿题（draft: true）：不用于练习和考试")
DRAFT_FIX = N_("补上 explanation（解析）并删去 draft: true")


@dataclass(frozen=True)
class LoadResult:
    syllabus: model.Syllabus | None  # None when there is any problem
    problems: tuple[Problem, ...]
    content_hash: str
    warnings: tuple[Problem, ...] = ()  # not wrong, but not in use yet (draft questions)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Loader(LinkChecks):
    def __init__(self, files: ContentFiles):
        self.files = files
        self.problems = Problems()
        self.warnings = Problems()
        self.ids: dict[str, tuple[str, int]] = {}  # id → where it was first defined
        self.course_levels: frozenset[int] = frozenset()
        self.lesson_lines: dict[str, int] = {}  # item id → line of its `lesson:` field
        self.broken_lessons: set[str] = set()  # ids of lessons that failed to load
        self.links: list[tuple[model.Lesson, int, str]] = []  # lesson:… links, checked at the end

    # -- helpers -------------------------------------------------------------------------
    def parse(self, name: str) -> Any:
        text = self.text(name)
        return None if text is None else yamltree.parse(text, name, self.problems)

    def text(self, name: str) -> str | None:
        try:
            return self.files.text(name)
        except UnicodeDecodeError as error:
            problem = encoding_problem(self.files[name], error, name)
            self.problems.add(name, problem.line, None, problem.message, problem.expected)
            return None

    def claim(self, item_id: str, file: str, line: int) -> bool:
        first = self.ids.get(item_id)
        if first is not None:
            self.problems.add(file, line, item_id,
                              Text("id 重复：已在 {file}:{line} 使用", file=first[0], line=first[1]),
                              N_("全课程唯一的 id"))  # fmt: skip
            return False
        self.ids[item_id] = (file, line)
        return True

    # -- course and chapters -------------------------------------------------------------
    def course(self) -> model.Course | None:
        if COURSE_FILE not in self.files:
            self.problems.add(COURSE_FILE, None, None, N_("找不到课程文件 course.yaml"),
                              N_("内容目录下的 course.yaml"))  # fmt: skip
            return None
        before = len(self.problems)
        data = self.parse(COURSE_FILE)
        if not isinstance(data, LMap):
            if len(self.problems) == before:  # no syntax error: empty, or not a mapping
                what = N_("course.yaml 是空的") if data is None else N_("course.yaml 应为字段表")
                self.problems.add(COURSE_FILE, 1, None, what, N_("id、title 等字段"))
            return None
        course = read_course(data, self.files, self.problems)
        if course is not None:
            self.course_levels = frozenset(level.id for level in course.levels)
        return course

    def check_sources(self, course: model.Course, items: Iterable[model.Item]) -> None:
        if not course.sources and not course.references:
            return
        known = Text("{codes}", codes=Listing([*course.sources, *course.references]))
        for item in items:
            for part in course.unresolved_sources(item.source) if item.source else ():
                self.problems.add(
                    item.file, item.line, item.id,
                    Text("出处“{part}”的资料编号不在 course.yaml 的 sources 或 references 中",
                         part=part),
                    known,
                )  # fmt: skip

    def unlisted_chapters(self, course: model.Course) -> None:
        on_disk = {
            name.split("/")[1] for name in self.files.under("chapters/") if name.count("/") >= 2
        }
        for folder in sorted(on_disk - set(course.chapter_ids)):
            self.problems.add(
                f"chapters/{folder}", None, None,
                Text("章节文件夹“{folder}”没有列在 course.yaml 中", folder=folder),
                N_("在 course.yaml 的 chapters 中加入它，或删除该文件夹"),
            )  # fmt: skip

    def chapter(self, chapter_id: str, position: int) -> model.Chapter | None:
        name = f"chapters/{chapter_id}/chapter.yaml"
        data = self.parse(name)
        if not isinstance(data, LMap):
            if data is not None:
                self.problems.add(name, 1, chapter_id, N_("chapter.yaml 应为字段表"),
                                  N_("id、title 等字段"))  # fmt: skip
            return None
        reader = Reader(data, name, self.problems, CHAPTER_FIELDS, chapter_id)
        if data.get("id") != chapter_id:
            # Reported once; the chapter still loads under its folder's name, so that its items
            # do not each report a follow-on problem.
            self.problems.add(name, reader.line("id"), chapter_id,
                              Text("章节 id “{id}”与文件夹名不同", id=data.get("id")),
                              chapter_id)  # fmt: skip
        title = reader.text("title")
        summary = reader.text("summary", required=False, default="")
        levels = reader.levels(self.course_levels, self.course_levels)
        reader.finish()
        if not reader.ok or title is None or not self.claim(chapter_id, name, reader.line("id")):
            return None
        return model.Chapter(chapter_id, title, summary, levels, position, name)

    # -- chapter items -------------------------------------------------------------------
    def chapter_lessons(self, chapter: model.Chapter, start: int) -> list[model.Lesson]:
        prefix = f"chapters/{chapter.id}/lessons/"
        result = []
        for offset, name in enumerate(
            sorted(n for n in self.files.under(prefix) if n.endswith(".md"))
        ):
            text = self.text(name)
            if text is None:
                continue
            lesson = lessons.read_lesson(
                name, text, chapter, self.course_levels, start + offset, self.problems
            )
            if lesson is not None and self.claim(lesson.id, name, 1):
                result.append(lesson)
                self.check_lesson_body(lesson)
            elif lesson is None:  # links to it would only repeat this lesson's own problem
                self.broken_lessons.update(lessons.written_id(text))
        return result

    def items(self, chapter: model.Chapter, collection: str) -> list[Any]:
        name = f"chapters/{chapter.id}/{collection}.yaml"
        if name not in self.files:
            return []
        data = self.parse(name)
        if data is None:
            return []
        registry: Mapping[str, ItemType] = CARD_TYPES if collection == "cards" else QUESTION_TYPES
        if not isinstance(data, LList):
            self.problems.add(
                name, 1, None, Text("{file} 应为列表（每项以“- id:”开头）", file=name),
                N_("YAML 列表"),
            )  # fmt: skip
            return []
        result = []
        for index, entry in enumerate(data):
            line = data.item_lines[index]
            if not isinstance(entry, LMap):
                message = Text("第 {number} 项不是字段表，实际是{type}", number=index + 1,
                               type=type_name(entry))  # fmt: skip
                self.problems.add(name, line, None, message, "- id: …")
                continue
            item = self.item(name, entry, chapter, registry)
            if item is not None:
                result.append(item)
        return result

    def item(
        self, file: str, data: LMap, chapter: model.Chapter, registry: Mapping[str, ItemType]
    ) -> model.Item | None:
        item_id = check_id(data.get("id"), file, data.line_of("id"), self.problems)
        written = data.get("type")
        item_type = registry.get(written) if isinstance(written, str) else None
        if item_type is None:
            expected = Text("{types}", types=Alternatives(registry))
            self.problems.add(
                file, data.line_of("type"), item_id,
                Text("未知或缺少类型 type: {type}", type=written), expected,
            )  # fmt: skip
            return None
        is_question = registry is QUESTION_TYPES
        allowed = COMMON_FIELDS + item_type.fields + (("draft",) if is_question else ())
        reader = Reader(data, file, self.problems, allowed, item_id)
        draft = is_question and reader.boolean("draft")
        if draft:
            reader.optional = frozenset({"explanation"})
        source = reader.source()
        lesson = reader.text("lesson", default="")
        tags = reader.text_list("tags", required=False)
        levels = reader.levels(self.course_levels, chapter.levels)
        retired = reader.boolean("retired") or draft
        reader.finish()
        if item_id is None or not self.claim(item_id, file, data.line):
            return None
        self.lesson_lines[item_id] = data.line_of("lesson")
        common = Common(item_id, chapter.id, source, lesson, tags, levels, retired, file, data.line)
        item = item_type.read(reader, common)
        if item is None or not reader.ok:
            return None
        if draft and isinstance(item, model.Question):  # (only questions are drafts)
            self.warnings.add(file, data.line_of("draft"), item_id, DRAFT_NOTE, DRAFT_FIX)
            item = replace(item, draft=True)
        return item

    # -- the whole course ----------------------------------------------------------------
    def blueprints(
        self, questions: dict[str, model.Question], chapters: set[str], tags: set[str]
    ) -> dict[str, model.Blueprint]:
        by_type = blueprints.questions_by_type(questions.values())
        result = {}
        for name in sorted(self.files.under("exams/")):
            if not name.endswith((".yaml", ".yml")):
                continue
            data = self.parse(name)
            if data is None:
                continue
            blueprint = blueprints.read_blueprint(name, data, self.course_levels, self.problems)
            if blueprint is None or not self.claim(blueprint.id, name, blueprint.line):
                continue
            if not blueprint.retired and self.questions_clean:
                blueprints.check_pools(blueprint, by_type, chapters, tags, self.problems)
            result[blueprint.id] = blueprint
        return result

    def load(self) -> LoadResult:
        content_hash = self.files.content_hash()
        course = self.course()
        if course is None:
            return LoadResult(None, self.problems.sorted(), content_hash)
        self.unlisted_chapters(course)
        chapters: dict[str, model.Chapter] = {}
        lesson_list: list[model.Lesson] = []
        cards: dict[str, model.Card] = {}
        questions: dict[str, model.Question] = {}
        for position, chapter_id in enumerate(course.chapter_ids):
            chapter = self.chapter(chapter_id, position)
            if chapter is None:
                continue
            chapters[chapter_id] = chapter
            lesson_list += self.chapter_lessons(chapter, len(lesson_list))
            cards.update((card.id, card) for card in self.items(chapter, "cards"))
            questions.update((q.id, q) for q in self.items(chapter, "questions"))
            # An organisation's bank (studyapp/syllabus/banks.py) adds its own file beside it.
            questions.update((q.id, q) for q in self.items(chapter, "bank"))
        # A question that failed to load would make every pool count wrong: check the pools
        # only once the questions themselves load.
        self.questions_clean = not any(
            p.file.endswith(("/questions.yaml", "/bank.yaml")) for p in self.problems.sorted()
        )
        lesson_map = {lesson.id: lesson for lesson in lesson_list}
        self.check_links_between_lessons(lesson_map)
        self.check_lesson_links(cards.values(), lesson_map)
        self.check_lesson_links(questions.values(), lesson_map)
        for items in (lesson_map.values(), cards.values(), questions.values()):
            self.check_sources(course, items)
        tags = {tag for question in questions.values() for tag in question.tags}
        exam_map = self.blueprints(questions, set(chapters), tags)
        if self.problems:
            return LoadResult(None, self.problems.sorted(), content_hash, self.warnings.sorted())
        syllabus = model.Syllabus.build(
            course, chapters, lesson_map, cards, questions, exam_map, content_hash
        )
        return LoadResult(syllabus, (), content_hash, self.warnings.sorted())


def load_syllabus(files: ContentFiles) -> LoadResult:
    """Parse and check every file; the syllabus only when there is no problem at all."""
    return _Loader(files).load()
