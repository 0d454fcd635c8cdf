"""Planning an import: the chapter's questions.yaml with the drafts appended, checked whole.

The new text is loaded with the rest of the course in memory, so an import is accepted only if
the course it produces passes the checker. A problem the checker finds in an appended entry is
reported at the line of the imported file the entry came from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from studyapp.domain.content.files import ContentFiles
from studyapp.domain.content.interchange import yaml_list
from studyapp.domain.content.interchange.draft import Draft, ImportResult
from studyapp.domain.content.loader import LoadResult, load_syllabus
from studyapp.domain.content.problems import Problem


@dataclass(frozen=True)
class Defaults:
    """What an imported question lacks: ``source`` is required, ``lesson`` defaults to the
    chapter's first lesson."""

    source: str = ""
    lesson: str = ""


@dataclass(frozen=True)
class AppendPlan:
    chapter: str
    file: str  # chapters/<chapter>/questions.yaml
    text: str  # its whole new text; written only when ``ok``
    drafts: tuple[Draft, ...]  # with ids, sources and lessons filled in
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def questions_file(chapter: str) -> str:
    return f"chapters/{chapter}/questions.yaml"


def _next_number(chapter: str, taken: set[str]) -> int:
    pattern = re.compile(rf"^{re.escape(chapter)}\.q(\d+)$")
    numbers = [int(match.group(1)) for item_id in taken if (match := pattern.match(item_id))]
    return max(numbers, default=0) + 1


def _complete(chapter: str, drafts, defaults: Defaults, first_lesson: str, taken: set[str]):
    number = _next_number(chapter, taken | {draft.id for draft in drafts})
    result = []
    for draft in drafts:
        item_id = draft.id
        if not item_id:
            item_id, number = f"{chapter}.q{number:03d}", number + 1
        result.append(
            replace(
                draft,
                id=item_id,
                source=draft.source or defaults.source,
                lesson=draft.lesson or defaults.lesson or first_lesson,
            )
        )
    return tuple(result)


def _missing_sources(drafts: tuple[Draft, ...], upload: str) -> list[Problem]:
    return [
        Problem(upload, draft.line, draft.id, "缺少出处（source）",
                '在文件中写明出处，或导入时指定，如 --source "000 P16"')
        for draft in drafts
        if not draft.source
    ]  # fmt: skip


def _appended(existing: str, drafts: tuple[Draft, ...]) -> tuple[str, list[int]]:
    """The new text, and the line each appended entry starts on."""
    text = existing if not existing or existing.endswith("\n") else existing + "\n"
    starts = []
    for draft in drafts:
        if text.strip():
            text += "\n"
        starts.append(text.count("\n") + 1)
        text += yaml_list.write_item(draft)
    return text, starts


def plan_append(
    files: ContentFiles,
    chapter: str,
    result: ImportResult,
    defaults: Defaults = Defaults(),
    load: Callable[[ContentFiles], LoadResult] = load_syllabus,
    upload: str = "",
) -> AppendPlan:
    """What appending ``result`` to ``chapter`` would write, and every problem it would have.

    ``load`` may be a cached loader; ``upload`` names the imported file in problem reports.
    """
    name = questions_file(chapter)
    current = load(files)
    if not current.ok:
        return AppendPlan(chapter, name, "", result.drafts, result.problems + current.problems)
    syllabus = current.syllabus
    if chapter not in syllabus.chapters:
        expected = "、".join(syllabus.course.chapter_ids)
        missing = Problem(upload, None, None, f"课程中没有章节“{chapter}”", expected)
        return AppendPlan(chapter, name, "", result.drafts, (*result.problems, missing))
    if not result.drafts:
        empty = Problem(upload, None, None, "文件中没有可导入的题目", "至少一道题")
        return AppendPlan(chapter, name, "", (), result.problems or (empty,))
    lessons = syllabus.lessons_of(chapter)
    drafts = _complete(
        chapter, result.drafts, defaults, lessons[0].id if lessons else "", set(syllabus.questions)
    )
    problems = [*result.problems, *_missing_sources(drafts, upload)]
    # A question without a source is reported above; for the check it borrows a valid one, so
    # that the checker still reports everything else about it in the same pass.
    stand_in = next(iter(syllabus.course.sources), "000")
    checked_drafts = tuple(replace(d, source=d.source or stand_in) for d in drafts)
    existing = files.text(name) if name in files else ""
    text, starts = _appended(existing, checked_drafts)
    checked = load(ContentFiles({**dict(files.items()), name: text.encode()}))
    for problem in checked.problems:
        if problem.file == name and problem.line and problem.line >= starts[0]:
            draft = drafts[bisect.bisect_right(starts, problem.line) - 1]
            problem = Problem(upload, draft.line, draft.id, problem.message, problem.expected)
        problems.append(problem)
    problems.sort(key=lambda p: (p.file != upload, p.file, p.line or 0))
    return AppendPlan(chapter, name, text, drafts, tuple(problems))
