"""判断: a statement that is true or false."""

from __future__ import annotations

from typing import Any

from studyapp.domain.content import model
from studyapp.domain.content.items import Common
from studyapp.domain.content.reader import Reader
from studyapp.domain.content.text import Text
from studyapp.domain.questions.base import (
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


def is_yes_no(raw: str) -> bool:
    return raw.strip().lower() in ("yes", "no", "on", "off", "y", "n")


JUDGE_EXPECTED = N_("true 或 false（也可写 对/错）")
TRUE_WORDS = frozenset({"true", "t", "yes", "对", "正确", "是", "√", "✓"})
FALSE_WORDS = frozenset({"false", "f", "no", "错", "错误", "否", "×", "✗"})


def written_truth(raw: Any) -> bool | None:
    """true/false as a file may write it: YAML booleans, or 对/错, T/F, √/× …"""
    if isinstance(raw, bool):
        return raw
    word = str(raw or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


class JudgeType(QuestionType):
    name = "judge"
    label = N_("判断题")
    short_label = N_("判断")
    aliases = ("判断", "判断题")
    fields = ("stem", "answer", "explanation")
    template = "questions/judge.html"
    answer_shape = "truth"
    guess = 0.5

    def read(self, reader: Reader, common: Common) -> model.Question | None:
        stem, explanation = required_text(reader, "stem"), required_text(reader, "explanation")
        raw = reader.data.get("answer")
        # 对/错 (and 正确/错误, √/×) as in CSV; yes/no are ambiguous (YAML 1.1 booleans)
        answer = written_truth(raw) if isinstance(raw, str) and not is_yes_no(raw) else raw
        if not isinstance(answer, bool):
            shown = Text("（缺少）") if raw is None else Text("“{answer}”", answer=raw)
            reader.report(
                reader.line("answer"), Text("判断题的答案 {answer} 不是 true/false", answer=shown),
                JUDGE_EXPECTED,
            )  # fmt: skip
            return None
        raw = answer
        if not reader.ok:
            return None
        return model.JudgeQuestion(
            type=self.name, stem=stem, explanation=explanation, answer=raw, **common.fields()
        )

    def draft_fields(self, question: model.Question) -> Fields:
        assert isinstance(question, model.JudgeQuestion)
        return {"answer": question.answer}

    def fields_from_values(self, values: Fields, report: Report) -> Fields | None:
        raw = values.get("answer")
        if values.get("options"):
            report("options", N_("判断题不需要选项"), N_("不写选项"))
        answer = written_truth(raw)
        if answer is None:
            shown = Text("“{answer}”", answer=raw) if raw not in (None, "") else Text("（空）")
            report("answer", Text("判断题的答案 {answer} 无法识别", answer=shown), JUDGE_EXPECTED)
        return None if answer is None or values.get("options") else {"answer": answer}

    def yaml_fields(self, draft: DraftLike) -> Fields:
        return {"answer": draft.answer}

    def answer_cell(self, draft: DraftLike) -> str:
        return "true" if draft.answer else "false"

    def snapshot_fields(self, question: model.Question, order: tuple[int, ...] | None) -> Fields:
        assert isinstance(question, model.JudgeQuestion)
        return {"judge_answer": question.answer}

    def normalise(self, form: AnswerForm, raw: Any) -> Any:
        if raw is None:
            return None
        if not isinstance(raw, bool):
            raise BadAnswer("判断题的答案应为 true 或 false。")
        return raw

    def answer_from_form(self, form: FormData, name: str) -> Any:
        raw = form.get(name)
        if raw in (None, ""):
            return None
        return {"true": True, "false": False}.get(raw, raw)

    def score(self, item: ItemSnapshot, answer: Any, ticked: list[int] | None) -> Mark:
        if answer is None:
            return Mark(0.0, "unanswered")
        right = answer == item.judge_answer
        return Mark(item.points if right else 0.0, "right" if right else "wrong")

    def chosen(self, item: ItemSnapshot, answer: Any) -> tuple[int, ...]:
        return () if answer is None else ((0,) if answer else (1,))

    def original_keys(self, item: ItemSnapshot) -> tuple[int, ...]:
        return (0,) if item.judge_answer else (1,)  # 0 is true, 1 is false

    def analysed_options(self, item: ItemSnapshot) -> int:
        return 2

    def key_payload(self, item: ItemSnapshot) -> Any:
        return item.judge_answer
