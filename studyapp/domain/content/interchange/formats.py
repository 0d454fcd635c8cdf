"""Which reader and writer go with which format, and the file's bytes as text."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath

from studyapp.domain.content.interchange import aiken, csv_sheet, gift, gift_writer, yaml_list
from studyapp.domain.content.interchange.draft import ImportResult, draft_of
from studyapp.domain.content.model import Syllabus
from studyapp.domain.content.problems import Problem, encoding_problem
from studyapp.domain.content.text import N_, Listing, Text
from studyapp.domain.questions import question_type

READERS: dict[str, Callable[[str, str], ImportResult]] = {
    "yaml": yaml_list.read,
    "gift": gift.read,
    "aiken": aiken.read,
    "csv": csv_sheet.read,
}
WRITERS = {"gift": gift_writer.write, "aiken": aiken.write, "csv": csv_sheet.write,
           "yaml": yaml_list.write}  # fmt: skip
EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".gift": "gift", ".aiken": "aiken", ".csv": "csv"}
# [ \t]*, not \s*: \s would run across line ends and make a page of blank lines quadratic.
_AIKEN_ANSWER = re.compile(r"^[ \t]*(?:ANSWER|答案)[ \t]*[:：]", re.MULTILINE)


def guess_format(file_name: str, text: str) -> str | None:
    """The format by extension; a ``.txt`` file (as Moodle exports both) by its content."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix == ".txt":
        if _AIKEN_ANSWER.search(text) and "{" not in text:
            return "aiken"
        return "gift"
    return None


def decode(data: bytes, file_name: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a BOM, as Excel writes it, is dropped), or the problem that it is not."""
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"), None
    except UnicodeDecodeError as error:
        return None, encoding_problem(data, error, file_name)


def read_file(data: bytes, file_name: str, format_name: str | None = None) -> ImportResult:
    """The questions of an uploaded file, in the named format or the one its name suggests."""
    return read_upload(data, file_name, format_name)[1]


def read_upload(
    data: bytes, file_name: str, format_name: str | None = None
) -> tuple[str | None, ImportResult]:
    """(the format it was read in, the result): the format is None when it could not be told."""
    text, problem = decode(data, file_name)
    if problem is not None or text is None:
        return None, ImportResult((), (problem,) if problem else ())
    format_name = format_name or guess_format(file_name, text)
    if format_name not in READERS:
        unknown = Problem(
            file_name, None, None, N_("无法从文件名判断格式"),
            Text("扩展名 .yaml .gift .txt .csv，或指定格式：{formats}", formats=Listing(READERS)),
        )  # fmt: skip
        return None, ImportResult((), (unknown,))
    result = READERS[format_name](text, file_name)
    if not result.drafts and not result.problems:
        empty = Problem(
            file_name,
            None,
            None,
            N_("文件中没有可导入的题目"),
            Text("按 {format} 格式写的题目", format=format_name),
        )
        return format_name, ImportResult((), (empty,))
    return format_name, result


def export_chapter(syllabus: Syllabus, chapter_id: str, format_name: str) -> tuple[str, int]:
    """The chapter's questions in use, written in the format; and how many it could not carry
    (each question type names the formats that carry it: Aiken single choice only, no ordering
    in GIFT)."""
    chapter = syllabus.chapters[chapter_id]
    questions = syllabus.questions_of(chapter_id)
    drafts = [draft_of(q) for q in questions if format_name in question_type(q.type).formats]
    skipped = len(questions) - len(drafts)
    if format_name == "gift":
        # "/" separates Moodle category levels; "//" is a slash within a name.
        category = "$course$/top/" + chapter.title.replace("/", "//")
        comment = f"{syllabus.course.title} · {chapter.title}（{chapter.id}，版本 {syllabus.course.version}）"
        return gift_writer.write(drafts, (comment,), category), skipped
    return WRITERS[format_name](drafts), skipped
