"""填空: a short written answer checked against the accepted answers (Moodle's short answer).

``answers`` lists every answer that earns full marks (``[拜访前准备, 准备]``); a candidate's
answer counts when it equals one of them after ``normalised_word`` (case, full-width letters and
digits, spaces and closing punctuation do not matter). Scored automatically, all or nothing.
A GIFT short answer ``{=Nazareth =Nazereth}`` imports as this type, never as key points.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from studyapp.domain.content import model
from studyapp.domain.content.items import Common
from studyapp.domain.content.reader import Reader
from studyapp.domain.content.text import Text
from studyapp.domain.questions.base import (
    N_,
    AnswerForm,
    BadAnswer,
    ItemSnapshot,
    Mark,
    QuestionType,
    Report,
    wrong_or_right,
)

MAX_CHARACTERS = 200
MAX_ANSWERS = 10
_SPACES = re.compile(r"\s+")
_TRAILING = "。.！!？?；;，,、 "
ANSWER_SEPARATORS = re.compile(r"[;；|]")


def normalised_word(text: str) -> str:
    """``" ＡＢＣ 公司。"`` → ``"abc公司"``: what two answers must share to count as the same."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub("", text).rstrip(_TRAILING)


class FillType(QuestionType):
    name = "fill"
    label = N_("填空题")
    short_label = N_("填空")
    aliases = ("填空", "填空题", "shortanswer")
    fields = ("stem", "answers", "explanation")
    template = "questions/fill.html"
    answer_shape = "text"

    def read(self, reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = reader.text("stem"), reader.text("explanation")
        answers = reader.text_list("answers", minimum=1)
        if len(answers) > MAX_ANSWERS:
            reader.report(
                reader.line("answers"), Text("可接受的答案有 {count} 个，太多", count=len(answers)),
                Text("1–{maximum} 个", maximum=MAX_ANSWERS),
            )  # fmt: skip
        if not reader.ok or not reader.distinct("answers", answers):
            return None
        return model.FillQuestion(
            type=self.name, stem=stem or "", explanation=explanation or "", answers=answers,
            **common.fields(),
        )  # fmt: skip

    def draft_fields(self, question: model.Question) -> dict[str, Any]:
        assert isinstance(question, model.FillQuestion)
        return {"accepted": question.answers}

    def fields_from_values(self, values: dict[str, Any], report: Report) -> dict[str, Any] | None:
        if values.get("options"):
            report("options", N_("填空题不需要选项"), N_("不写选项"))
            return None
        accepted = values.get("answers") or ()
        raw = values.get("answer")
        if not accepted and isinstance(raw, str):
            accepted = tuple(p.strip() for p in ANSWER_SEPARATORS.split(raw) if p.strip())
        if not accepted:
            report("answer", N_("填空题缺少可接受的答案"), N_("答案写在 answer，几种写法用 ; 分隔"))
            return None
        return {"accepted": tuple(accepted)}

    def yaml_fields(self, draft: Any) -> dict[str, Any]:
        return {"answers": list(draft.accepted)}

    def answer_cell(self, draft: Any) -> str:
        return "; ".join(draft.accepted)

    def snapshot_fields(
        self, question: model.Question, order: tuple[int, ...] | None
    ) -> dict[str, Any]:
        assert isinstance(question, model.FillQuestion)
        return {"key_points": question.answers}  # the accepted answers

    def normalise(self, form: AnswerForm, raw: Any) -> Any:
        if raw is None:
            return None
        if not isinstance(raw, str):
            raise BadAnswer("填空题的答案应为文字。")
        if len(raw) > MAX_CHARACTERS:
            raise BadAnswer(f"填空题的答案不能超过 {MAX_CHARACTERS} 字。")
        return raw.strip() or None

    def score(self, item: ItemSnapshot, answer: Any, ticked: list[int] | None) -> Mark:
        if answer is None:
            return Mark(0.0, "unanswered")
        accepted = {normalised_word(text) for text in item.key_points}
        return wrong_or_right(item, normalised_word(answer) in accepted)

    def key_payload(self, item: ItemSnapshot) -> Any:
        return list(item.key_points)
