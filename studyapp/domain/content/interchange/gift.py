"""Moodle's GIFT format, read the way Moodle's own importer reads it (question/format/gift).

Items are separated by blank lines; ``//`` lines are comments (``[tag:…]`` in them are tags);
``$CATEGORY:`` blocks are skipped (the chapter is chosen on import); ``::title::`` is kept for
problem reports. What our course cannot carry (essay ``{}``, numerical ``{#…}``, matching
``->``, description items without ``{…}``) is reported, never half-imported.

Mapping:
- ``{=right ~wrong}`` → single; answers with a positive weight (``=``, ``~%50%``) are the keys,
  so two or more of them make a multiple question; ``~%-100%`` is a wrong answer.
- ``{T}`` ``{TRUE}`` ``{F}`` ``{FALSE}`` → judge.
- ``{=a =b}`` (short answer) → short: each accepted answer is a key point, the model answer is
  the key points joined with "；". Our short questions need at least two key points.
- An answer block in the middle of the stem (missing word) leaves （  ） in its place.
- General feedback ``####…`` is the explanation; per-answer feedback ``#…`` is appended to it,
  one line per answer ("option：feedback").
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from studyapp.domain.content.interchange.draft import Draft, ImportResult, join_explanation
from studyapp.domain.content.problems import Problems

# Escaped characters become private-use characters while the item is taken apart, as Moodle
# does with its "&&058;" placeholders, so an escaped "=" never starts an answer.
_PLACEHOLDERS = {"\\": "\ue000", ":": "\ue001", "#": "\ue002", "=": "\ue003",
                 "{": "\ue004", "}": "\ue005", "~": "\ue006", "n": "\ue007"}  # fmt: skip
_RESTORE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _PLACEHOLDERS.items()})
_ESCAPED = re.compile(r"\\([\\:#={}~n])")
FORMAT_MARKER = re.compile(r"^\[(moodle|html|plain|markdown)\]")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]])+)\]")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
BLANK = "（  ）"  # where a missing-word answer block stood
EXPLANATION_HINT = "在答案块末尾写 ####解析（或在答案后写 #反馈）"


@dataclass
class _Block:
    lines: list[str]  # stripped; comment lines blanked so offsets still give line numbers
    first: int  # file line of lines[0]
    comments: str


def _blocks(text: str) -> Iterator[_Block]:
    current: list[str] = []
    comments: list[str] = []
    first = 0
    for number, raw in enumerate(text.split("\n") + [""], start=1):
        line = raw.strip()
        if not line:
            if current:
                yield _Block(current, first, "\n".join(comments))
            current, comments = [], []
            continue
        if not current:
            first = number
        if line.startswith("//"):
            comments.append(line)
            line = ""
        current.append(line)


def _text(raw: str, default_format: str = "moodle") -> tuple[str, str]:
    """(format, plain text) of one piece: its [format] marker removed, escapes restored."""
    raw = raw.strip()
    marker = FORMAT_MARKER.match(raw)
    text_format = marker.group(1) if marker else default_format
    text = raw[marker.end() :] if marker else raw
    text = text.translate(_RESTORE)
    if text_format == "html":
        text = re.sub(r"<br\s*/?>|</p\s*>|</div\s*>|</li\s*>", "\n", text, flags=re.IGNORECASE)
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
        text = "\n".join(line.strip() for line in text.splitlines())
    return text_format, text.strip()


class _ItemReader:
    def __init__(self, block: _Block, file: str, problems: Problems):
        self.block = block
        self.file = file
        self.problems = problems
        self.text = _ESCAPED.sub(lambda m: _PLACEHOLDERS[m.group(1)], "\n".join(block.lines))
        self.label: str | None = None
        self.start = len(self.problems)
        self.format = "moodle"  # the stem's text format, the default for its answers
        self.answers_at = 0  # offset of the answer block's first character

    def line_at(self, offset: int) -> int:
        return self.block.first + self.text.count("\n", 0, offset)

    def report(self, offset: int, message: str, expected: str) -> None:
        self.problems.add(self.file, self.line_at(offset), self.label, message, expected)

    def read(self) -> Draft | None:
        text = self.text
        pos = len(text) - len(text.lstrip())
        if not text.strip():
            return None  # only comments
        if text.startswith("$CATEGORY:", pos):
            # Moodle would take a question written right under it as part of the category name.
            lines = [number for number, line in enumerate(self.block.lines) if line]
            if len(lines) > 1:
                self.problems.add(self.file, self.block.first + lines[1], None,
                    "$CATEGORY 行下面直接写了题目", "$CATEGORY 行之后空一行再写题目")  # fmt: skip
            return None
        if text.startswith("::", pos):
            end = text.find("::", pos + 2)
            if end < 0:
                self.report(pos, "题目名称 ::…:: 没有结束", "::名称::题干{…}")
                return None
            self.label = _text(text[pos + 2 : end])[1] or None
            pos = end + 2
        body = text[pos:]
        opens, closes = body.count("{"), body.count("}")
        if opens == 0 and closes == 0:
            self.report(
                pos,
                "没有答案块 {…}：这是说明文字（description），不是题目",
                "题干后写答案块，如 {=对的 ~错的}",
            )
            return None
        open_at, close_at = text.find("{", pos), text.find("}", pos)
        if opens != 1 or closes != 1 or close_at < open_at:
            where = open_at if open_at >= 0 else close_at
            self.report(
                where,
                "大括号 { } 不成对，或一道题有多个答案块",
                "每道题一个答案块 {…}；文字中的大括号写成 \\{ \\}",
            )
            return None
        after = text[close_at + 1 :]
        question_format, stem = _text(text[pos:open_at] + (BLANK if after.strip() else "") + after)
        answers = text[open_at + 1 : close_at]
        split = answers.rfind("####")
        general = ""
        if split >= 0:
            general = _text(answers[split + 4 :], question_format)[1]
            answers = answers[:split]
        self.format = question_format
        self.answers_at = open_at + 1
        common = {"stem": stem, "line": self.line_at(pos), "title": self.label or "",
                  "tags": self.tags()}  # fmt: skip
        draft = self.kind(answers, general, common)
        if len(self.problems) > self.start:
            return None
        if not stem:
            self.report(pos, "缺少题干", "答案块前写题干")
            return None
        if not draft.explanation:
            self.report(pos, "缺少解析", EXPLANATION_HINT)
            return None
        return draft

    def tags(self) -> tuple[str, ...]:
        return tuple(tag.replace("\\]", "]").strip() for tag in _TAG.findall(self.block.comments))

    def kind(self, answers: str, general: str, common: dict) -> Draft | None:
        body = answers.strip()
        at = self.answers_at
        if not body:
            self.report(
                at, "论述题（essay，空答案块 {}）无法导入", "简答题写成 {=要点一 =要点二 ####解析}"
            )
        elif body.startswith("#"):
            self.report(at, "数值题（{#…}）无法导入", "改写成选择题或判断题")
        elif "~" in body:
            return self.choice(answers, general, common)
        elif "=" in body and "->" in body:
            self.report(at, "配对题（… -> …）无法导入", "改写成选择题")
        elif body.split("#", 1)[0].strip() in _TRUE_FALSE:
            return self.judge(body, general, common)
        else:
            return self.short(answers, general, common)
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
            self.report(
                self.answers_at + offset,
                f"权重写法不对：“{_text(rest)[1]}”",
                "~%50%选项 或 ~%-100%选项",
            )
        answer, _sep, feedback = rest.partition("#")
        return weight, _text(answer, self.format)[1], _text(feedback, self.format)[1]

    def choice(self, answers: str, general: str, common: dict) -> Draft | None:
        options, keys, feedback = [], [], []
        for offset, mark, rest in self.pieces(answers, "~="):
            if not mark:
                self.report(
                    self.answers_at + offset,
                    f"“{_text(rest)[1]}”前缺少 = 或 ~",
                    "每个选项以 = （正确）或 ~ （错误）开头",
                )
                continue
            weight, option, note = self.weighed(offset, rest, 100 if mark == "=" else 0)
            if not option:
                self.report(
                    self.answers_at + offset,
                    f"第 {len(options) + 1} 个选项是空的",
                    "= 或 ~ 后写选项文字",
                )
            if weight > 0:
                keys.append(len(options))
            options.append(option)
            if note:
                feedback.append(f"{option}：{note}")
        if len(options) < 2:
            self.report(self.answers_at, f"选择题只有 {len(options)} 个选项", "至少 2 个选项")
        elif not keys:
            self.report(
                self.answers_at, "选择题没有正确答案", "正确选项前写 =；多选题写 ~%50% 这样的正权重"
            )
        return Draft(
            type="single" if len(keys) == 1 else "multiple", options=tuple(options),
            keys=frozenset(keys), explanation=join_explanation(general, feedback), **common,
        )  # fmt: skip

    def judge(self, body: str, general: str, common: dict) -> Draft:
        token, _sep, notes = body.partition("#")
        wrong, _sep, right = notes.partition(
            "#"
        )  # Moodle: feedback for a wrong, then a right answer
        feedback = [_text(note, self.format)[1] for note in (right, wrong)]
        return Draft(
            type="judge", answer=_TRUE_FALSE[token.strip()],
            explanation=join_explanation(general, [note for note in feedback if note]), **common,
        )  # fmt: skip

    def short(self, answers: str, general: str, common: dict) -> Draft | None:
        key_points, feedback = [], []
        for offset, _mark, rest in self.pieces(answers, "="):
            weight, answer, note = self.weighed(offset, rest, 100)
            if weight > 0 and answer:
                key_points.append(answer)
            if note:
                feedback.append(f"{answer}：{note}")
        if len(key_points) < 2:
            self.report(
                self.answers_at,
                f"简答题只有 {len(key_points)} 个可接受的答案",
                "本课程的简答题至少 2 个要点：{=要点一 =要点二}，每个 = 后是一个评分要点",
            )
        return Draft(
            type="short", model_answer="；".join(key_points), key_points=tuple(key_points),
            explanation=join_explanation(general, feedback), **common,
        )  # fmt: skip


def read(text: str, file: str) -> ImportResult:
    problems = Problems()
    drafts = []
    for block in _blocks(text):
        draft = _ItemReader(block, file, problems).read()
        if draft is not None:
            drafts.append(draft)
    return ImportResult(tuple(drafts), problems.sorted())
