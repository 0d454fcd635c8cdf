"""单选 and 多选: options shown in a shuffled order, keys by letter."""

from __future__ import annotations

import random
import re
from typing import Any

from studyapp.domain.content import model
from studyapp.domain.content.items import Common
from studyapp.domain.content.reader import Reader
from studyapp.domain.content.text import Listing, Text
from studyapp.domain.questions.base import (
    LETTERS,
    N_,
    AnswerForm,
    BadAnswer,
    DraftLike,
    Fields,
    FormData,
    ItemSnapshot,
    Mark,
    QuestionType,
    Report,
    required_text,
)

BANNED_OPTIONS = ("以上都对", "以上都不对", "以上皆是", "以上皆非", "以上都是", "以上均")
LETTER_SEPARATORS = re.compile(r"[\s,，;；、/]+")


def read_options(reader: Reader, minimum: int, maximum: int) -> tuple[str, ...]:
    options = reader.text_list("options", minimum=minimum)
    if len(options) > maximum:
        reader.report(
            reader.line("options"),
            Text("选项有 {count} 个，太多", count=len(options)),
            Text("{minimum}–{maximum} 个选项", minimum=minimum, maximum=maximum),
        )
    for option in options:
        if option.startswith(BANNED_OPTIONS):
            reader.report(
                reader.line("options"),
                Text("选项“{option}”是“以上都对/都不对”式选项", option=option),
                N_("每个选项是一个独立的说法"),
            )
    reader.distinct("options", options)
    return options


def letters_to_indexes(reader: Reader, raw: Any, option_count: int) -> list[int] | None:
    """The YAML ``answer`` (a letter or a list of letters) → option indexes, or a problem."""
    valid = LETTERS[:option_count]
    expected = Text("选项字母 {letters}", letters=Listing(valid))
    values = raw if isinstance(raw, list) else [raw]
    indexes = []
    for value in values:
        letter = value.strip().upper() if isinstance(value, str) else value
        if not isinstance(letter, str) or len(letter) != 1 or letter not in valid:
            reader.report(
                reader.line("answer"), Text("答案“{answer}”不在选项之中", answer=value), expected
            )
            return None
        indexes.append(valid.index(letter))
    if len(set(indexes)) != len(indexes):
        reader.report(reader.line("answer"), N_("答案中有重复的字母"), expected)
        return None
    return indexes


def written_letters(raw: Any, option_count: int) -> list[int] | None:
    """An import's answer ("ACD", "A,C,D", ["A", "C"]) → option indexes, None if any is wrong."""
    if isinstance(raw, list | tuple):
        letters = [str(value).strip().upper() for value in raw]
    else:
        letters = list(LETTER_SEPARATORS.sub("", str(raw)).upper())
    valid = LETTERS[:option_count]
    if not letters or any(len(letter) != 1 or letter not in valid for letter in letters):
        return None
    indexes = [valid.index(letter) for letter in letters]
    return indexes if len(set(indexes)) == len(indexes) else None


def shown_letters(item: ItemSnapshot, answer: Any) -> list[int]:
    return [LETTERS.index(letter) for letter in (answer if isinstance(answer, list) else [answer])]


class _ChoiceType(QuestionType):
    fields = ("stem", "options", "answer", "explanation")
    min_options = 2
    min_keys = 1
    max_keys = 1

    def draft_fields(self, question: model.Question) -> Fields:
        assert isinstance(question, model.ChoiceQuestion)
        return {"options": question.options, "keys": question.keys}

    def fields_from_values(self, values: Fields, report: Report) -> Fields | None:
        options = values.get("options", ())
        raw = values.get("answer")
        given = raw not in (None, "") and raw != []
        keys = written_letters(raw, len(options)) if given else None
        if len(options) < 2:
            report(
                "options",
                Text("选择题只有 {count} 个选项", count=len(options)),
                N_("至少 2 个选项，依次写在 A、B、C… 中"),
            )
        elif keys is None:
            shown = Text("“{answer}”", answer=raw) if given else Text("（空）")
            valid = Listing(LETTERS[: len(options)])
            report("answer", Text("答案 {answer} 不是选项字母", answer=shown),
                   Text("选项字母 {letters}，多选如 ACD", letters=valid))  # fmt: skip
        elif len(keys) > self.max_keys:
            report(
                "answer",
                N_("单选题只能有一个答案"),
                N_("一个选项字母；多个答案请用 multiple（多选）"),
            )
        else:
            return {"options": options, "keys": frozenset(keys)}
        return None

    def yaml_fields(self, draft: DraftLike) -> Fields:
        letters = [LETTERS[i] for i in sorted(draft.keys)]
        return {
            "options": list(draft.options),
            "answer": letters[0] if self.max_keys == 1 else letters,
        }

    def answer_cell(self, draft: DraftLike) -> str:
        return "".join(LETTERS[index] for index in sorted(draft.keys))

    def shuffle(self, question: model.Question, rng: random.Random) -> tuple[int, ...]:
        order = list(range(len(question.options)))  # type: ignore[attr-defined]
        rng.shuffle(order)
        return tuple(order)

    def snapshot_fields(self, question: model.Question, order: tuple[int, ...] | None) -> Fields:
        assert isinstance(question, model.ChoiceQuestion)
        order = order or tuple(range(len(question.options)))
        keys = tuple(sorted(i for i, original in enumerate(order) if original in question.keys))
        options = tuple(question.options[original] for original in order)
        return {"options": options, "keys": keys, "permutation": tuple(order)}

    def chosen(self, item: ItemSnapshot, answer: Any) -> tuple[int, ...]:
        if answer is None:
            return ()
        return item.original_indexes(shown_letters(item, answer))

    def original_keys(self, item: ItemSnapshot) -> tuple[int, ...]:
        return item.original_indexes(item.keys)

    def analysed_options(self, item: ItemSnapshot) -> int:
        return len(item.options)

    def key_payload(self, item: ItemSnapshot) -> Any:
        return [LETTERS[i] for i in item.keys]


class SingleType(_ChoiceType):
    """单选: 2–6 options (normally 4), exactly one key."""

    name = "single"
    label = N_("单选题")
    short_label = N_("单选")
    formats = frozenset({"yaml", "csv", "gift", "aiken"})
    template = "questions/single.html"
    answer_shape = "letter"
    aliases = ("单选", "单选题")
    guess = 0.25

    def read(self, reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = required_text(reader, "stem"), required_text(reader, "explanation")
        options = read_options(reader, 2, 6)
        raw = reader.data.get("answer")
        if raw is None:
            reader.report(
                reader.line(),
                Text("缺少必填字段 `{name}`", name="answer"),
                N_("一个选项字母，如 B"),
            )
            return None
        if isinstance(raw, list):
            reader.report(
                reader.line("answer"),
                N_("单选题只能有一个答案"),
                N_("一个选项字母，如 B；多个答案请用 type: multiple"),
            )
            return None
        keys = letters_to_indexes(reader, raw, len(options))
        if keys is None or not reader.ok:
            return None
        return model.ChoiceQuestion(
            type=self.name, stem=stem, explanation=explanation, options=options,
            keys=frozenset(keys), **common.fields(),
        )  # fmt: skip

    def normalise(self, form: AnswerForm, raw: Any) -> Any:
        if raw is None:
            return None
        valid = LETTERS[: form.option_count]
        if not isinstance(raw, str) or len(raw) != 1 or raw.upper() not in valid:
            raise BadAnswer(f"单选题的答案应为一个选项字母（A–{valid[-1]}）。")
        return raw.upper()

    def score(self, item: ItemSnapshot, answer: Any, ticked: list[int] | None) -> Mark:
        if answer is None:
            return Mark(0.0, "unanswered")
        right = set(shown_letters(item, answer)) == set(item.keys)
        return Mark(item.points if right else 0.0, "right" if right else "wrong")


class MultipleType(_ChoiceType):
    """多选: 3–6 options, at least two keys; all or nothing, or ``scoring: partial``."""

    name = "multiple"
    label = N_("多选题")
    short_label = N_("多选")
    template = "questions/multiple.html"
    answer_shape = "letters"
    aliases = ("多选", "多选题")
    scorings = ("all_or_nothing", "partial")
    max_keys = 6
    guess = 1 / 11  # one of the 11 sets of two or more of four options

    def read(self, reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = required_text(reader, "stem"), required_text(reader, "explanation")
        options = read_options(reader, 3, 6)
        raw = reader.data.get("answer")
        expected = N_("至少两个选项字母的列表，如 [A, C, D]")
        if raw is None:
            reader.report(reader.line(), Text("缺少必填字段 `{name}`", name="answer"), expected)
            return None
        if isinstance(raw, str) and len(raw.strip()) > 1 and raw.strip().isalpha():
            raw = list(raw.strip())  # "ACD" is a common shorthand for [A, C, D]
        keys = letters_to_indexes(reader, raw, len(options))
        if keys is None:
            return None
        if len(keys) < 2:
            reader.report(
                reader.line("answer"),
                Text("多选题只有 {count} 个正确选项", count=len(keys)),
                expected,
            )
            return None
        if not reader.ok:
            return None
        return model.ChoiceQuestion(
            type=self.name, stem=stem, explanation=explanation, options=options,
            keys=frozenset(keys), **common.fields(),
        )  # fmt: skip

    def normalise(self, form: AnswerForm, raw: Any) -> Any:
        if raw is None:
            return None
        valid = LETTERS[: form.option_count]
        if not isinstance(raw, list) or not all(
            isinstance(x, str) and x.upper() in valid for x in raw
        ):
            raise BadAnswer(f'多选题的答案应为选项字母的列表，如 ["A", "C"]（A–{valid[-1]}）。')
        return sorted({x.upper() for x in raw}) or None

    def answer_from_form(self, form: FormData, name: str) -> Any:
        return form.getlist(name) or None

    def score(self, item: ItemSnapshot, answer: Any, ticked: list[int] | None) -> Mark:
        if answer is None:
            return Mark(0.0, "unanswered")
        chosen, keys = set(shown_letters(item, answer)), set(item.keys)
        if chosen == keys:
            return Mark(item.points, "right")
        if item.scoring == "partial" and chosen < keys:
            return Mark(round(item.points * len(chosen) / len(keys), 4), "partial")
        return Mark(0.0, "wrong")

    def curve_name(self, scoring: str) -> str:
        return "multiple_partial" if scoring == "partial" else self.name
