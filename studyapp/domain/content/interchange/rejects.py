"""The items of an upload that did not land, written back in the upload's own format with the
reason on each, so the trainer can fix them and import that file again.

GIFT and Aiken take the reason as ``//`` comment lines, YAML as ``#`` comment lines, a CSV sheet
as an extra ``reason`` column (which the CSV reader ignores).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from studyapp.domain.content.interchange.append import AppendPlan
from studyapp.domain.content.interchange.csv_sheet import BOM, REASON
from studyapp.domain.content.interchange.draft import ImportResult
from studyapp.domain.content.problems import Problem

COMMENT = {"gift": "// ", "aiken": "// ", "yaml": "# "}
SUFFIX = {"gift": ".gift", "aiken": ".txt", "yaml": ".yaml", "csv": ".csv"}


def _reason(problem: Problem) -> str:
    expected = f"（应为：{problem.expected}）" if problem.expected else ""
    return f"未导入：{problem.message}{expected}"


Spans = tuple[tuple[int, int], ...]


def _reasons(
    spans: Spans, problems: Iterable[Problem], starts: tuple[int, ...]
) -> dict[int, list[str]]:
    """First line of each rejected item → the reasons found in its lines."""
    reasons: dict[int, list[str]] = {start: [] for start in starts}
    for problem in problems:
        for first, last in spans:
            inside = problem.line is not None and first <= problem.line <= last
            if inside and first in reasons and _reason(problem) not in reasons[first]:
                reasons[first].append(_reason(problem))
    return reasons


def rejects_name(upload: str, format_name: str) -> str:
    stem = upload.rsplit(".", 1)[0] if "." in upload else upload
    return f"{stem}.rejects{SUFFIX.get(format_name, '.txt')}"


def rejects_text(text: str, format_name: str, result: ImportResult, plan: AppendPlan) -> str:
    """The rejected items of ``text`` with their reasons; empty when every item landed."""
    if not plan.rejected:
        return ""
    lines = text.removeprefix(BOM).split("\n")
    spans = result.spans or tuple((start, start) for start in plan.rejected)
    reasons = _reasons(spans, (p for p in plan.problems if p.file), plan.rejected)
    if format_name == "csv":
        return _csv(lines, spans, reasons)
    blocks = []
    for first, last in spans:
        if first in reasons:
            comments = [COMMENT[format_name] + reason for reason in reasons[first]]
            blocks.append("\n".join([*comments, *lines[first - 1 : last]]).rstrip())
    return "\n\n".join(blocks) + "\n"


def _csv(lines: list[str], spans: Spans, reasons: dict[int, list[str]]) -> str:
    header_line = next(i for i, line in enumerate(lines) if line.strip())
    header = next(csv.reader([lines[header_line]]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*header, REASON])
    for first, last in spans:
        if first in reasons:
            (row,) = list(csv.reader(io.StringIO("\n".join(lines[first - 1 : last]))))
            row += [""] * (len(header) - len(row))
            writer.writerow([*row[: len(header)], "；".join(reasons[first])])
    return BOM + buffer.getvalue()
