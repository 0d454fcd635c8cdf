"""Problems found in the content files: each says where (file, line, item), what and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, overload

from studyapp.domain.content.text import N_, Text, clip, from_json, to_json


@dataclass(frozen=True, slots=True)
class Problem:
    file: str  # path relative to the content folder, with forward slashes
    line: int | None  # 1-based; None when the problem is about the file as a whole
    item: str | None  # the id of the item concerned, when there is one
    message: str
    expected: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        item = f" [{self.item}]" if self.item else ""
        expected = f"（应为：{self.expected}）" if self.expected else ""
        return f"{where}:{item} {self.message}{expected}"

    def as_dict(self) -> dict[str, object]:
        """JSON data; a ``Text`` message is stored as template and values, to stay translatable."""
        return {
            "file": self.file,
            "line": self.line,
            "item": self.item,
            "message": to_json(self.message),
            "expected": to_json(self.expected),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        message, expected = from_json(data["message"]), from_json(data.get("expected"))
        return cls(data["file"], data["line"], data["item"], message, expected)


class Problems:
    """Collects every problem of one load, so the trainer sees them all in one pass."""

    LIMIT = 500  # problems kept; past it only counted, so a hostile file cannot flood a page
    TEXT_LIMIT = 300  # characters of a message, item or expectation (they quote the file)

    def __init__(self) -> None:
        self._items: list[Problem] = []
        self._dropped = 0

    def add(
        self,
        file: str,
        line: int | None,
        item: str | None,
        message: str,
        expected: str | None = None,
    ) -> None:
        if len(self._items) >= self.LIMIT:
            self._dropped += 1
            return
        self._items.append(Problem(file, line, _clip(item, 80), _clip(message), _clip(expected)))

    def __len__(self) -> int:
        return len(self._items) + self._dropped

    def __bool__(self) -> bool:
        return bool(self._items)

    def sorted(self) -> tuple[Problem, ...]:
        kept = sorted(self._items, key=lambda p: (p.file, p.line or 0, p.message))
        if self._dropped:
            file = kept[-1].file if kept else ""
            kept.append(
                Problem(
                    file,
                    None,
                    None,
                    Text("另有 {count} 个问题未列出", count=self._dropped),
                    N_("先改正上面的问题再检查"),
                )
            )
        return tuple(kept)


@overload
def _clip(text: str, limit: int = ...) -> str: ...
@overload
def _clip(text: str | None, limit: int = ...) -> str | None: ...
def _clip(text: str | None, limit: int = Problems.TEXT_LIMIT) -> str | None:
    """Long quoted text (a 100,000-character "column name") cut to what a reader can use.

    A ``Text`` keeps translatable: its values are clipped, not the sentence around them.
    """
    if text is None or len(text) <= limit:
        return text
    if isinstance(text, Text):
        shorter = text.clipped(max(limit - len(text.template), 20))
        if len(shorter) <= limit:
            return shorter
    shortened: str = clip(str(text), limit)
    return shortened


UTF8_HINT = N_("另存为 UTF-8：Excel 选“CSV UTF-8（逗号分隔）”，WPS/记事本选 UTF-8 编码")


def encoding_problem(data: bytes, error: UnicodeDecodeError, file_name: str) -> Problem:
    """Where a file stops being UTF-8 (its line), with the hint to save it as UTF-8."""
    line = data[: error.start].count(b"\n") + 1
    return Problem(file_name, line, None, N_("文件不是 UTF-8 编码"), UTF8_HINT)
