"""Questions as the course writes them (a questions.yaml list): read from an upload, written
for appending to a chapter's questions.yaml."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from studyapp.domain.content import yamltree
from studyapp.domain.content.interchange.draft import Draft, ImportResult
from studyapp.domain.content.interchange.fields import build_draft
from studyapp.domain.content.problems import Problems
from studyapp.domain.content.reader import type_name
from studyapp.domain.content.text import N_, Listing, Text
from studyapp.domain.content.yamltree import LList, LMap
from studyapp.domain.questions import question_type

FIELDS = ("id", "type", "stem", "options", "items", "answer", "answers", "explanation",
          "model_answer", "key_points", "source", "lesson", "tags", "levels", "draft")  # fmt: skip
TEXT_FIELDS = ("id", "type", "stem", "explanation", "model_answer", "source", "lesson")
LIST_FIELDS = ("options", "items", "answers", "key_points", "tags")
EXPLANATION_HINT = N_("写 explanation: 解析")


def _values(entry: LMap, file: str, problems: Problems) -> dict[str, Any] | None:
    label = entry.get("id") if isinstance(entry.get("id"), str) else None
    start = len(problems)
    for key in entry:
        if key not in FIELDS:
            problems.add(
                file,
                entry.line_of(key),
                label,
                Text("未知字段 `{key}`", key=key),
                Text("可用字段：{fields}", fields=Listing(FIELDS)),
            )
    values: dict[str, Any] = {"answer": entry.get("answer")}
    for name in TEXT_FIELDS:
        value = entry.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = getattr(value, "raw", str(value))
        if value is not None and not isinstance(value, str):
            problems.add(
                file,
                entry.line_of(name),
                label,
                Text("`{name}` 应为文本，实际是{type}", name=name, type=type_name(value)),
                Text("文本"),
            )
        values[name] = value if isinstance(value, str) else ""
    for name in LIST_FIELDS:
        value = entry.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            problems.add(file, entry.line_of(name), label,
                         Text("`{name}` 应为文本列表", name=name), N_("[甲, 乙, 丙]"))  # fmt: skip
            value = []
        values[name] = tuple(str(v).strip() for v in value if str(v).strip())
    levels = entry.get("levels") or []
    levels = [levels] if isinstance(levels, int) else levels
    if not isinstance(levels, list) or not all(type(level) is int for level in levels):
        problems.add(
            file, entry.line_of("levels"), label, N_("`levels` 应为等级数字的列表"), "[2, 3]"
        )
        levels = []
    values["levels"] = tuple(levels)
    values["draft"] = entry.get("draft") is True
    return values if len(problems) == start else None


def read(text: str, file: str) -> ImportResult:
    problems, warnings = Problems(), Problems()
    data = yamltree.parse(text, file, problems)
    drafts = []
    spans: list[tuple[int, int]] = []
    if data is not None and not isinstance(data, LList):
        problems.add(file, 1, None, N_("文件应为题目列表（每项以“- id:”或“- type:”开头）"),
                     N_("YAML 列表"))  # fmt: skip
    elif data is not None:
        ends = [*data.item_lines[1:], text.count("\n") + 2]
        spans = [(start, end - 1) for start, end in zip(data.item_lines, ends, strict=True)]
        for index, entry in enumerate(data):
            if not isinstance(entry, LMap):
                problems.add(
                    file,
                    data.item_lines[index],
                    None,
                    Text("第 {number} 项不是字段表", number=index + 1),
                    "- type: single …",
                )
                continue
            values = _values(entry, file, problems)
            if values is not None:
                draft = build_draft(values, entry.line, problems, file, EXPLANATION_HINT,
                                    entry.line_of, warnings)  # fmt: skip
                if draft is not None:
                    drafts.append(draft)
    return ImportResult(tuple(drafts), problems.sorted(), warnings.sorted(), tuple(spans))


class _Dumper(yaml.SafeDumper):
    """Written as the course's files are: short lists inline, long ones one item a line and
    indented, multi-line text as ``|`` blocks, long lines left whole."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    inline = sum(len(str(item)) for item in value) <= 60 and not any(
        "\n" in str(item) for item in value
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=inline)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def item_fields(draft: Draft) -> dict[str, Any]:
    """The draft as a questions.yaml entry, fields in the order the course writes them."""
    entry: dict[str, Any] = {"id": draft.id, "type": draft.type, "stem": draft.stem}
    entry.update(question_type(draft.type).yaml_fields(draft))
    if draft.explanation or not draft.is_draft:
        entry["explanation"] = draft.explanation
    if draft.is_draft:
        entry["draft"] = True
    entry["source"] = draft.source
    entry["lesson"] = draft.lesson
    if draft.tags:
        entry["tags"] = list(draft.tags)
    if draft.levels:
        entry["levels"] = list(draft.levels)
    return entry


def write_item(draft: Draft) -> str:
    return yaml.dump(
        [item_fields(draft)], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6
    )


def write(drafts: Iterable[Draft]) -> str:
    """The entries, a blank line between them, as in the course's files."""
    return "\n".join(write_item(draft) for draft in drafts)
