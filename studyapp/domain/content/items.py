"""Card and question types: a registry maps each ``type:`` to the class that reads and checks it.

A new type is one class here and one entry in its registry; later features (review, scoring)
look the type up in the same registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyapp.domain.content import model
from studyapp.domain.content.reader import Reader

COMMON_FIELDS = ("id", "type", "source", "lesson", "tags", "levels", "retired")
LETTERS = "ABCDEFGH"
CLOZE = re.compile(r"\{\{(.+?)\}\}")
BANNED_OPTIONS = ("以上都对", "以上都不对", "以上皆是", "以上皆非", "以上都是", "以上均")


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

    def fields(self) -> dict:
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


def _distinct(reader: Reader, name: str, values: tuple[str, ...]) -> bool:
    seen = set()
    for value in values:
        if value in seen:
            reader.report(reader.line(name), f"`{name}` 中“{value}”出现了两次", "各项互不相同")
            return False
        seen.add(value)
    return True


class BasicCardType:
    """Front and back."""

    label = "问答卡"
    fields = ("front", "back")

    @staticmethod
    def read(reader: Reader, common: Common) -> model.Card | None:
        front, back = reader.text("front"), reader.text("back")
        if not reader.ok:
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
                    reader.line("text"), "填空 `{{…}}` 里缺少答案", "{{答案}} 或 {{答案::提示}}"
                )
                return None
            deletions.append(model.Deletion(answer.strip(), hint.strip() or None))
        if not deletions:
            reader.report(
                reader.line("text"),
                "填空卡没有挖空",
                "至少一处 {{答案}}，如：我国服务业占 GDP 的 {{40.2%}}",
            )
            return None
        if text.count("{{") != len(deletions) or text.count("}}") != len(deletions):
            reader.report(reader.line("text"), "填空标记 {{ }} 不成对", "每处挖空写成 {{答案}}")
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
        if not reader.ok or not _distinct(reader, "items", members):
            return None
        return model.ListCard(
            type="list", prompt=prompt, members=members, ordered=ordered, **common.fields()
        )


def _letters_to_indexes(reader: Reader, raw, option_count: int) -> list[int] | None:
    valid = LETTERS[:option_count]
    expected = "选项字母 " + "、".join(valid)
    values = raw if isinstance(raw, list) else [raw]
    indexes = []
    for value in values:
        letter = value.strip().upper() if isinstance(value, str) else value
        if not isinstance(letter, str) or len(letter) != 1 or letter not in valid:
            reader.report(reader.line("answer"), f"答案“{value}”不在选项之中", expected)
            return None
        indexes.append(valid.index(letter))
    if len(set(indexes)) != len(indexes):
        reader.report(reader.line("answer"), "答案中有重复的字母", expected)
        return None
    return indexes


def _read_options(reader: Reader, minimum: int, maximum: int) -> tuple[str, ...]:
    options = reader.text_list("options", minimum=minimum)
    if len(options) > maximum:
        reader.report(
            reader.line("options"), f"选项有 {len(options)} 个，太多", f"{minimum}–{maximum} 个选项"
        )
    for option in options:
        if option.startswith(BANNED_OPTIONS):
            reader.report(
                reader.line("options"),
                f"选项“{option}”是“以上都对/都不对”式选项",
                "每个选项是一个独立的说法",
            )
    _distinct(reader, "options", options)
    return options


class SingleQuestionType:
    """单选: options A–D, exactly one key."""

    label = "单选题"
    fields = ("stem", "options", "answer", "explanation")

    @staticmethod
    def read(reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = reader.text("stem"), reader.text("explanation")
        options = _read_options(reader, 2, 6)
        raw = reader.data.get("answer")
        if raw is None:
            reader.report(reader.line(), "缺少必填字段 `answer`", "一个选项字母，如 B")
            return None
        if isinstance(raw, list):
            reader.report(
                reader.line("answer"),
                "单选题只能有一个答案",
                "一个选项字母，如 B；多个答案请用 type: multiple",
            )
            return None
        keys = _letters_to_indexes(reader, raw, len(options))
        if keys is None or not reader.ok:
            return None
        return model.ChoiceQuestion(
            type="single", stem=stem, explanation=explanation, options=options,
            keys=frozenset(keys), **common.fields(),
        )  # fmt: skip


class MultipleQuestionType:
    """多选: 4–6 options, at least two keys."""

    label = "多选题"
    fields = ("stem", "options", "answer", "explanation")

    @staticmethod
    def read(reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = reader.text("stem"), reader.text("explanation")
        options = _read_options(reader, 3, 6)
        raw = reader.data.get("answer")
        expected = "至少两个选项字母的列表，如 [A, C, D]"
        if raw is None:
            reader.report(reader.line(), "缺少必填字段 `answer`", expected)
            return None
        if isinstance(raw, str) and len(raw.strip()) > 1 and raw.strip().isalpha():
            raw = list(raw.strip())  # "ACD" is a common shorthand for [A, C, D]
        keys = _letters_to_indexes(reader, raw, len(options))
        if keys is None:
            return None
        if len(keys) < 2:
            reader.report(reader.line("answer"), f"多选题只有 {len(keys)} 个正确选项", expected)
            return None
        if not reader.ok:
            return None
        return model.ChoiceQuestion(
            type="multiple", stem=stem, explanation=explanation, options=options,
            keys=frozenset(keys), **common.fields(),
        )  # fmt: skip


class JudgeQuestionType:
    """判断: the statement is true or false."""

    label = "判断题"
    fields = ("stem", "answer", "explanation")

    @staticmethod
    def read(reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = reader.text("stem"), reader.text("explanation")
        raw = reader.data.get("answer")
        if not isinstance(raw, bool):
            shown = "（缺少）" if raw is None else f"“{raw}”"
            reader.report(
                reader.line("answer"), f"判断题的答案 {shown} 不是 true/false", "true 或 false"
            )
            return None
        if not reader.ok:
            return None
        return model.JudgeQuestion(
            type="judge", stem=stem, explanation=explanation, answer=raw, **common.fields()
        )


class ShortQuestionType:
    """简答/案例分析: a model answer and the key points a grader looks for."""

    label = "简答题"
    fields = ("stem", "model_answer", "key_points", "explanation")

    @staticmethod
    def read(reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = reader.text("stem"), reader.text("explanation")
        model_answer = reader.text("model_answer")
        key_points = reader.text_list("key_points", minimum=2)
        if not reader.ok or not _distinct(reader, "key_points", key_points):
            return None
        return model.ShortQuestion(
            type="short", stem=stem, explanation=explanation, model_answer=model_answer,
            key_points=key_points, **common.fields(),
        )  # fmt: skip


CARD_TYPES = {"basic": BasicCardType, "cloze": ClozeCardType, "list": ListCardType}
QUESTION_TYPES = {
    "single": SingleQuestionType,
    "multiple": MultipleQuestionType,
    "judge": JudgeQuestionType,
    "short": ShortQuestionType,
}
