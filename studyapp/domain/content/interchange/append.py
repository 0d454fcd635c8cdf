"""Planning an import: the chapter's questions file with the drafts appended, checked whole.

The new text is loaded with the rest of the course in memory, so what lands always passes the
checker. A problem the checker finds in an appended entry is reported at the line of the
imported file the entry came from. All or nothing by default; ``partial`` lands the items that
check clean and leaves the others as rejects (``rejects.rejects_text`` writes them back in the
upload's format, each with its reason). An item already in the chapter (same id, or same type
and stem) is skipped with a message, so importing an exported file again adds nothing.

``Target`` says where the questions go: the chapter's ``questions.yaml`` (the shared course, the
operator's CLI) or an organisation's ``bank.yaml`` beside it, whose ids carry the bank's prefix
(``basics.o3.q001``) so that they never collide with the course's own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from studyapp.domain.content.files import ContentFiles
from studyapp.domain.content.interchange import yaml_list
from studyapp.domain.content.interchange.draft import Draft, ImportResult
from studyapp.domain.content.loader import LoadResult, load_syllabus
from studyapp.domain.content.model import Syllabus
from studyapp.domain.content.problems import Problem
from studyapp.domain.content.text import N_, Listing, Text

TREE_LABEL = N_("课程本身的问题（与导入的文件无关），先改正：")


@dataclass(frozen=True)
class Defaults:
    """What an imported question lacks: ``source`` is required, ``lesson`` defaults to the
    chapter's first lesson."""

    source: str = ""
    lesson: str = ""


@dataclass(frozen=True)
class Target:
    file_name: str = "questions.yaml"  # beside chapter.yaml
    id_prefix: str = ""  # "o3." → ids basics.o3.q001 …


@dataclass(frozen=True)
class AppendPlan:
    chapter: str
    file: str  # chapters/<chapter>/<target file>
    text: str  # its whole new text; written only when ``ok``
    drafts: tuple[Draft, ...]  # what lands: ids, sources and lessons filled in
    problems: tuple[Problem, ...]  # every problem, of the upload's items and of the course
    warnings: tuple[Problem, ...] = ()  # what converting lost, and drafts without explanation
    skipped: tuple[Problem, ...] = ()  # items already in the chapter, not imported again
    rejected: tuple[int, ...] = ()  # first lines of the upload's items that do not land
    blocking: tuple[Problem, ...] = ()  # problems no item can be left out for
    partial: bool = False
    convertible: tuple[Draft, ...] = ()  # every item that converted, landing or not

    @property
    def ok(self) -> bool:
        if self.partial:
            return not self.blocking and bool(self.drafts)
        return not self.problems and bool(self.drafts)


def chapter_file(chapter: str, target: Target = Target()) -> str:
    return f"chapters/{chapter}/{target.file_name}"


def questions_file(chapter: str) -> str:
    return chapter_file(chapter)


def _stem_key(draft_type: str, stem: str) -> tuple[str, str]:
    return draft_type, re.sub(r"\s+", "", stem)


def _skip_known(
    syllabus: Syllabus, chapter: str, drafts: tuple[Draft, ...], upload: str
) -> tuple[tuple[Draft, ...], tuple[Problem, ...]]:
    """The drafts not yet in the chapter, and a message for each one that is."""
    known = {q.id: q.id for q in syllabus.questions_of(chapter, include_retired=True)}
    stems = {_stem_key(q.type, q.stem): q.id
             for q in syllabus.questions_of(chapter, include_retired=True)}  # fmt: skip
    kept: list[Draft] = []
    skipped: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for draft in drafts:
        key = _stem_key(draft.type, draft.stem)
        same = known.get(draft.id) if draft.id else None
        same = same or stems.get(key)
        if same:
            message = Text("本章已有这道题（{same}），跳过", same=same)
        elif key in seen:
            message = Text("与本文件第 {line} 行的题目相同，跳过", line=seen[key])
        else:
            seen[key] = draft.line
            kept.append(draft)
            continue
        skipped.append(Problem(upload, draft.line, draft.label, message, N_("不重复导入")))
    return tuple(kept), tuple(skipped)


def _complete(chapter: str, drafts: tuple[Draft, ...], defaults: Defaults, first_lesson: str,
              taken: set[str],
              target: Target) -> tuple[Draft, ...]:  # fmt: skip
    prefix = f"{chapter}.{target.id_prefix}"
    own = [d for d in drafts if d.id and d.id.startswith(prefix)] if target.id_prefix else drafts
    pattern = re.compile(rf"^{re.escape(prefix)}q(\d+)$")
    ids = taken | {d.id for d in own}
    number = max((int(m.group(1)) for i in ids if (m := pattern.match(i))), default=0) + 1
    result = []
    for draft in drafts:
        item_id = draft.id if draft in own else ""
        if not item_id:
            item_id, number = f"{prefix}q{number:03d}", number + 1
        lesson = draft.lesson or defaults.lesson or first_lesson
        result.append(replace(draft, id=item_id, source=draft.source or defaults.source,
                              lesson=lesson))  # fmt: skip
    return tuple(result)


def _missing_sources(drafts: tuple[Draft, ...], upload: str) -> list[Problem]:
    return [
        Problem(upload, draft.line, draft.id, N_("缺少出处（source）"),
                N_('在文件中写明出处，或导入时指定，如 --source "000 P16"'))
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


@dataclass
class _Context:
    files: ContentFiles
    name: str
    upload: str
    load: Callable[[ContentFiles], LoadResult]
    stand_in: str  # a valid source, borrowed so a question without one is checked all the same


def _check(ctx: _Context, drafts: tuple[Draft, ...]) -> tuple[str, list[Problem], list[Problem]]:
    """(new text, problems of the drafts at the upload's lines, problems elsewhere)."""
    checked = tuple(replace(d, source=d.source or ctx.stand_in) for d in drafts)
    existing = ctx.files.text(ctx.name) if ctx.name in ctx.files else ""
    text, starts = _appended(existing, checked)
    loaded = ctx.load(ContentFiles({**dict(ctx.files.items()), ctx.name: text.encode()}))
    mine, elsewhere = _missing_sources(drafts, ctx.upload), []
    for problem in loaded.problems:
        if problem.file == ctx.name and starts and problem.line and problem.line >= starts[0]:
            draft = drafts[bisect.bisect_right(starts, problem.line) - 1]
            mine.append(Problem(ctx.upload, draft.line, draft.id, problem.message,
                                problem.expected))  # fmt: skip
        else:
            elsewhere.append(problem)
    return text, mine, elsewhere


def _item_start(spans: tuple[tuple[int, int], ...], line: int | None) -> int | None:
    for first, last in spans:
        if line is not None and first <= line <= last:
            return first
    return None


def _sorted(problems: Iterable[Problem], upload: str) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.file != upload, p.file, p.line or 0)))


_Landing = tuple[str, tuple[Draft, ...], list[Problem], tuple[int, ...], list[Problem]]


def _land(ctx: _Context, drafts: tuple[Draft, ...], reader_problems: tuple[Problem, ...],
          spans: tuple[tuple[int, int], ...], partial: bool) -> _Landing:  # fmt: skip
    """(text, landing drafts, every problem, rejected item lines, blocking problems)."""
    text, mine, elsewhere = _check(ctx, drafts)
    problems = [*reader_problems, *mine, *elsewhere]
    spans = spans or tuple((d.line, d.line) for d in drafts)
    starts = {_item_start(spans, p.line) for p in [*reader_problems, *mine] if p.file == ctx.upload}
    blocking = [p for p in reader_problems if _item_start(spans, p.line) is None] + elsewhere
    if not partial:
        return text, drafts, problems, tuple(sorted(s for s in starts if s)), blocking
    landing = tuple(d for d in drafts if _item_start(spans, d.line) not in starts)
    for _round in range(3):  # leaving items out can only remove problems; re-check to be sure
        text, again, elsewhere = _check(ctx, landing)
        blocking = [p for p in reader_problems if _item_start(spans, p.line) is None] + elsewhere
        if not again:
            break
        problems += [p for p in again if p not in problems]
        late = {_item_start(spans, p.line) for p in again}
        starts |= late
        landing = tuple(d for d in landing if _item_start(spans, d.line) not in late)
    return text, landing, problems, tuple(sorted(s for s in starts if s)), blocking


def plan_append(
    files: ContentFiles,
    chapter: str,
    result: ImportResult,
    defaults: Defaults = Defaults(),
    load: Callable[[ContentFiles], LoadResult] = load_syllabus,
    upload: str = "",
    partial: bool = False,
    target: Target = Target(),
) -> AppendPlan:
    """What appending ``result`` to ``chapter`` would write, and every problem it would have.

    ``load`` may be a cached loader; ``upload`` names the imported file in problem reports.
    """
    name = chapter_file(chapter, target)

    def plan(drafts: tuple[Draft, ...] = (), problems: tuple[Problem, ...] = (), text: str = "",
             **rest: tuple[Problem, ...] | tuple[int, ...]) -> AppendPlan:  # fmt: skip
        return AppendPlan(
            chapter,
            name,
            text,
            drafts,
            problems,
            warnings=result.warnings,
            partial=partial,
            convertible=result.drafts,
            **rest,  # type: ignore[arg-type]
        )

    current = load(files)
    if current.syllabus is None:
        tree = tuple(
            replace(p, message=Text("{label}{message}", label=Text(TREE_LABEL), message=p.message))
            for p in current.problems
        )
        return plan(problems=result.problems + tree, blocking=tree)
    syllabus = current.syllabus
    if chapter not in syllabus.chapters:
        expected = Text("{chapters}", chapters=Listing(syllabus.course.chapter_ids))
        missing = Problem(
            upload, None, None, Text("课程中没有章节“{chapter}”", chapter=chapter), expected
        )
        return plan(problems=(*result.problems, missing), blocking=(missing,))
    fresh, skipped = _skip_known(syllabus, chapter, result.drafts, upload)
    if not fresh:
        empty = Problem(upload, None, None, N_("文件中没有可导入的新题目"),
                        N_("至少一道本章还没有的题") if skipped else N_("至少一道题"))  # fmt: skip
        return plan(problems=result.problems or (empty,), skipped=skipped, blocking=(empty,))
    lessons = syllabus.lessons_of(chapter)
    drafts = _complete(chapter, fresh, defaults, lessons[0].id if lessons else "",
                       set(syllabus.questions), target)  # fmt: skip
    ctx = _Context(files, name, upload, load, next(iter(syllabus.course.sources), "000"))
    text, landing, problems, rejected, blocking = _land(
        ctx, drafts, result.problems, result.spans, partial
    )
    return replace(plan(landing, _sorted(problems, upload), text, skipped=skipped,
                        rejected=rejected, blocking=_sorted(blocking, upload)),
                   convertible=drafts)  # fmt: skip
