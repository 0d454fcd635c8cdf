"""A CSV sheet of questions, as trainers keep them in Excel or WPS (see docs/authoring.md).

One header row names the columns (any order, unknown names are reported); one row per
question. Lists in a cell: tags and levels separated by ";" or "；", key points one per line
(Alt+Enter in Excel), multiple-choice answers as letters ("ACD", "A,C,D").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from studyapp.domain.content.interchange.draft import Draft, ImportResult
from studyapp.domain.content.interchange.fields import build_draft, split_list
from studyapp.domain.content.problems import Problems
from studyapp.domain.content.text import N_, Listing, Text
from studyapp.domain.questions import LETTERS, question_type

OPTION_COLUMNS = tuple(f"option_{letter.lower()}" for letter in LETTERS[:6])
COLUMNS = (
    "id", "type", "stem", *OPTION_COLUMNS, "answer", "explanation", "model_answer",
    "key_points", "source", "lesson", "tags", "levels",
)  # fmt: skip
REQUIRED = ("type", "stem")
REASON = "reason"  # a rejects file's column saying why the row did not land; ignored on import
EXPLANATION_HINT = N_("在 explanation 列写解析")
BOM = "\ufeff"


def _header(row: list[str], line: int, file: str, problems: Problems) -> list[str] | None:
    names = [cell.strip().lower() for cell in row]
    for index, name in enumerate(names):
        if name and name not in COLUMNS and name != REASON:
            problems.add(file, line, None, Text("未知的列名“{name}”", name=row[index].strip()),
                         Text("{columns}", columns=Listing(COLUMNS)))  # fmt: skip
        elif name and names.index(name) != index:
            problems.add(
                file, line, None, Text("列“{name}”出现了两次", name=name), N_("每列只出现一次")
            )
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        problems.add(
            file,
            line,
            None,
            Text("缺少列：{columns}", columns=Listing(missing)),
            N_("第一行是列名，至少有 type、stem（还应有 explanation）"),
        )
    return None if problems else names


def _row_values(
    cells: dict[str, str], line: int, file: str, problems: Problems
) -> dict[str, Any] | None:
    options = [cells.get(name, "").strip() for name in OPTION_COLUMNS]
    while options and not options[-1]:
        options.pop()
    if "" in options:
        letter = LETTERS[options.index("")]
        problems.add(
            file,
            line,
            cells.get("id") or None,
            Text("选项 {letter} 是空的，而后面的选项有内容", letter=letter),
            N_("选项从 option_a 起依次填写，中间不留空"),
        )
        return None
    levels = []
    for part in split_list(cells.get("levels", "").replace(",", ";").replace("，", ";")):
        if not part.isdigit():
            problems.add(
                file,
                line,
                cells.get("id") or None,
                Text("等级“{level}”不是数字", level=part),
                N_("等级数字，用 ; 分隔，如 2;3"),
            )
            return None
        levels.append(int(part))
    return {
        "id": cells.get("id", ""),
        "type": cells.get("type", ""),
        "stem": cells.get("stem", ""),
        "options": tuple(options),
        "answer": cells.get("answer", "").strip(),
        "explanation": cells.get("explanation", ""),
        "model_answer": cells.get("model_answer", ""),
        "key_points": tuple(line.strip() for line in cells.get("key_points", "").splitlines() if line.strip()),
        "source": cells.get("source", ""),
        "lesson": cells.get("lesson", ""),
        "tags": split_list(cells.get("tags", "")),
        "levels": tuple(levels),
    }  # fmt: skip


def read(text: str, file: str) -> ImportResult:
    problems, warnings = Problems(), Problems()
    drafts: list[Draft] = []
    spans: list[tuple[int, int]] = []
    rows = csv.reader(io.StringIO(text.removeprefix(BOM), newline=""))
    names: list[str] | None = None
    line = 1
    try:
        for row in rows:
            start, line = line, rows.line_num + 1  # a quoted cell may span several lines
            if not any(cell.strip() for cell in row):
                continue
            if names is None:
                names = _header(row, start, file, problems)
                if names is None:
                    break
                continue
            spans.append((start, line - 1))
            if len(row) > len(names) and any(cell.strip() for cell in row[len(names) :]):
                problems.add(
                    file,
                    start,
                    None,
                    Text("这一行有 {count} 格，比列名多", count=len(row)),
                    Text("最多 {count} 格", count=len(names)),
                )
                continue
            cells = {name: cell for name, cell in zip(names, row, strict=False) if name}
            values = _row_values(cells, start, file, problems)
            if values is not None:
                draft = build_draft(
                    values, start, problems, file, EXPLANATION_HINT, warnings=warnings
                )
                if draft is not None:
                    drafts.append(draft)
    except csv.Error as error:
        problems.add(
            file,
            rows.line_num,
            None,
            Text("CSV 无法读取：{error}", error=str(error)),
            N_("用 Excel/WPS 另存为 CSV UTF-8"),
        )
    if names is None and not problems:
        problems.add(file, 1, None, N_("文件是空的"), N_("第一行列名，之后每行一道题"))
    return ImportResult(tuple(drafts), problems.sorted(), warnings.sorted(), tuple(spans))


def write(drafts: Iterable[Draft]) -> str:
    """Every column, a BOM first so that Excel opens the UTF-8 file as such."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for draft in drafts:
        options = list(draft.options) + [""] * (len(OPTION_COLUMNS) - len(draft.options))
        answer = question_type(draft.type).answer_cell(draft)
        writer.writerow(
            [draft.id, draft.type, draft.stem, *options, answer, draft.explanation,
             draft.model_answer, "\n".join(draft.key_points), draft.source, draft.lesson,
             ";".join(draft.tags), ";".join(str(level) for level in draft.levels)]
        )  # fmt: skip
    return BOM + buffer.getvalue()
