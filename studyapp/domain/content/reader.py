"""Reads the fields of one YAML mapping, reporting each problem with its file, line and item."""

from __future__ import annotations

import difflib
import re

from studyapp.domain.content.problems import Problems
from studyapp.domain.content.sources import SOURCE_EXPECTED, malformed_part
from studyapp.domain.content.yamltree import LList, LMap, YesNo

ID_PATTERN = re.compile(r"^[a-z][a-z0-9.-]{0,63}$")
ID_EXPECTED = "小写字母开头，只含小写字母、数字、“-”和“.”，最多 64 个字符，如 ethics.q001"

_TYPE_NAMES = {
    str: "文本",
    int: "整数",
    float: "数字",
    bool: "true/false",
    list: "列表",
    dict: "字段表",
}


def type_name(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, LMap | dict):
        return "字段表"
    if isinstance(value, LList | list):
        return "列表"
    if value is None:
        return "空值"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class Reader:
    """One mapping of one file: typed getters, and unknown fields reported by ``finish``."""

    def __init__(
        self, data: LMap, file: str, problems: Problems, allowed: tuple[str, ...], item: str | None
    ):
        self.data = data
        self.file = file
        self.problems = problems
        self.allowed = allowed
        self.item = item
        self.ok = True  # False once any problem was reported for this mapping
        self.optional: frozenset[str] = frozenset()  # text fields a draft may leave out

    def report(self, line: int | None, message: str, expected: str | None = None) -> None:
        self.ok = False
        self.problems.add(self.file, line, self.item, message, expected)

    def line(self, name: str | None = None) -> int:
        return self.data.line_of(name) if name else self.data.line

    def _get(self, name: str, required: bool, expected: str):
        if name not in self.data or self.data[name] is None:
            if required:
                self.report(self.data.line, f"缺少必填字段 `{name}`", expected)
            return None
        return self.data[name]

    def text(self, name: str, required: bool = True, default: str | None = None) -> str | None:
        if name in self.optional:
            required, default = False, default or ""
        value = self._get(name, required, "非空文本")
        if value is None:
            return default
        if isinstance(value, YesNo):
            self.report(self.line(name), yes_no_message(name, value), f'加引号："{value}"')
            return default
        if isinstance(value, int | float) and not isinstance(value, bool):
            # e.g. `version: 2026.10`, `id: 002`: the text as written, not the number's digits
            value = getattr(value, "raw", str(value))
        if not isinstance(value, str):
            self.report(self.line(name), f"`{name}` 应为文本，实际是{type_name(value)}", "文本")
            return default
        value = value.strip()
        if not value:
            if required:
                self.report(self.line(name), f"`{name}` 不能为空", "非空文本")
            return default
        return value

    def number(
        self, name: str, required: bool = True, minimum: float | None = None, integer: bool = False
    ) -> float | int | None:
        expected = "整数" if integer else "数字"
        if minimum is not None:
            expected += f"，不小于 {minimum:g}"
        value = self._get(name, required, expected)
        if value is None:
            return None
        wrong_type = isinstance(value, bool) or not isinstance(value, int | float)
        if not wrong_type and integer and not isinstance(value, int):
            wrong_type = True
        if wrong_type:
            self.report(
                self.line(name), f"`{name}` 应为{expected}，实际是{type_name(value)}", expected
            )
            return None
        if minimum is not None and value < minimum:
            self.report(self.line(name), f"`{name}` 为 {value}，太小", expected)
            return None
        return value

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.data.get(name)
        if value is None:
            return default
        if isinstance(value, YesNo):
            return value.truth  # `retired: yes` means what it says
        if not isinstance(value, bool):
            self.report(
                self.line(name), f"`{name}` 应为 true 或 false，实际是“{value}”", "true 或 false"
            )
            return default
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: str | None = None) -> str | None:
        expected = " 或 ".join(choices)
        value = self._get(name, default is None, expected)
        if value is None:
            return default
        if value not in choices:
            hint = difflib.get_close_matches(str(value), choices, n=1)
            guess = f"，是否想写 `{hint[0]}`？" if hint else ""
            self.report(self.line(name), f"`{name}` 的值“{value}”无效{guess}", expected)
            return default
        return value

    def text_list(self, name: str, required: bool = True, minimum: int = 1) -> tuple[str, ...]:
        expected = f"至少 {minimum} 项的文本列表"
        value = self._get(name, required, expected)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.report(self.line(name), f"`{name}` 应为列表，实际是{type_name(value)}", expected)
            return ()
        items = []
        lines = getattr(value, "item_lines", [])
        for index, entry in enumerate(value):
            line = lines[index] if index < len(lines) else self.line(name)
            if isinstance(entry, int | float) and not isinstance(entry, bool):
                entry = getattr(entry, "raw", str(entry))
            if isinstance(entry, YesNo):
                self.report(line, yes_no_message(f"{name}` 第 {index + 1} 项 `", entry),
                            f'加引号："{entry}"')  # fmt: skip
                continue
            if not isinstance(entry, str) or not entry.strip():
                self.report(
                    line,
                    f"`{name}` 第 {index + 1} 项应为非空文本，实际是{type_name(entry)}",
                    "文本",
                )
                continue
            items.append(entry.strip())
        if len(value) < minimum:
            self.report(self.line(name), f"`{name}` 只有 {len(value)} 项", expected)
        return tuple(items)

    def levels(self, course_levels: frozenset[int], default: frozenset[int]) -> frozenset[int]:
        value = self.data.get("levels")
        if value is None:
            return default
        expected = "等级列表，取值 " + "、".join(str(level) for level in sorted(course_levels))
        if isinstance(value, int) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list) or not value:
            self.report(self.line("levels"), "`levels` 应为非空列表", expected)
            return default
        unknown = [level for level in value if level not in course_levels]
        if unknown:
            names = "、".join(str(level) for level in unknown)
            self.report(self.line("levels"), f"`levels` 含课程中没有的等级：{names}", expected)
            return default
        return frozenset(value)

    def source(self) -> str:
        value = self.text("source", default="")
        bad = malformed_part(value) if value else None
        if bad is not None:
            self.report(self.line("source"), f"`source` 的格式不对：“{bad}”", SOURCE_EXPECTED)
        return value

    def distinct(self, name: str, values: tuple[str, ...]) -> bool:
        """True when no value of the list field ``name`` repeats; else reports the first."""
        seen = set()
        for value in values:
            if value in seen:
                self.report(self.line(name), f"`{name}` 中“{value}”出现了两次", "各项互不相同")
                return False
            seen.add(value)
        return True

    def finish(self) -> None:
        for key in self.data:
            if key not in self.allowed:
                hint = difflib.get_close_matches(str(key), self.allowed, n=1)
                guess = f"，是否想写 `{hint[0]}`？" if hint else ""
                self.report(
                    self.line(key),
                    f"未知字段 `{key}`{guess}",
                    "可用字段：" + "、".join(self.allowed),
                )


def yes_no_message(name: str, word: str) -> str:
    return f"`{name}` 写的是 {word}，YAML 会把它读成 是/否（true/false），不是文字"


def check_id(value, file: str, line: int, problems: Problems) -> str | None:
    if not isinstance(value, str) or isinstance(value, YesNo) or not ID_PATTERN.match(value):
        shown = getattr(value, "raw", value)
        problems.add(file, line, None, f"id “{shown}” 不合规则", ID_EXPECTED)
        return None
    return value
