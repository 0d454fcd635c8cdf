"""简答 / 案例分析: a model answer and the key points a grader looks for."""

from __future__ import annotations

from typing import Any

from studyapp.domain.content import model
from studyapp.domain.content.items import Common
from studyapp.domain.content.reader import Reader
from studyapp.domain.questions.base import (
    N_,
    AnswerForm,
    BadAnswer,
    DraftLike,
    Fields,
    ItemSnapshot,
    Mark,
    QuestionType,
    Report,
    required_text,
)

MAX_CHARACTERS = 5000


class ShortType(QuestionType):
    """Scored by the share of key points covered, ticked by the candidate (``marking: self``) or
    a trainer (``marking: trainer``): pending until then."""

    name = "short"
    label = N_("简答题")
    short_label = N_("简答")
    aliases = ("简答", "简答题", "案例分析")
    fields = ("stem", "model_answer", "key_points", "explanation")
    template = "questions/short.html"
    answer_shape = "text"
    auto_scored = False
    formats = frozenset({"yaml", "csv"})  # GIFT has no key points: its short answer is fill

    def read(self, reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = required_text(reader, "stem"), required_text(reader, "explanation")
        model_answer = required_text(reader, "model_answer")
        key_points = reader.text_list("key_points", minimum=2)
        if not reader.ok or not reader.distinct("key_points", key_points):
            return None
        return model.ShortQuestion(
            type=self.name, stem=stem, explanation=explanation, model_answer=model_answer,
            key_points=key_points, **common.fields(),
        )  # fmt: skip

    def draft_fields(self, question: model.Question) -> Fields:
        assert isinstance(question, model.ShortQuestion)
        return {"model_answer": question.model_answer, "key_points": question.key_points}

    def fields_from_values(self, values: Fields, report: Report) -> Fields | None:
        wrong = False
        if values.get("options"):
            report("options", N_("简答题不需要选项"), N_("不写选项"))
            wrong = True
        if values.get("answer") not in (None, "", []):
            report(
                "answer",
                N_("简答题不用 answer"),
                N_("参考答案写在 model_answer，要点写在 key_points"),
            )
            wrong = True
        return (
            None
            if wrong
            else {
                "model_answer": values.get("model_answer", "").strip(),
                "key_points": values.get("key_points", ()),
            }
        )

    def yaml_fields(self, draft: DraftLike) -> Fields:
        return {"model_answer": draft.model_answer, "key_points": list(draft.key_points)}

    def snapshot_fields(self, question: model.Question, order: tuple[int, ...] | None) -> Fields:
        assert isinstance(question, model.ShortQuestion)
        return {"model_answer": question.model_answer, "key_points": question.key_points}

    def normalise(self, form: AnswerForm, raw: Any) -> Any:
        if raw is None:
            return None
        if not isinstance(raw, str):
            raise BadAnswer("简答题的答案应为文字。")
        if len(raw) > MAX_CHARACTERS:
            raise BadAnswer(f"简答题的答案不能超过 {MAX_CHARACTERS} 字。")
        return raw if raw.strip() else None

    def score(self, item: ItemSnapshot, answer: Any, ticked: list[int] | None) -> Mark:
        if ticked is None:
            return Mark(None, "pending") if answer else Mark(0.0, "unanswered")
        share = len(set(ticked) & set(range(len(item.key_points)))) / len(item.key_points)
        status = "right" if share == 1 else ("wrong" if share == 0 else "partial")
        return Mark(round(item.points * share, 4), status)

    def partial_goes_to_book(self) -> bool:
        return False  # most key points covered is a good answer, not a wrong one
