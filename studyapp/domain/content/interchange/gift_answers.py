"""A GIFT answer block → the course's question fields, keeping Moodle's meaning.

As Moodle's importer decides (question/format/gift/format.php):
- ``~`` anywhere: multiple choice. With an ``=`` it is single-answer: the one full-credit
  answer is the key; partial credit ``~%25%`` cannot be scored here and is dropped with a
  warning (never made a key). Without ``=`` the answers with positive weights are the keys of a
  multiple question (they must add up to 100%); negative weights are wrong answers.
- ``T`` ``TRUE`` ``F`` ``FALSE``: judge; its two feedbacks are wrong-answer then right-answer.
- ``=`` answers only: short answer → fill, every full-credit answer accepted; partial-credit
  and catch-all ``*`` answers are dropped with a warning.
- ``#`` first: numerical. An exact whole number (``{#1822}``, ``{#=1822:0}``) is a fill
  question accepting that number; a tolerance or a range cannot be represented and is refused.
- empty (essay) and ``->`` (matching): refused.
"""

from __future__ import annotations

import re
from typing import Any

from studyapp.domain.content.interchange.gift_text import piece
from studyapp.domain.content.text import N_, Listing, Text

_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_WHOLE = re.compile(r"^-?\d+$")
FULL = 100.0


def _percent(weight: float) -> str:
    return f"{weight:g}%"


class Converter:
    def __init__(self, item: Any, at: int, text_format: str):
        self.item = item  # the _ItemReader: report(offset, …), warn(offset, …)
        self.at = at  # offset of the answer block's first character in the item
        self.format = text_format

    def report(self, offset: int, message: str, expected: str) -> None:
        self.item.report(self.at + offset, message, expected)

    def warn(self, offset: int, message: str, expected: str | None = None) -> None:
        self.item.warn(self.at + offset, message, expected)

    def convert(self, answers: str) -> dict[str, Any] | None:
        body = answers.strip()
        if not body:
            self.report(0, N_("论述题（essay，空答案块 {}）无法导入"),
                        N_("改写成简答题（YAML 或 CSV，写参考答案和要点）"))  # fmt: skip
        elif body.startswith("#"):
            return self.numerical(answers)
        elif "~" in body:
            return self.choice(answers, single="=" in body)
        elif "=" in body and "->" in body:
            self.report(0, N_("配对题（… -> …）无法导入"), N_("改写成选择题"))
        elif body.split("#", 1)[0].strip() in _TRUE_FALSE:
            return self.judge(body)
        else:
            return self.fill(answers)
        return None

    def pieces(self, answers: str, marks: str) -> list[tuple[int, str, str]]:
        """(offset, mark, rest) of each answer, the mark being one of ``marks`` or ''."""
        starts = [i for i, char in enumerate(answers) if char in marks]
        result = []
        lead = answers[: starts[0]] if starts else answers
        if lead.strip():
            result.append((len(lead) - len(lead.lstrip()), "", lead))
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(answers)
            result.append((start, answers[start], answers[start + 1 : end]))
        return result

    def weighed(self, offset: int, rest: str, default: float) -> tuple[float, str, str]:
        """(weight, answer, feedback) of one answer written ``%50%text#feedback``."""
        rest = rest.strip()
        weight = default
        match = _WEIGHT.match(rest)
        if match:
            weight, rest = float(match.group(1)), rest[match.end() :]
        elif rest.startswith("%"):
            self.report(offset, Text("权重写法不对：“{weight}”", weight=piece(rest).text),
                        N_("~%50%选项 或 ~%-100%选项"))  # fmt: skip
        answer, _sep, feedback = rest.partition("#")
        warn = lambda message, expected=None: self.warn(offset, message, expected)  # noqa: E731
        return (weight, piece(answer, self.format, warn).text,
                piece(feedback, self.format, warn).text)  # fmt: skip

    def choice(self, answers: str, single: bool) -> dict[str, Any] | None:
        options: list[str] = []
        weights: list[float] = []
        feedback: list[str] = []
        for offset, mark, rest in self.pieces(answers, "~="):
            if not mark:
                self.report(offset, Text("“{option}”前缺少 = 或 ~", option=piece(rest).text),
                            N_("每个选项以 = （正确）或 ~ （错误）开头"))  # fmt: skip
                continue
            weight, option, note = self.weighed(offset, rest, FULL if mark == "=" else 0.0)
            if not option:
                self.report(offset, Text("第 {number} 个选项是空的", number=len(options) + 1),
                            N_("= 或 ~ 后写选项文字"))  # fmt: skip
            options.append(option)
            weights.append(weight)
            if note:
                feedback.append(f"{option}：{note}")
        if len(options) < 2:
            self.report(
                0, Text("选择题只有 {count} 个选项", count=len(options)), N_("至少 2 个选项")
            )
            return None
        keys = (
            self.single_keys(options, weights) if single else self.multiple_keys(options, weights)
        )
        if keys is None:
            return None
        kind = "single" if len(keys) == 1 else "multiple"
        return {"type": kind, "options": tuple(options), "keys": frozenset(keys),
                "feedback": feedback}  # fmt: skip

    def single_keys(self, options: list[str], weights: list[float]) -> list[int] | None:
        full = [i for i, weight in enumerate(weights) if weight >= FULL]
        if len(full) != 1:
            shown = Listing(f"“{options[i]}”" for i in full) or Text("没有")
            self.report(0, Text("单选题应恰有一个满分答案（=），这里：{answers}", answers=shown),
                        N_("只留一个 =；几个都对请写成多选：~%50%甲 ~%50%乙"))  # fmt: skip
            return None
        partial = [
            f"“{options[i]}”（{_percent(w)}）" for i, w in enumerate(weights) if 0 < w < FULL
        ]
        if partial:
            self.warn(0, Text("部分得分已去掉，按错误选项处理：{answers}", answers=Listing(partial)),
                      N_("本课程单选题只有一个得分答案"))  # fmt: skip
        self.penalties(weights)
        return full

    def multiple_keys(self, options: list[str], weights: list[float]) -> list[int] | None:
        keys = [i for i, weight in enumerate(weights) if weight > 0]
        total = sum(weights[i] for i in keys)
        if not keys:
            self.report(0, N_("选择题没有正确答案"),
                        N_("正确选项前写 =；多选题写 ~%50% 这样的正权重"))  # fmt: skip
            return None
        if abs(total - FULL) > 0.5:
            self.report(0, Text("正权重加起来是 {total}，不是 100%", total=_percent(total)),
                        N_("多选题各正确选项的权重之和为 100%，如 ~%50%甲 ~%50%乙"))  # fmt: skip
            return None
        shares = {round(weights[i], 1) for i in keys}
        if len(shares) > 1:
            shown = Listing(f"“{options[i]}”{_percent(weights[i])}" for i in keys)
            self.warn(0, Text("各正确选项的权重不同（{answers}），已按同等计分", answers=shown),
                      N_("本课程的多选题按试卷的计分方式（全对得分或按比例）计分"))  # fmt: skip
        self.penalties(weights)
        return keys

    def penalties(self, weights: list[float]) -> None:
        soft = sorted({w for w in weights if w < 0 and w != -FULL})
        if soft:
            shown = Listing(_percent(w) for w in soft)
            self.warn(
                0, Text("扣分权重（{weights}）已去掉：选错按试卷的计分方式计分", weights=shown)
            )

    def judge(self, body: str) -> dict[str, Any]:
        token, _sep, notes = body.partition("#")
        wrong, _sep, right = notes.partition("#")  # Moodle: feedback for a wrong, then a right one
        feedback = [piece(note, self.format).text for note in (right, wrong)]
        return {"type": "judge", "answer": _TRUE_FALSE[token.strip()],
                "feedback": [note for note in feedback if note]}  # fmt: skip

    def fill(self, answers: str) -> dict[str, Any] | None:
        accepted: list[str] = []
        dropped: list[str] = []
        feedback: list[str] = []
        for offset, _mark, rest in self.pieces(answers, "="):
            weight, answer, note = self.weighed(offset, rest, FULL)
            if weight >= FULL and answer and answer != "*":
                accepted.append(answer)
            elif answer:
                dropped.append(f"“{answer}”（{_percent(weight)}）")
            if note:
                feedback.append(f"{answer}：{note}")
        if not accepted:
            self.report(0, N_("简答（填空）题没有满分答案"), N_("至少一个 =答案（不带 % 权重）"))
            return None
        if dropped:
            self.warn(0, Text("部分得分和通配答案已去掉，不算正确答案：{answers}",
                              answers=Listing(dropped)),
                      N_("本课程的填空题只接受满分答案"))  # fmt: skip
        return {"type": "fill", "accepted": tuple(dict.fromkeys(accepted)), "feedback": feedback}

    def numerical(self, answers: str) -> dict[str, Any] | None:
        body = answers.strip()[1:]
        cut = body.find("~")  # ~#feedback: what Moodle says to any other number
        exact: list[str] = []
        partial: list[str] = []
        for _offset, _mark, rest in self.pieces(body if cut < 0 else body[:cut], "="):
            weight, answer, _note = self.weighed(0, rest, FULL)
            value, _sep, tolerance = (part.strip() for part in answer.partition(":"))
            if weight < FULL:
                partial.append(f"“{answer}”（{_percent(weight)}）")
            elif _WHOLE.match(value) and tolerance in ("", "0"):
                exact.append(value)
            else:
                self.report(0, Text("数值题（{{#{answer}}}）的误差范围无法导入", answer=answer),
                            N_("改写成选择题，或写成只接受一个数的填空题 {=1822}"))  # fmt: skip
                return None
        if not exact:
            self.report(0, N_("数值题没有满分答案"), "{#1822}")
            return None
        if partial:
            self.warn(0, Text("数值题的部分得分答案已去掉：{answers}", answers=Listing(partial)))
        accepted = "“" + "”“".join(exact) + "”"
        self.warn(0, Text("数值题作为填空题导入，按文字比对：只接受{answers}", answers=accepted))
        return {"type": "fill", "accepted": tuple(exact), "feedback": []}
