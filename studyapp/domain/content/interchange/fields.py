"""Named fields → a draft: what the CSV sheet and the YAML list share.

The readers hand over plain values (text, tuples, the raw answer); this checks only what the
conversion needs (a known type, a stem, an explanation) and leaves the answer rules to the
question type (``QuestionType.fields_from_values``). The course's own rules (option counts, ids,
sources, lessons) are the checker's, run on the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from studyapp.domain.content.interchange.draft import Draft
from studyapp.domain.content.problems import Problems
from studyapp.domain.content.text import N_, Listing, Text
from studyapp.domain.questions import QUESTION_TYPES, TYPE_ALIASES

TYPE_EXPECTED = Text(
    "{types}（也可写 {aliases}）",
    types=Listing(QUESTION_TYPES),
    aliases=Listing(alias for qtype in QUESTION_TYPES.values() for alias in qtype.aliases[:1]),
)
LIST_SEPARATORS = re.compile(r"[;；]")
DRAFT_WARNING = N_("缺少解析：作为草稿导入（draft: true），补上解析后才用于练习和考试")


def split_list(text: str, separators: re.Pattern[str] = LIST_SEPARATORS) -> tuple[str, ...]:
    """``"职业道德; 特征；定义"`` → ``("职业道德", "特征", "定义")``, blanks dropped."""
    return tuple(part.strip() for part in separators.split(text) if part.strip())


def build_draft(
    values: dict[str, Any],
    line: int,
    problems: Problems,
    file: str,
    explanation_hint: str,
    line_of: Callable[[str], int] | None = None,
    warnings: Problems | None = None,
) -> Draft | None:
    """A draft from named values, or None after reporting each reason it cannot convert.

    ``values`` holds text for type, stem, explanation, model_answer, source, lesson and id;
    tuples for options, tags, levels and key_points; and the answer as written. ``line`` is
    where the item starts; ``line_of(name)`` where a field is, when the format knows. An item
    that lacks only its explanation is a draft (``is_draft``), with a warning.
    """
    line_of = line_of or (lambda _name: line)
    label = values.get("id") or None
    start = len(problems)

    def report(name: str, message: str, expected: str) -> None:
        problems.add(file, line_of(name), label, message, expected)

    raw_type = str(values.get("type") or "").strip()
    type_name = TYPE_ALIASES.get(raw_type.lower())
    if type_name is None:
        shown = Text("“{type}”", type=raw_type) if raw_type else Text("（空）")
        report("type", Text("题型 {type} 无法识别", type=shown), TYPE_EXPECTED)
        return None
    stem = values.get("stem", "").strip()
    explanation = values.get("explanation", "").strip()
    if not stem:
        report("stem", N_("缺少题干"), N_("非空的题干文字"))
    fields = QUESTION_TYPES[type_name].fields_from_values(values, report) or {}
    if len(problems) > start:
        return None
    is_draft = bool(values.get("draft")) or not explanation
    if not explanation:
        (warnings if warnings is not None else problems).add(
            file, line_of("explanation"), label, DRAFT_WARNING, explanation_hint
        )
        if warnings is None:
            return None
    return Draft(
        type=type_name,
        stem=stem,
        explanation=explanation,
        source=values.get("source", "").strip(),
        lesson=values.get("lesson", "").strip(),
        tags=values.get("tags", ()),
        levels=values.get("levels", ()),
        id=values.get("id", "").strip(),
        line=line,
        is_draft=is_draft,
        **fields,
    )
