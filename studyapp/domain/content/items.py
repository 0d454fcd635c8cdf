"""Card types, and the fields every card and question shares.

``CARD_TYPES`` maps each card ``type:`` to the class that reads and checks it. Question types
live in ``studyapp.domain.questions`` (one class each, with everything else about the type).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from studyapp.domain.content import model
from studyapp.domain.content.reader import Reader
from studyapp.domain.content.text import N_

COMMON_FIELDS = ("id", "type", "source", "lesson", "tags", "levels", "retired")
CLOZE = re.compile(r"\{\{(.+?)\}\}")


@dataclass(frozen=True)
class Common:
    """The fields every card and question shares, already checked."""

    id: str
    chapter: str
    source: str
    lesson: str
    tags: tuple[str, ...]
    levels: frozenset[int]
    retired: bool
    file: str
    line: int

    def fields(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "chapter": self.chapter,
            "source": self.source,
            "lesson": self.lesson,
            "tags": self.tags,
            "levels": self.levels,
            "retired": self.retired,
            "file": self.file,
            "line": self.line,
        }


class BasicCardType:
    """Front and back."""

    label = "问答卡"
    fields = ("front", "back")

    @staticmethod
    def read(reader: Reader, common: Common) -> model.Card | None:
        front, back = reader.text("front"), reader.text("back")
        if not reader.ok or front is None or back is None:
            return None
        return model.BasicCard(type="basic", front=front, back=back, **common.fields())


class ClozeCardType:
    """A sentence with one or more deletions: ``{{answer}}`` or ``{{answer::hint}}``."""

    label = "填空卡"
    fields = ("text",)

    @staticmethod
    def read(reader: Reader, common: Common) -> model.Card | None:
        text = reader.text("text")
        if text is None:
            return None
        deletions = []
        for match in CLOZE.finditer(text):
            answer, _sep, hint = match.group(1).partition("::")
            if not answer.strip():
                reader.report(
                    reader.line("text"),
                    N_("填空 `{{…}}` 里缺少答案"),
                    N_("{{答案}} 或 {{答案::提示}}"),
                )
                return None
            deletions.append(model.Deletion(answer.strip(), hint.strip() or None))
        if not deletions:
            reader.report(
                reader.line("text"),
                N_("填空卡没有挖空"),
                N_("至少一处 {{答案}}，如：我国服务业占 GDP 的 {{40.2%}}"),
            )
            return None
        if text.count("{{") != len(deletions) or text.count("}}") != len(deletions):
            reader.report(
                reader.line("text"), N_("填空标记 {{ }} 不成对"), N_("每处挖空写成 {{答案}}")
            )
            return None
        if not reader.ok:
            return None
        return model.ClozeCard(
            type="cloze", text=text, deletions=tuple(deletions), **common.fields()
        )


class ListCardType:
    """Recall every member of an enumeration, in order or not."""

    label = "列举卡"
    fields = ("prompt", "items", "ordered")

    @staticmethod
    def read(reader: Reader, common: Common) -> model.Card | None:
        prompt = reader.text("prompt")
        members = reader.text_list("items", minimum=2)
        ordered = reader.boolean("ordered", False)
        if not reader.ok or not reader.distinct("items", members) or prompt is None:
            return None
        return model.ListCard(
            type="list", prompt=prompt, members=members, ordered=ordered, **common.fields()
        )


class ItemType(Protocol):
    """What the loader needs of a card or question type: its fields, and reading one item."""

    @property
    def fields(self) -> tuple[str, ...]: ...

    def read(self, reader: Reader, common: Common) -> model.Item | None: ...


CARD_TYPES: dict[str, ItemType] = {
    "basic": BasicCardType,
    "cloze": ClozeCardType,
    "list": ListCardType,
}
