"""Moodle's GIFT format, read with the meaning Moodle gives it (question/format/gift).

Items are separated by blank lines; ``//`` lines are comments, in which ``[tag:…]`` are tags and
``[id:…]`` ``[source:…]`` ``[lesson:…]`` ``[levels:2,3]`` carry the course's own fields (the
export writes them, so a file exported here imports back unchanged). ``$CATEGORY:`` blocks are
skipped (the chapter is chosen on import). A ``::title::`` that fits the id rules becomes the
question's id. How each answer block converts is in ``gift_answers``; what the course cannot
carry (essay ``{}``, numerical ranges, matching ``->``, description items) is refused by line,
and every lossy step (weights, feedback, links, media) is a warning on the item's line.

An answer block in the middle of the stem (missing word) leaves （  ） in its place; punctuation
that follows the block (``}.``) stays after the blank, stray characters (``}";``) are dropped
with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from studyapp.domain.content.interchange import gift_answers
from studyapp.domain.content.interchange.draft import Draft, ImportResult
from studyapp.domain.content.interchange.fields import DRAFT_WARNING
from studyapp.domain.content.interchange.gift_text import FORMAT_MARKER, Piece, escape_marks, piece
from studyapp.domain.content.problems import Problems
from studyapp.domain.content.reader import ID_PATTERN
from studyapp.domain.content.text import N_, Text

__all__ = ["FORMAT_MARKER", "read"]

_FIELD = re.compile(r"\[(tag|id|source|lesson|levels):((?:\\\]|[^\]])+)\]")
BLANK = "（  ）"  # where a missing-word answer block stood
_SENTENCE_END = re.compile(r"^[.。!！?？…:：;；,，、)）\]」』\"“”'’]*$")
_WORD = re.compile(r"\w")


@dataclass
class _Block:
    lines: list[str]  # stripped; comment lines blanked so offsets still give line numbers
    first: int  # file line of lines[0]
    last: int  # file line of the block's last line
    comments: str


def _blocks(text: str) -> Iterator[_Block]:
    current: list[str] = []
    comments: list[str] = []
    first = 0
    for number, raw in enumerate(text.split("\n") + [""], start=1):
        line = raw.strip()
        if not line:
            if current:
                yield _Block(current, first, number - 1, "\n".join(comments))
            current, comments = [], []
            continue
        if not current:
            first = number
        if line.startswith("//"):
            comments.append(line)
            line = ""
        current.append(line)


def _metadata(comments: str) -> dict[str, Any]:
    """The course's fields written in ``//`` comments: tags, id, source, lesson, levels."""
    fields: dict[str, Any] = {"tags": []}
    for name, value in _FIELD.findall(comments):
        value = value.replace("\\]", "]").strip()
        if name == "tag":
            fields["tags"].append(value)
        elif name == "levels":
            fields["levels"] = tuple(int(v) for v in re.findall(r"\d+", value))
        else:
            fields[name] = value
    fields["tags"] = tuple(fields["tags"])
    return fields


class _ItemReader:
    def __init__(self, block: _Block, file: str, problems: Problems, warnings: Problems):
        self.block = block
        self.file = file
        self.problems = problems
        self.warnings = warnings
        self.text = escape_marks("\n".join(block.lines))
        self.label: str | None = None
        self.start = len(self.problems)

    def line_at(self, offset: int) -> int:
        return self.block.first + self.text.count("\n", 0, offset)

    def report(self, offset: int, message: str, expected: str) -> None:
        self.problems.add(self.file, self.line_at(offset), self.label, message, expected)

    def warn(self, offset: int, message: str, expected: str | None = None) -> None:
        self.warnings.add(self.file, self.line_at(offset), self.label, message, expected)

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
                    N_("$CATEGORY 行下面直接写了题目"), N_("$CATEGORY 行之后空一行再写题目"))  # fmt: skip
            return None
        if text.startswith("::", pos):
            end = text.find("::", pos + 2)
            if end < 0:
                self.report(pos, N_("题目名称 ::…:: 没有结束"), N_("::名称::题干{…}"))
                return None
            self.label = piece(text[pos + 2 : end]).text or None
            pos = end + 2
        return self.question(pos)

    def question(self, pos: int) -> Draft | None:
        text = self.text
        body = text[pos:]
        opens, closes = body.count("{"), body.count("}")
        if opens == 0 and closes == 0:
            self.report(pos, N_("没有答案块 {…}：这是说明文字（description），不是题目"),
                        N_("题干后写答案块，如 {=对的 ~错的}"))  # fmt: skip
            return None
        open_at, close_at = text.find("{", pos), text.find("}", pos)
        if opens != 1 or closes != 1 or close_at < open_at:
            self.report(open_at if open_at >= 0 else close_at,
                        N_("大括号 { } 不成对，或一道题有多个答案块"),
                        N_("每道题一个答案块 {…}；文字中的大括号写成 \\{ \\}"))  # fmt: skip
            return None
        answers = text[open_at + 1 : close_at]
        split = answers.rfind("####")
        head = text[pos:open_at]
        stem_piece = piece(head, warn=self.warner(pos))
        general = ""
        if split >= 0:
            general = piece(answers[split + 4 :], stem_piece.format, self.warner(open_at)).text
            answers = answers[:split]
        converter = gift_answers.Converter(self, open_at + 1, stem_piece.format)
        fields = converter.convert(answers)
        if fields is None or len(self.problems) > self.start:
            return None
        stem = self.stem(
            stem_piece, head, text[close_at + 1 :], close_at, fields["type"] == "judge"
        )
        if not stem:
            self.report(pos, N_("缺少题干"), N_("答案块前写题干"))
            return None
        return self.draft(stem, general, fields, pos)

    def warner(self, offset: int) -> Callable[..., None]:
        return lambda message, expected=None: self.warn(offset, message, expected)

    def stem(self, head: Piece, head_raw: str, tail_raw: str, close_at: int, judge: bool) -> str:
        tail = piece(tail_raw, head.format, self.warner(close_at)).text
        if not tail:
            return head.text
        if judge or (not _WORD.search(tail) and not _SENTENCE_END.match(tail)):
            self.warn(close_at, Text("答案块后的“{tail}”不像题干的一部分，已去掉", tail=tail),
                      N_("题干写在答案块之前；答案块后只写句末标点"))  # fmt: skip
            return head.text
        before = " " if head_raw[-1:].isspace() else ""
        after = " " if tail_raw[:1].isspace() else ""
        return f"{head.text}{before}{BLANK}{after}{tail}".strip()

    def draft(self, stem: str, general: str, fields: dict[str, Any], pos: int) -> Draft:
        feedback = fields.pop("feedback")
        explanation = "\n".join(part for part in (general, *feedback) if part)
        if feedback:
            self.warn(pos, N_("各答案的反馈已并入解析（本课程只有一段解析）"))
        meta = _metadata(self.block.comments)
        item_id = meta.get("id") or (
            self.label if self.label and ID_PATTERN.match(self.label) else ""
        )
        draft = Draft(
            stem=stem, explanation=explanation, line=self.line_at(pos), title=self.label or "",
            id=item_id, tags=meta["tags"], source=meta.get("source", ""),
            lesson=meta.get("lesson", ""), levels=meta.get("levels", ()), **fields,
        )  # fmt: skip
        if not explanation:
            self.warn(pos, DRAFT_WARNING, N_("在答案块末尾写 ####解析"))
            draft = replace(draft, is_draft=True)
        return draft


def read(text: str, file: str) -> ImportResult:
    problems, warnings = Problems(), Problems()
    drafts = []
    spans = []
    for block in _blocks(text):
        if any(block.lines) and not "\n".join(block.lines).lstrip().startswith("$CATEGORY:"):
            spans.append((block.first, block.last))
        draft = _ItemReader(block, file, problems, warnings).read()
        if draft is not None:
            drafts.append(draft)
    return ImportResult(tuple(drafts), problems.sorted(), warnings.sorted(), tuple(spans))
