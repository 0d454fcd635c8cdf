"""YAML parsed with the C parser into dicts and lists that remember their line numbers.

The C parser (``CSafeLoader``) produces events; ``_Builder`` turns them into values in one pass,
keeping each key's and item's line, which every problem report needs. It is safe on untrusted
text (uploads as well as ``content/``): nesting depth, alias expansion and size are bounded.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from studyapp.domain.content.problems import Problems
from studyapp.domain.content.text import N_, Text
from studyapp.domain.content.yaml_messages import explain

Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:
    Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    Loader = yaml.SafeLoader

MAX_DEPTH = 64  # nesting levels; the course's files need fewer than ten
MAX_ALIAS_NODES = 10_000  # nodes that aliases may repeat in one document
MAX_BYTES = 4 * 1024 * 1024  # characters of one file

_BOOL_TRUE = {"true", "yes", "on"}
_TAG = "tag:yaml.org,2002:"


class LMap(dict[Any, Any]):
    """A mapping with the line it starts on and the line of each key (1-based)."""

    __slots__ = ("line", "key_lines")
    line: int  # declared here for the type checker; the slots hold them
    key_lines: dict[Any, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list[Any]):
    """A sequence with the line it starts on and the line of each item (1-based)."""

    __slots__ = ("line", "item_lines")
    line: int
    item_lines: list[int]


class DuplicateKey(Exception):
    pass


class WrittenInt(int):
    """A number written with digits that its value does not show (``002``): ``raw`` keeps them,
    so a field that expects text gets what was written."""

    raw: str


class WrittenFloat(float):
    """A decimal written otherwise than its value shows (``2026.10``): ``raw`` keeps it."""

    raw: str


class YesNo(str):
    """``yes`` ``no`` ``on`` ``off`` (any case): YAML 1.1 reads them as true/false. Kept as the
    word written, with ``truth``, so a text field can report it and a boolean field accept it."""

    truth: bool


_YES_NO = {"yes": True, "no": False, "on": True, "off": False, "y": True, "n": False}


def _written(number: float, kind: type[WrittenInt] | type[WrittenFloat], text: str) -> Any:
    value = kind(number)
    value.raw = text
    return value


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    value = node.value
    if tag == _TAG + "str":
        return value
    if tag == _TAG + "int":
        text = value.replace("_", "")
        try:
            number = int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)
        except ValueError:
            return value
        return number if str(number) == value else _written(number, WrittenInt, value)
    if tag == _TAG + "bool":
        if value.lower() in _YES_NO:
            word = YesNo(value)
            word.truth = _YES_NO[value.lower()]
            return word
        return value.lower() in _BOOL_TRUE
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "float":
        try:
            decimal = float(value.replace("_", ""))
        except ValueError:
            return value
        return decimal if repr(decimal) == value else _written(decimal, WrittenFloat, value)
    return value  # timestamps and other tags stay text; the field checks say what they expected


class LimitExceeded(Exception):
    """The document breaks a safety limit: too deep, too many alias expansions, a bad alias."""

    def __init__(self, line: int, message: str, expected: str) -> None:
        super().__init__(message)
        self.line, self.message, self.expected = line, message, expected


class _Frame:
    __slots__ = ("container", "anchor", "start", "key", "key_line")

    def __init__(self, container: LMap | LList, anchor: str | None, start: int) -> None:
        self.key: Any
        self.key_line: int
        self.container, self.anchor, self.start = container, anchor, start
        self.key, self.key_line = _NO_KEY, 0


_NO_KEY = object()
_RESOLVER = Resolver()


def _scalar_event(event: ScalarEvent) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]  # PyYAML's stubs leave Resolver.resolve untyped
    return _scalar(ScalarNode(tag, event.value))


class _Builder:
    """Turns the parser's events into LMap/LList values in one pass, with no recursion.

    PyYAML's composer recurses once per nesting level (30,000 ``[`` crash the process) and
    expanding aliases node by node lets a few hundred bytes grow to gigabytes. Here nesting is
    capped at ``MAX_DEPTH`` and every alias adds the size of what it repeats to a budget of
    ``MAX_ALIAS_NODES``; an alias shares the value it names instead of copying it.
    """

    def __init__(self, line_offset: int) -> None:
        self.offset = line_offset
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[object, int]] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0
        self.alias_nodes = 0
        self.duplicates: list[tuple[str, int]] = []
        self.root: Any = None
        self.documents = 0

    def line(self, event: Event) -> int:
        line: int = event.start_mark.line if event.start_mark else 0  # the parser always marks
        return line + 1 + self.offset

    def feed(self, event: Event) -> None:
        kind = event.__class__
        if kind is ScalarEvent:
            self.nodes += 1
            assert isinstance(event, ScalarEvent)
            value = _scalar_event(event)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1)
            self.attach(value, self.line(event))
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            assert isinstance(event, NodeEvent)
            self.open(event, LList() if kind is SequenceStartEvent else LMap())
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            self.close()
        elif kind is AliasEvent:
            assert isinstance(event, AliasEvent)
            self.alias(event)
        elif kind is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise LimitExceeded(self.line(event), N_("文件中有多个 YAML 文档（“---”分隔）"),
                                    N_("每个文件只写一个文档"))  # fmt: skip

    def open(self, event: NodeEvent, container: LMap | LList) -> None:
        line = self.line(event)
        if len(self.stack) >= MAX_DEPTH:
            raise LimitExceeded(line, Text("嵌套超过 {depth} 层", depth=MAX_DEPTH),
                                N_("课程文件只需几层缩进；检查是否有多余的 [ 或 {"))  # fmt: skip
        container.line = line
        if isinstance(container, LList):
            container.item_lines = []
        else:
            container.key_lines = {}
        self.nodes += 1
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(container, event.anchor, self.nodes))

    def close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, self.nodes - frame.start + 1)
        self.attach(frame.container, frame.container.line)

    def alias(self, event: AliasEvent) -> None:
        line = self.line(event)
        if event.anchor in self.open_anchors:
            raise LimitExceeded(line, Text("别名 *{anchor} 引用了包含它自己的锚点",
                                           anchor=event.anchor), N_("去掉自引用"))  # fmt: skip
        if event.anchor not in self.anchors:
            raise LimitExceeded(line, Text("别名 *{anchor} 没有对应的锚点 &{anchor}",
                                           anchor=event.anchor),
                                N_("先用 &名字 定义，再用 *名字 引用"))  # fmt: skip
        value, size = self.anchors[event.anchor]
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise LimitExceeded(
                line, Text("别名展开的内容过多（超过 {count} 项）", count=MAX_ALIAS_NODES),
                N_("少用别名（*名字），直接写出内容"),
            )  # fmt: skip
        self.nodes += size
        self.attach(value, line)

    def attach(self, value: Any, line: int) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, LList):
            container.append(value)
            container.item_lines.append(line)
        elif frame.key is _NO_KEY:
            frame.key = value if isinstance(value, str | int | float | bool | None) else str(value)
            frame.key_line = line
        else:
            key = frame.key
            if key in container.key_lines:
                self.duplicates.append((str(key), frame.key_line))
            container.key_lines[key] = frame.key_line
            container[key] = value
            frame.key = _NO_KEY


def parse(text: str, file: str, problems: Problems, line_offset: int = 0) -> Any:
    """The document's value, or None after reporting a syntax error or a broken limit with its
    line. Bounded in time and memory whatever the text: see ``_Builder`` and ``MAX_BYTES``."""
    if len(text) > MAX_BYTES:
        megabytes = MAX_BYTES // (1024 * 1024)
        problems.add(file, None, None, Text("文件过大（超过 {megabytes} MB）", megabytes=megabytes),
                     N_("把内容拆成几个较小的文件"))  # fmt: skip
        return None
    builder = _Builder(line_offset)
    try:
        for event in yaml.parse(text, Loader=Loader):
            builder.feed(event)
    except LimitExceeded as error:
        problems.add(file, error.line, None, error.message, error.expected)
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if "quoted scalar" in str(error.context) and error.context_mark:
            mark = error.context_mark  # where the quote opened, not the end of the file
        at, message, fix = explain(
            text, error.problem or error.context, mark.line if mark else None
        )
        problems.add(file, None if at is None else at + 1 + line_offset, None, message, fix)
        return None
    except yaml.YAMLError as error:
        problems.add(
            file, None, None, Text("YAML 无法读取：{error}", error=str(error)),
            N_("UTF-8 编码的 YAML 文件"),
        )  # fmt: skip
        return None
    for key, line in builder.duplicates:
        problems.add(
            file, line, None, Text("字段 `{key}` 重复出现", key=key), N_("每个字段只写一次")
        )
    return builder.root
