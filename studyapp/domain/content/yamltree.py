"""YAML parsed with the C loader into dicts and lists that remember their line numbers.

``yaml.compose`` with ``CSafeLoader`` builds the node tree in C; turning nodes into values here
is cheaper than PyYAML's own constructor and keeps each key's and item's line, which every
problem report needs.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from studyapp.domain.content.problems import Problems

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as Loader

_BOOL_TRUE = {"true", "yes", "on"}
_TAG = "tag:yaml.org,2002:"


class LMap(dict):
    """A mapping with the line it starts on and the line of each key (1-based)."""

    __slots__ = ("line", "key_lines")

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    """A sequence with the line it starts on and the line of each item (1-based)."""

    __slots__ = ("line", "item_lines")


class DuplicateKey(Exception):
    pass


def _scalar(node: ScalarNode):
    tag = node.tag
    value = node.value
    if tag == _TAG + "str":
        return value
    if tag == _TAG + "int":
        text = value.replace("_", "")
        try:
            return int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)
        except ValueError:
            return value
    if tag == _TAG + "bool":
        return value.lower() in _BOOL_TRUE
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value  # timestamps and other tags stay text; the field checks say what they expected


def to_value(node, duplicates: list[tuple[str, int]]):
    kind = node.__class__
    if kind is ScalarNode:
        return _scalar(node)
    if kind is SequenceNode:
        result = LList()
        result.line = node.start_mark.line + 1
        lines = []
        for child in node.value:
            lines.append(child.start_mark.line + 1)
            result.append(to_value(child, duplicates))
        result.item_lines = lines
        return result
    if kind is MappingNode:
        result = LMap()
        result.line = node.start_mark.line + 1
        key_lines = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if key_node.__class__ is ScalarNode else str(key_node.value)
            if key in key_lines:
                duplicates.append((str(key), key_node.start_mark.line + 1))
            key_lines[key] = key_node.start_mark.line + 1
            result[key] = to_value(value_node, duplicates)
        result.key_lines = key_lines
        return result
    raise TypeError(f"unexpected YAML node {kind.__name__}")  # pragma: no cover


def parse(text: str, file: str, problems: Problems, line_offset: int = 0):
    """The document's value, or None after reporting a syntax error with its line."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problems.add(
            file,
            line,
            None,
            f"YAML 语法错误：{error.problem or error.context}",
            "合法的 YAML：缩进一致；含“: ”或以 { [ * & ! % @ ` 开头的文本要加引号",
        )
        return None
    except yaml.YAMLError as error:
        problems.add(file, None, None, f"YAML 无法读取：{error}", "UTF-8 编码的 YAML 文件")
        return None
    if node is None:
        return None
    duplicates: list[tuple[str, int]] = []
    value = to_value(node, duplicates)
    for key, line in duplicates:
        problems.add(file, line + line_offset, None, f"字段 `{key}` 重复出现", "每个字段只写一次")
    if line_offset:
        _shift(value, line_offset)
    return value


def _shift(value, offset: int) -> None:
    """Moves line numbers of a front-matter document to where it sits in its file."""
    if isinstance(value, LMap):
        value.line += offset
        value.key_lines = {key: line + offset for key, line in value.key_lines.items()}
        for child in value.values():
            _shift(child, offset)
    elif isinstance(value, LList):
        value.line += offset
        value.item_lines = [line + offset for line in value.item_lines]
        for child in value:
            _shift(child, offset)
