"""排序: put the steps of a process in order (``items`` are written in the right order).

Shown shuffled; the answer is the shown letters in the order the candidate puts them
(``["C", "A", "D", "B"]``), all or nothing. A page posts one position (1…n) per shown item.
"""

from __future__ import annotations

import math
import random
from typing import Any

from studyapp.domain.content import model
from studyapp.domain.content.items import Common
from studyapp.domain.content.reader import Reader
from studyapp.domain.content.text import Text
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

MIN_ITEMS, MAX_ITEMS = 3, 8


class OrderingType(QuestionType):
    name = "ordering"
    label = N_("排序题")
    short_label = N_("排序")
    aliases = ("排序", "排序题")
    fields = ("stem", "items", "explanation")
    template = "questions/ordering.html"
    answer_shape = "order"
    practice_shuffles = True
    formats = frozenset({"yaml", "csv"})  # GIFT and Aiken have no ordering question
    guess = 1 / math.factorial(4)  # four steps put in order at random

    def read(self, reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = required_text(reader, "stem"), required_text(reader, "explanation")
        items = reader.text_list("items", minimum=MIN_ITEMS)
        if len(items) > MAX_ITEMS:
            reader.report(
                reader.line("items"),
                Text("排序题有 {count} 项，太多", count=len(items)),
                Text("{minimum}–{maximum} 项", minimum=MIN_ITEMS, maximum=MAX_ITEMS),
            )
        if not reader.ok or not reader.distinct("items", items):
            return None
        return model.OrderingQuestion(
            type=self.name, stem=stem, explanation=explanation, items=items, **common.fields()
        )

    def draft_fields(self, question: model.Question) -> Fields:
        assert isinstance(question, model.OrderingQuestion)
        return {"options": question.items}  # in the right order

    def fields_from_values(self, values: Fields, report: Report) -> Fields | None:
        items = values.get("options") or values.get("items") or ()
        if not MIN_ITEMS <= len(items) <= MAX_ITEMS:
            report(
                "options", Text("排序题有 {count} 项", count=len(items)),
                Text("{minimum}–{maximum} 项，按正确顺序依次写在 A、B、C… 中",
                     minimum=MIN_ITEMS, maximum=MAX_ITEMS),
            )  # fmt: skip
            return None
        if values.get("answer") not in (None, "", []):
            report("answer", N_("排序题不用 answer"), N_("各项按正确顺序书写即是答案"))
            return None
        return {"options": tuple(items)}

    def yaml_fields(self, draft: DraftLike) -> Fields:
        return {"items": list(draft.options)}

    def shuffle(self, question: model.Question, rng: random.Random) -> tuple[int, ...]:
        count = len(question.items)  # type: ignore[attr-defined]
        order = list(range(count))
        while order == sorted(order):  # never shown already in order
            rng.shuffle(order)
        return tuple(order)

    def snapshot_fields(self, question: model.Question, order: tuple[int, ...] | None) -> Fields:
        assert isinstance(question, model.OrderingQuestion)
        order = order or tuple(range(len(question.items)))
        shown_at = {original: shown for shown, original in enumerate(order)}
        return {
            "options": tuple(question.items[original] for original in order),
            "keys": tuple(shown_at[original] for original in range(len(question.items))),
            "permutation": tuple(order),
        }

    def normalise(self, form: AnswerForm, raw: Any) -> Any:
        if raw is None:
            return None
        valid = LETTERS[: form.option_count]
        texts = isinstance(raw, list) and all(isinstance(x, str) for x in raw)
        letters = [x.upper() for x in raw] if texts else None
        if letters is None or sorted(letters) != list(valid):
            raise BadAnswer(
                f"排序题的答案应为全部 {len(valid)} 个选项字母按顺序排成的列表，每个字母用一次。"
            )
        return letters

    def answer_from_form(self, form: FormData, name: str) -> Any:
        """One select per shown item, ``<name>-<letter>`` = its position 1…n."""
        positions = {}
        for letter in LETTERS:
            value = form.get(f"{name}-{letter}")
            if value is None:
                break
            if value != "":
                positions[letter] = value
        if not positions:
            return None
        ranked = sorted(positions, key=lambda letter: (positions[letter], letter))
        if len(set(positions.values())) != len(positions):
            return [*ranked, "?"]  # two items on one position: refused by normalise
        return ranked

    def score(self, item: ItemSnapshot, answer: Any, ticked: list[int] | None) -> Mark:
        if answer is None:
            return Mark(0.0, "unanswered")
        right = [LETTERS.index(letter) for letter in answer] == list(item.keys)
        return Mark(item.points if right else 0.0, "right" if right else "wrong")

    def key_payload(self, item: ItemSnapshot) -> Any:
        return [LETTERS[i] for i in item.keys]
