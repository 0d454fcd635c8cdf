"""Problems found in the content files: each says where (file, line, item), what and what was expected."""

from __future__ import annotations

from dataclasses import dataclass


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

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "item": self.item,
            "message": self.message,
            "expected": self.expected,
        }


class Problems:
    """Collects every problem of one load, so the trainer sees them all in one pass."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(
        self,
        file: str,
        line: int | None,
        item: str | None,
        message: str,
        expected: str | None = None,
    ) -> None:
        self._items.append(Problem(file, line, item, message, expected))

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def sorted(self) -> tuple[Problem, ...]:
        return tuple(sorted(self._items, key=lambda p: (p.file, p.line or 0, p.message)))
