"""The Aiken format: single-choice questions, one line each for the stem, options and answer.

    下列选项中，属于职业道德特征的是（  ）。
    A. 无形性
    B. 时代性
    ANSWER: B
    解析：职业道德的四个特征是……

Options are ``A. `` or ``A) `` (also ``A．`` ``A、`` ``A）`` as Chinese documents write them), in
letter order. Aiken has no place for an explanation and every question of the course needs one:
a line ``解析：…`` (or ``EXPLANATION: …``) right after the answer line gives it. A stem may run
over several lines, up to its first option. A question without the 解析 line lands as a draft;
lines starting with ``//`` are comments (a rejects file gives the reason in one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from studyapp.domain.content.interchange.draft import Draft, ImportResult
from studyapp.domain.content.interchange.fields import DRAFT_WARNING
from studyapp.domain.content.problems import Problems
from studyapp.domain.content.text import N_, Listing, Text
from studyapp.domain.questions import LETTERS

_OPTION = re.compile(r"^([A-Z])(?:[.)][ \t]+|[．、）][ \t]*)(.+)$")
_ANSWER = re.compile(r"^(?:ANSWER|答案)[ \t]*[:：][ \t]*(.*)$", re.IGNORECASE)
_EXPLANATION = re.compile(r"^(?:EXPLANATION|解析)[ \t]*[:：][ \t]*(.*)$", re.IGNORECASE)
EXPLANATION_HINT = N_("在 ANSWER 行的下一行写：解析：……")
MISSING_ANSWER = (N_("缺少 ANSWER 行"), N_("选项之后写一行 ANSWER: 字母"))


@dataclass
class _Question:
    line: int
    stem: list[str]
    options: list[str] = field(default_factory=list)
    answer: str | None = None
    answer_line: int = 0
    explanation: str = ""
    broken: bool = False  # a problem was reported already
    last: int = 0  # the last line read into it


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.problems = Problems()
        self.warnings = Problems()
        self.drafts: list[Draft] = []
        self.spans: list[tuple[int, int]] = []
        self.current: _Question | None = None

    def report(self, line: int, message: str, expected: str) -> None:
        self.problems.add(self.file, line, None, message, expected)
        if self.current is not None:
            self.current.broken = True

    def read(self, text: str) -> ImportResult:
        for number, raw in enumerate(text.split("\n"), start=1):
            if not raw.strip().startswith("//"):
                self.line(number, raw.strip())
                if self.current is not None and raw.strip():
                    self.current.last = number
        self.finish()
        return ImportResult(tuple(self.drafts), self.problems.sorted(),
                            self.warnings.sorted(), tuple(self.spans))  # fmt: skip

    def line(self, number: int, line: str) -> None:
        question = self.current
        if not line:
            if question is not None and question.answer is not None:
                self.finish()  # the explanation must follow the answer line directly
            return
        explanation = _EXPLANATION.match(line)
        if question is not None and question.answer is not None:
            if explanation:
                question.explanation = explanation.group(1).strip()
                self.finish()
                return
            self.finish()
            question = None
        answer, option = _ANSWER.match(line), _OPTION.match(line)
        if answer:
            if question is None:
                self.report(number, N_("ANSWER 行前面没有题目"), N_("题干、选项，然后 ANSWER: B"))
            else:
                question.answer, question.answer_line = answer.group(1).strip(), number
        elif explanation:
            self.report(number, N_("解析写在了 ANSWER 行之前"), N_("ANSWER 行的下一行写 解析：……"))
        elif option:
            self.option(number, option.group(1), option.group(2).strip())
        elif question is None:
            self.current = _Question(number, [line])
        elif not question.options:
            question.stem.append(line)
        else:
            self.report(question.line, *MISSING_ANSWER)
            self.current = _Question(number, [line])

    def option(self, number: int, letter: str, text: str) -> None:
        if self.current is None:
            self.current = _Question(number, [])
            self.report(number, N_("选项前面没有题干"), N_("第一行写题干，下面写 A. 选项"))
            return
        expected = LETTERS[len(self.current.options)] if len(self.current.options) < 8 else None
        if letter != expected and not self.current.broken:
            self.report(
                number,
                Text("选项字母“{letter}”不合顺序", letter=letter),
                Text("按 A、B、C… 的顺序，这里应为 {expected}", expected=expected),
            )
        self.current.options.append(text)

    def finish(self) -> None:
        question, self.current = self.current, None
        if question is None:
            return
        self.spans.append((question.line, max(question.last, question.line)))
        if question.broken:
            return
        self.current = question  # so that report() marks it
        options = question.options
        valid = LETTERS[: len(options)]
        answer = (question.answer or "").upper()
        if question.answer is None:
            self.report(question.line, *MISSING_ANSWER)
        elif len(options) < 2:
            self.report(
                question.line, Text("只有 {count} 个选项", count=len(options)), N_("至少 2 个选项")
            )
        elif len(answer) > 1 and all(
            letter in valid for letter in re.sub(r"[\s,，、]", "", answer)
        ):
            self.report(
                question.answer_line,
                N_("Aiken 格式只能导入单选题"),
                N_("多选题请用 GIFT 或 CSV 导入"),
            )
        elif len(answer) != 1 or answer not in valid:
            self.report(
                question.answer_line,
                Text("答案“{answer}”不在选项之中", answer=question.answer),
                Text("选项字母 {letters}", letters=Listing(valid)),
            )
        else:
            if not question.explanation:
                self.warnings.add(self.file, question.line, None, DRAFT_WARNING, EXPLANATION_HINT)
            self.drafts.append(
                Draft(
                    type="single",
                    stem="\n".join(question.stem),
                    options=tuple(options),
                    keys=frozenset({valid.index(answer)}),
                    explanation=question.explanation,
                    line=question.line,
                    is_draft=not question.explanation,
                )
            )
        self.current = None


def read(text: str, file: str) -> ImportResult:
    return _Reader(file).read(text)


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def write(drafts: Iterable[Draft]) -> str:
    """Single-choice drafts as Aiken, each with its 解析 line; other types cannot be written."""
    blocks = []
    for draft in drafts:
        if draft.type != "single":
            raise ValueError(f"Aiken carries single-choice questions only, not {draft.type}")
        lines = [draft.stem]
        lines += [f"{LETTERS[i]}. {_one_line(option)}" for i, option in enumerate(draft.options)]
        lines += [f"ANSWER: {draft.answer_letters}", f"解析：{_one_line(draft.explanation)}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
