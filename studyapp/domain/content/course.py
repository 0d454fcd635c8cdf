"""course.yaml: the course's title, version, levels, sources and chapter order."""

from __future__ import annotations

import re
from types import MappingProxyType

from studyapp.domain.content import model
from studyapp.domain.content.files import ContentFiles
from studyapp.domain.content.problems import Problems
from studyapp.domain.content.reader import Reader, check_id
from studyapp.domain.content.sources import REFERENCE_ID
from studyapp.domain.content.text import N_, Text
from studyapp.domain.content.yamltree import LList, LMap

COURSE_FILE = "course.yaml"
COURSE_FIELDS = ("id", "title", "version", "levels", "sources", "references", "chapters")
LEVEL_FIELDS = ("id", "title")


def read_course(data: LMap, files: ContentFiles, problems: Problems) -> model.Course | None:
    reader = Reader(data, COURSE_FILE, problems, COURSE_FIELDS, None)
    course_id, title = reader.text("id"), reader.text("title")
    version = reader.text("version")
    levels = _levels(reader, problems)
    sources = _sources(reader)
    references = _references(reader)
    chapter_ids = _chapter_ids(reader, files, problems)
    reader.finish()
    if not reader.ok or course_id is None or title is None or version is None:
        return None  # (the reader has reported a missing field: no longer ok)
    return model.Course(
        course_id, title, version, levels, chapter_ids,
        MappingProxyType(sources), MappingProxyType(references),
    )  # fmt: skip


def _sources(reader: Reader) -> dict[str, str]:
    raw = reader.data.get("sources")
    if raw is None:
        return {}
    expected = N_('资料编号到资料名称的字段表，如 "000": 客户服务管理师二级通关宝典')
    if not isinstance(raw, LMap):
        reader.report(reader.line("sources"), N_("`sources` 应为字段表"), expected)
        return {}
    result = {}
    for code, title in raw.items():
        code = f"{code:03d}" if isinstance(code, int) else str(code)
        if not re.fullmatch(r"\d{3}", code) or not isinstance(title, str) or not title.strip():
            reader.report(raw.line_of(code), Text("资料“{code}”的写法不对", code=code), expected)
            continue
        result[code] = title.strip()
    return result


def _references(reader: Reader) -> dict[str, str]:
    """``references:``: id → full citation (a law and article, a standard, a model, a textbook)."""
    raw = reader.data.get("references")
    if raw is None:
        return {}
    expected = N_(
        "参考文献 id 到完整出处的字段表，如 xfz-law: 《中华人民共和国消费者权益保护法》（2013 年修正）"
    )
    if not isinstance(raw, LMap):
        reader.report(reader.line("references"), N_("`references` 应为字段表"), expected)
        return {}
    result = {}
    for ref_id, citation in raw.items():
        line = raw.line_of(ref_id)
        if not isinstance(ref_id, str) or not REFERENCE_ID.match(ref_id):
            reader.report(
                line,
                Text("参考文献 id “{id}”不合规则", id=ref_id),
                N_("小写字母开头，只含小写字母、数字和“-”，2–40 个字符"),
            )
        elif not isinstance(citation, str) or len(citation.strip()) < 4:
            reader.report(line, Text("参考文献“{id}”缺少完整出处", id=ref_id), expected)
        elif ref_id in reader.data.get("sources", {}) or ref_id in result:
            reader.report(line, Text("参考文献 id “{id}”重复", id=ref_id), N_("每个 id 只写一次"))
        else:
            result[ref_id] = citation.strip()
    return result


def _levels(reader: Reader, problems: Problems) -> tuple[model.Level, ...]:
    raw = reader.data.get("levels")
    if not isinstance(raw, LList) or not raw:
        reader.report(
            reader.line("levels"), N_("`levels` 应为等级列表"), N_("如 - id: 2  title: 二级")
        )
        return ()
    levels = []
    for index, entry in enumerate(raw):
        if not isinstance(entry, LMap):
            reader.report(
                raw.item_lines[index],
                N_("等级应写成 id 与 title 两个字段"),
                N_("- id: 2\n  title: 二级"),
            )
            continue
        level_reader = Reader(entry, COURSE_FILE, problems, LEVEL_FIELDS, None)
        level_id = level_reader.number("id", integer=True, minimum=1)
        level_title = level_reader.text("title")
        level_reader.finish()
        if level_reader.ok and level_id is not None and level_title is not None:
            levels.append(model.Level(level_id, level_title))
        else:
            reader.ok = False
    return tuple(levels)


def _chapter_ids(reader: Reader, files: ContentFiles, problems: Problems) -> tuple[str, ...]:
    raw = reader.data.get("chapters")
    if not isinstance(raw, LList) or not raw:
        reader.report(
            reader.line("chapters"),
            N_("`chapters` 应为章节 id 的列表"),
            N_("按教学顺序列出章节文件夹名"),
        )
        return ()
    chapter_ids = []
    for index, entry in enumerate(raw):
        line = raw.item_lines[index]
        chapter_id = check_id(entry, COURSE_FILE, line, problems)
        if chapter_id is None:
            reader.ok = False
        elif chapter_id in chapter_ids:
            reader.report(
                line, Text("章节“{chapter}”列出了两次", chapter=chapter_id), N_("每章只列一次")
            )
        elif f"chapters/{chapter_id}/chapter.yaml" not in files:
            reader.report(
                line,
                Text("课程列出的章节“{chapter}”在磁盘上不存在", chapter=chapter_id),
                Text("文件 chapters/{chapter}/chapter.yaml", chapter=chapter_id),
            )
        else:
            chapter_ids.append(chapter_id)
    return tuple(chapter_ids)
