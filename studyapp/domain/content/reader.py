"""Reads the fields of one YAML mapping, reporting each problem with its file, line and item."""

from __future__ import annotations

import difflib
import re
from typing import Any, Literal, overload

from studyapp.domain.content.problems import Problems
from studyapp.domain.content.sources import SOURCE_EXPECTED, malformed_part
from studyapp.domain.content.text import N_, Alternatives, Listing, Text
from studyapp.domain.content.yamltree import LList, LMap, YesNo

ID_PATTERN = re.compile(r"^[a-z][a-z0-9.-]{0,63}$")
ID_EXPECTED = N_("小写字母开头，只含小写字母、数字、“-”和“.”，最多 64 个字符，如 ethics.q001")

_TEXT = Text("文本")
_TYPE_NAMES: dict[type, str] = {
    str: _TEXT,
    int: Text("整数"),
    float: Text("数字"),
    bool: "true/false",
    list: Text("列表"),
    dict: Text("字段表"),
}


def type_name(value: object) -> str:
    """What a value is, in the message's words (a ``Text`` the web UI translates)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, LMap | dict):
        return _TYPE_NAMES[dict]
    if isinstance(value, LList | list):
        return _TYPE_NAMES[list]
    if value is None:
        return Text("空值")
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _did_you_mean(message: Text, word: str, choices: tuple[str, ...]) -> Text:
    """``message`` followed by a guess at what was meant, when one is close."""
    hint = difflib.get_close_matches(word, choices, n=1)
    return (
        Text("{message}，是否想写 `{hint}`？", message=message, hint=hint[0]) if hint else message
    )


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

    def _get(self, name: str, required: bool, expected: str) -> Any:
        if name not in self.data or self.data[name] is None:
            if required:
                self.report(self.data.line, Text("缺少必填字段 `{name}`", name=name), expected)
            return None
        return self.data[name]

    @overload
    def text(self, name: str, required: bool = ..., *, default: str) -> str: ...
    @overload
    def text(self, name: str, required: bool = ..., default: None = ...) -> str | None: ...
    def text(self, name: str, required: bool = True, default: str | None = None) -> str | None:
        if name in self.optional:
            required, default = False, default or ""
        value = self._get(name, required, N_("非空文本"))
        if value is None:
            return default
        if isinstance(value, YesNo):
            self.report(self.line(name), yes_no_message(name, value), quote_hint(value))
            return default
        if isinstance(value, int | float) and not isinstance(value, bool):
            # e.g. `version: 2026.10`, `id: 002`: the text as written, not the number's digits
            value = getattr(value, "raw", str(value))
        if not isinstance(value, str):
            self.report(
                self.line(name),
                Text("`{name}` 应为文本，实际是{type}", name=name, type=type_name(value)),
                _TEXT,
            )
            return default
        value = value.strip()
        if not value:
            if required:
                self.report(self.line(name), Text("`{name}` 不能为空", name=name), N_("非空文本"))
            return default
        return value

    @overload
    def number(
        self,
        name: str,
        required: bool = ...,
        minimum: float | None = ...,
        *,
        integer: Literal[True],
    ) -> int | None: ...
    @overload
    def number(
        self,
        name: str,
        required: bool = ...,
        minimum: float | None = ...,
        integer: Literal[False] = ...,
    ) -> float | None: ...
    def number(
        self, name: str, required: bool = True, minimum: float | None = None, integer: bool = False
    ) -> float | None:
        expected = _TYPE_NAMES[int if integer else float]
        if minimum is not None:
            expected = Text("{type}，不小于 {minimum:g}", type=expected, minimum=minimum)
        value = self._get(name, required, expected)
        if value is None:
            return None
        wrong_type = isinstance(value, bool) or not isinstance(value, int | float)
        if not wrong_type and integer and not isinstance(value, int):
            wrong_type = True
        if wrong_type:
            message = Text(
                "`{name}` 应为{expected}，实际是{type}",
                name=name, expected=expected, type=type_name(value),
            )  # fmt: skip
            self.report(self.line(name), message, expected)
            return None
        if minimum is not None and value < minimum:
            self.report(self.line(name), Text("`{name}` 为 {value}，太小", name=name, value=value),
                        expected)  # fmt: skip
            return None
        number: float = value
        return number

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.data.get(name)
        if value is None:
            return default
        if isinstance(value, YesNo):
            return value.truth  # `retired: yes` means what it says
        if not isinstance(value, bool):
            self.report(
                self.line(name),
                Text("`{name}` 应为 true 或 false，实际是“{value}”", name=name, value=value),
                N_("true 或 false"),
            )
            return default
        return value

    @overload
    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str: ...
    @overload
    def choice(self, name: str, choices: tuple[str, ...], default: None = ...) -> str | None: ...
    def choice(self, name: str, choices: tuple[str, ...], default: str | None = None) -> str | None:
        expected = Text("{choices}", choices=Alternatives(choices))
        value = self._get(name, default is None, expected)
        if value is None:
            return default
        if value not in choices:
            message = Text("`{name}` 的值“{value}”无效", name=name, value=value)
            self.report(self.line(name), _did_you_mean(message, str(value), choices), expected)
            return default
        chosen: str = value
        return chosen

    def text_list(self, name: str, required: bool = True, minimum: int = 1) -> tuple[str, ...]:
        expected = Text("至少 {minimum} 项的文本列表", minimum=minimum)
        value = self._get(name, required, expected)
        if value is None:
            return ()
        if not isinstance(value, list):
            message = Text("`{name}` 应为列表，实际是{type}", name=name, type=type_name(value))
            self.report(self.line(name), message, expected)
            return ()
        items = []
        lines = getattr(value, "item_lines", [])
        for index, entry in enumerate(value):
            line = lines[index] if index < len(lines) else self.line(name)
            if isinstance(entry, int | float) and not isinstance(entry, bool):
                entry = getattr(entry, "raw", str(entry))
            if isinstance(entry, YesNo):
                self.report(line, yes_no_message(name, entry, index + 1), quote_hint(entry))
                continue
            if not isinstance(entry, str) or not entry.strip():
                message = Text(
                    "`{name}` 第 {number} 项应为非空文本，实际是{type}",
                    name=name, number=index + 1, type=type_name(entry),
                )  # fmt: skip
                self.report(line, message, _TEXT)
                continue
            items.append(entry.strip())
        if len(value) < minimum:
            self.report(self.line(name), Text("`{name}` 只有 {count} 项", name=name,
                                              count=len(value)), expected)  # fmt: skip
        return tuple(items)

    def levels(self, course_levels: frozenset[int], default: frozenset[int]) -> frozenset[int]:
        value = self.data.get("levels")
        if value is None:
            return default
        known = Listing(str(level) for level in sorted(course_levels))
        expected = Text("等级列表，取值 {levels}", levels=known)
        if isinstance(value, int) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list) or not value:
            self.report(self.line("levels"), N_("`levels` 应为非空列表"), expected)
            return default
        unknown = [level for level in value if level not in course_levels]
        if unknown:
            names = Listing(str(level) for level in unknown)
            self.report(self.line("levels"),
                        Text("`levels` 含课程中没有的等级：{levels}", levels=names), expected)  # fmt: skip
            return default
        return frozenset(value)

    def source(self) -> str:
        value = self.text("source", default="")
        bad = malformed_part(value) if value else None
        if bad is not None:
            self.report(
                self.line("source"),
                Text("`source` 的格式不对：“{part}”", part=bad),
                SOURCE_EXPECTED,
            )
        return value

    def distinct(self, name: str, values: tuple[str, ...]) -> bool:
        """True when no value of the list field ``name`` repeats; else reports the first."""
        seen = set()
        for value in values:
            if value in seen:
                self.report(
                    self.line(name),
                    Text("`{name}` 中“{value}”出现了两次", name=name, value=value),
                    N_("各项互不相同"),
                )
                return False
            seen.add(value)
        return True

    def finish(self) -> None:
        for key in self.data:
            if key not in self.allowed:
                message = Text("未知字段 `{key}`", key=key)
                self.report(
                    self.line(key),
                    _did_you_mean(message, str(key), self.allowed),
                    Text("可用字段：{fields}", fields=Listing(self.allowed)),
                )


def yes_no_message(name: str, word: str, number: int | None = None) -> Text:
    """``yes``/``no``/``on``/``off`` written where text was meant (YAML 1.1 reads a boolean)."""
    if number is not None:
        return Text(
            "`{name}` 第 {number} 项写的是 {word}，YAML 会把它读成 是/否（true/false），不是文字",
            name=name, number=number, word=word,
        )  # fmt: skip
    return Text(
        "`{name}` 写的是 {word}，YAML 会把它读成 是/否（true/false），不是文字",
        name=name,
        word=word,
    )


def quote_hint(word: str) -> Text:
    return Text('加引号："{word}"', word=word)


def check_id(value: object, file: str, line: int, problems: Problems) -> str | None:
    if not isinstance(value, str) or isinstance(value, YesNo) or not ID_PATTERN.match(value):
        shown = getattr(value, "raw", value)
        problems.add(file, line, None, Text("id “{id}” 不合规则", id=shown), ID_EXPECTED)
        return None
    return value
