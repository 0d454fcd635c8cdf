"""Exam blueprints: the parts, sections and draw rules of a paper, and whether the bank can fill it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from studyapp.domain.content import model
from studyapp.domain.content.problems import Problems
from studyapp.domain.content.reader import Reader, check_id, type_name
from studyapp.domain.content.text import N_, Listing, Text
from studyapp.domain.content.yamltree import LList, LMap
from studyapp.domain.questions.registry import QUESTION_TYPES

BLUEPRINT_FIELDS = (
    "id",
    "title",
    "kind",
    "description",
    "time_limit",
    "levels",
    "parts",
    "retired",
)
PART_FIELDS = ("id", "title", "pass_mark", "sections")
SECTION_FIELDS = ("type", "title", "count", "points", "scoring", "marking", "from")
SOURCE_FIELDS = ("chapter", "tag", "weight")
KINDS = ("mock", "quiz", "practice")
SCORING_RULES = ("all_or_nothing", "partial")
MARKING_RULES = ("self", "trainer")


def _mappings(reader: Reader, name: str, what: Text) -> list[LMap]:
    value = reader.data.get(name)
    if not isinstance(value, LList) or not value:
        if value is None:
            message = Text("缺少 `{name}`", name=name)
        else:
            message = Text("`{name}` 是{type}", name=name, type=type_name(value))
        reader.report(reader.line(name), message, Text("至少一个{what}的列表", what=what))
        return []
    result = []
    for index, entry in enumerate(value):
        if not isinstance(entry, LMap):
            reader.report(
                value.item_lines[index],
                Text("`{name}` 第 {number} 项不是字段表", name=name, number=index + 1),
                what,
            )
            continue
        result.append(entry)
    return result


def _read_source(data: LMap, parent: Reader) -> model.DrawSource | None:
    reader = Reader(data, parent.file, parent.problems, SOURCE_FIELDS, parent.item)
    chapter = reader.text("chapter", required=False)
    tag = reader.text("tag", required=False)
    weight = reader.number("weight", required=False, minimum=0.0001)
    reader.finish()
    if (chapter is None) == (tag is None):
        reader.report(
            reader.line(),
            N_("抽题来源应写 chapter 或 tag 之一"),
            N_("chapter: 章节id 或 tag: 标签"),
        )
    if not reader.ok:
        parent.ok = False
        return None
    return model.DrawSource(chapter, tag, float(weight if weight is not None else 1))


def _read_section(data: LMap, parent: Reader) -> model.Section | None:
    reader = Reader(data, parent.file, parent.problems, SECTION_FIELDS, parent.item)
    section_type = reader.choice("type", tuple(QUESTION_TYPES))
    count = reader.number("count", minimum=1, integer=True)
    points = reader.number("points", minimum=0.0001)
    title = reader.text("title", required=False)
    scoring = reader.choice("scoring", SCORING_RULES, default="all_or_nothing")
    marking = reader.choice("marking", MARKING_RULES, default="self")
    question = QUESTION_TYPES.get(section_type) if section_type else None
    if question is not None and "scoring" in data and len(question.scorings) < 2:
        allowed = [q.label for q in QUESTION_TYPES.values() if len(q.scorings) > 1]
        reader.report(
            reader.line("scoring"),
            Text("`scoring` 只用于{types}", types=Listing(Text(label) for label in allowed)),
            N_("删除此字段"),
        )
    if question is not None and "marking" in data and question.auto_scored:
        reader.report(reader.line("marking"), N_("`marking` 只用于简答题"), N_("删除此字段"))
    sources = [_read_source(entry, reader) for entry in _mappings(reader, "from", Text("抽题来源"))]
    reader.finish()
    if not reader.ok or section_type is None or count is None or points is None:
        parent.ok = False  # (a missing field was reported: the reader is no longer ok)
        return None
    drawn = tuple(source for source in sources if source is not None)
    return model.Section(section_type, count, float(points), drawn, title, scoring, marking,
                         reader.line("count"))  # fmt: skip


def _read_part(data: LMap, parent: Reader) -> model.Part | None:
    reader = Reader(data, parent.file, parent.problems, PART_FIELDS, parent.item)
    part_id = reader.text("id")
    title = reader.text("title")
    pass_mark = reader.number("pass_mark", minimum=0)
    sections = [
        _read_section(entry, reader) for entry in _mappings(reader, "sections", Text("题型段"))
    ]
    reader.finish()
    if not reader.ok or part_id is None or title is None or pass_mark is None:
        parent.ok = False
        return None
    part = model.Part(part_id, title, float(pass_mark), tuple(s for s in sections if s))
    if part.pass_mark > part.total:
        reader.report(
            reader.line("pass_mark"),
            Text("及格线 {mark:g} 高于本部分总分 {total:g}", mark=part.pass_mark, total=part.total),
            Text("不超过 {total:g}", total=part.total),
        )
        parent.ok = False
        return None
    return part


def read_blueprint(
    file: str, data: object, course_levels: frozenset[int], problems: Problems
) -> model.Blueprint | None:
    if not isinstance(data, LMap):
        problems.add(
            file, 1, None, N_("试卷蓝图文件应为字段表"), N_("id、title、kind、parts 等字段")
        )
        return None
    blueprint_id = check_id(data.get("id"), file, data.line_of("id"), problems)
    reader = Reader(data, file, problems, BLUEPRINT_FIELDS, blueprint_id)
    title = reader.text("title")
    kind = reader.choice("kind", KINDS)
    description = reader.text("description", required=False, default="")
    time_limit = reader.number("time_limit", required=kind != "practice", minimum=1, integer=True)
    levels = reader.levels(course_levels, course_levels)
    retired = reader.boolean("retired")
    parts = [_read_part(entry, reader) for entry in _mappings(reader, "parts", Text("部分"))]
    reader.finish()
    part_ids = [part.id for part in parts if part]
    if len(set(part_ids)) != len(part_ids):
        reader.report(reader.line("parts"), N_("部分的 id 有重复"), N_("每部分 id 不同"))
    if blueprint_id is None or not reader.ok or title is None or kind is None:
        return None
    return model.Blueprint(
        blueprint_id, title, kind, description, time_limit, levels,
        tuple(part for part in parts if part), retired, file, data.line,
    )  # fmt: skip


def section_pool(
    section: model.Section,
    levels: frozenset[int],
    by_type: dict[str, list[model.Question]],
) -> list[model.Question]:
    """The active questions a section may draw: its type, the paper's levels, its chapters or tags."""
    chapters = {source.chapter for source in section.sources if source.chapter}
    tags = {source.tag for source in section.sources if source.tag}
    return [
        question
        for question in by_type.get(section.type, ())
        if not question.retired
        and question.levels & levels
        and (question.chapter in chapters or tags.intersection(question.tags))
    ]


def questions_by_type(questions: Iterable[model.Question]) -> dict[str, list[model.Question]]:
    by_type: dict[str, list[model.Question]] = defaultdict(list)
    for question in questions:
        by_type[question.type].append(question)
    return by_type


def check_pools(
    blueprint: model.Blueprint,
    by_type: dict[str, list[model.Question]],
    chapters: set[str],
    tags: set[str],
    problems: Problems,
) -> None:
    """Every section can be filled, and sections of one type together too (no question twice)."""
    drawn: dict[str, tuple[set[str], int, int]] = {}  # type → (pool ids, count, sections)
    for part in blueprint.parts:
        for section in part.sections:
            for source in section.sources:
                if source.chapter and source.chapter not in chapters:
                    problems.add(
                        blueprint.file, blueprint.line, blueprint.id,
                        Text("抽题来源的章节“{chapter}”不存在", chapter=source.chapter),
                        N_("course.yaml 中列出的章节 id"),
                    )  # fmt: skip
                if source.tag and source.tag not in tags:
                    problems.add(
                        blueprint.file, blueprint.line, blueprint.id,
                        Text("抽题来源的标签“{tag}”没有任何题目使用", tag=source.tag),
                        N_("题目 tags 中出现过的标签"),
                    )  # fmt: skip
            pool = section_pool(section, blueprint.levels, by_type)
            label = Text(QUESTION_TYPES[section.type].label)
            where = Text("“{title}”的{label}", title=part.title, label=label)
            if len(pool) < section.count:
                problems.add(
                    blueprint.file, section.line or blueprint.line, blueprint.id,
                    Text("{where}要抽 {count} 道，题库只有 {available} 道可用",
                         where=where, count=section.count, available=len(pool)),
                    Text("题库中至少 {count} 道符合条件的题目，或减少 count", count=section.count),
                )  # fmt: skip
            ids, count, sections = drawn.get(section.type, (set(), 0, 0))
            drawn[section.type] = (ids | {q.id for q in pool}, count + section.count, sections + 1)
    for question_type_name, (ids, count, sections) in drawn.items():
        if sections > 1 and len(ids) < count:
            problems.add(
                blueprint.file, blueprint.line, blueprint.id,
                Text("整卷共要 {count} 道{label}，各段可用题目合计只有 {available} 道",
                     count=count, label=Text(QUESTION_TYPES[question_type_name].label),
                     available=len(ids)),
                N_("一份试卷中同一题不出现两次，题库需足够"),
            )  # fmt: skip


def disjoint_papers(blueprint: model.Blueprint, by_type: dict[str, list[model.Question]]) -> int:
    """How many papers of this blueprint the bank could fill without sharing a question."""
    totals: dict[str, tuple[set[str], int]] = {}
    per_section = []
    for part in blueprint.parts:
        for section in part.sections:
            ids, count = totals.get(section.type, (set(), 0))
            pool = section_pool(section, blueprint.levels, by_type)
            per_section.append(len(pool) // section.count)
            totals[section.type] = (ids | {q.id for q in pool}, count + section.count)
    per_type = [len(ids) // count for ids, count in totals.values()]
    return min(per_section + per_type, default=0)
