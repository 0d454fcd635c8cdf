"""Lessons: Markdown files with YAML front matter."""

from __future__ import annotations

import re

from studyapp.domain.content import model, yamltree
from studyapp.domain.content.problems import Problems
from studyapp.domain.content.reader import Reader, check_id
from studyapp.domain.content.text import N_, Text

LESSON_FIELDS = ("id", "title", "source", "tags", "levels", "retired")
KEY_POINTS_HEADING = "要点回顾"
_HEADING = re.compile(r"^##[ \t]+(\S.*)$")  # the title's closing #s are stripped after the match


_WRITTEN_ID = re.compile(r"^id:[ \t]*[\"']?([a-z][a-z0-9.-]*)", re.MULTILINE)


def written_id(text: str) -> set[str]:
    """The id a lesson's header names, read loosely (for a lesson that did not load)."""
    match = _WRITTEN_ID.search(text[:2000])
    return {match.group(1)} if match else set()


_SCRIPT = re.compile(r"<\s*script\b|\bon[a-z]+\s*=|javascript\s*:", re.IGNORECASE)
_RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_FENCE = re.compile(r"^\s*(```|~~~)")


def html_findings(body: str) -> list[tuple[int, bool, str]]:
    """(0-based line of the body, is script, what was written) for raw HTML outside code."""
    findings = []
    fenced = False
    for index, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        outside_code = re.sub(r"`[^`]*`", "", line)
        script = _SCRIPT.search(outside_code)
        tag = _RAW_HTML.search(outside_code)
        if script or tag:
            shown = (script or tag).group(0)  # type: ignore[union-attr]
            findings.append((index, bool(script), shown[:40]))
    return findings


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line where the body starts), or None without front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None


def _check_key_points(
    body: str, body_line: int, file: str, lesson_id: str, problems: Problems
) -> None:
    last = None
    for offset, text in enumerate(body.split("\n")):
        match = _HEADING.match(text)
        if match:
            last = (match.group(1).rstrip().rstrip("#").rstrip(), body_line + offset)
    if last is None or last[0] != KEY_POINTS_HEADING:
        line = last[1] if last else body_line
        problems.add(
            file,
            line,
            lesson_id,
            N_("课文没有以“要点回顾”一节结尾"),
            Text("最后一个二级标题为 `## {heading}`", heading=KEY_POINTS_HEADING),
        )


def read_lesson(
    file: str,
    text: str,
    chapter: model.Chapter,
    course_levels: frozenset[int],
    position: int,
    problems: Problems,
) -> model.Lesson | None:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    parts = split_front_matter(text)
    if parts is None and text.split("\n", 1)[0].strip() == "---":
        problems.add(
            file, 1, None, N_("课文开头的信息块没有结束：找不到第二行 ---"),
            N_("信息块的最后一行单独写 ---，下面才是正文"),
        )  # fmt: skip
        return None
    if parts is None:
        problems.add(file, 1, None, N_("课文缺少开头的 YAML 信息块"),
                     N_("第一行为 ---，写 id、title、source，再以 --- 结束"))  # fmt: skip
        return None
    front, body, body_line = parts
    data = yamltree.parse(front, file, problems, line_offset=1)
    if not isinstance(data, yamltree.LMap):
        if data is not None or front.strip() == "":
            problems.add(file, 1, None, N_("课文开头的信息块应为字段表"),
                         N_("id、title、source 等字段"))  # fmt: skip
        return None
    lesson_id = check_id(data.get("id"), file, data.line_of("id"), problems)
    reader = Reader(data, file, problems, LESSON_FIELDS, lesson_id)
    title = reader.text("title")
    source = reader.source()
    tags = reader.text_list("tags", required=False)
    levels = reader.levels(course_levels, chapter.levels)
    retired = reader.boolean("retired")
    reader.finish()
    if not body.strip():
        reader.report(body_line, N_("课文正文为空"), N_("Markdown 正文"))
    elif lesson_id:
        _check_key_points(body, body_line, file, lesson_id, problems)
    if lesson_id is None or not reader.ok or title is None:
        return None
    return model.Lesson(
        id=lesson_id,
        chapter=chapter.id,
        source=source,
        tags=tags,
        levels=levels,
        retired=retired,
        file=file,
        line=1,
        title=title,
        body=body,
        body_line=body_line,
        position=position,
    )
