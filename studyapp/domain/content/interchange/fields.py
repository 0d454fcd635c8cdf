"""Named fields → a draft: what the CSV sheet and the YAML list share.

The readers hand over plain values (text, tuples, the raw answer); this checks only what the
conversion needs (a known type, a stem, an explanation, an answer that names options). The
course's own rules (option counts, ids, sources, lessons) are the checker's, run on the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from studyapp.domain.content.interchange.draft import Draft
from studyapp.domain.content.items import LETTERS
from studyapp.domain.content.problems import Problems

TYPE_ALIASES = {
    "single": "single", "单选": "single", "单选题": "single",
    "multiple": "multiple", "多选": "multiple", "多选题": "multiple",
    "judge": "judge", "判断": "judge", "判断题": "judge",
    "short": "short", "简答": "short", "简答题": "short", "案例分析": "short",
}  # fmt: skip
TYPE_EXPECTED = "single、multiple、judge 或 short（也可写 单选、多选、判断、简答）"
TRUE_WORDS = frozenset({"true", "t", "yes", "对", "正确", "是", "√", "✓"})
FALSE_WORDS = frozenset({"false", "f", "no", "错", "错误", "否", "×", "✗"})
LETTER_SEPARATORS = re.compile(r"[\s,，;；、/]+")
LIST_SEPARATORS = re.compile(r"[;；]")


def split_list(text: str, separators: re.Pattern = LIST_SEPARATORS) -> tuple[str, ...]:
    """``"职业道德; 特征；定义"`` → ``("职业道德", "特征", "定义")``, blanks dropped."""
    return tuple(part.strip() for part in separators.split(text) if part.strip())


def _letters(raw, option_count: int) -> list[int] | None:
    """``"ACD"``, ``"A,C,D"``, ``["A", "C"]`` → option indexes; None when a letter is wrong."""
    if isinstance(raw, list | tuple):
        letters = [str(value).strip().upper() for value in raw]
    else:
        letters = list(LETTER_SEPARATORS.sub("", str(raw)).upper())
    valid = LETTERS[:option_count]
    if not letters or any(len(letter) != 1 or letter not in valid for letter in letters):
        return None
    indexes = [valid.index(letter) for letter in letters]
    return indexes if len(set(indexes)) == len(indexes) else None


def _judge_answer(raw) -> bool | None:
    if isinstance(raw, bool):
        return raw
    word = str(raw or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def build_draft(
    values: dict,
    line: int,
    problems: Problems,
    file: str,
    explanation_hint: str,
    line_of: Callable[[str], int] | None = None,
) -> Draft | None:
    """A draft from named values, or None after reporting each reason it cannot convert.

    ``values`` holds text for type, stem, explanation, model_answer, source, lesson and id;
    tuples for options, tags, levels and key_points; and the answer as written. ``line`` is
    where the item starts; ``line_of(name)`` where a field is, when the format knows.
    """
    line_of = line_of or (lambda _name: line)
    label = values.get("id") or None
    start = len(problems)

    def report(name: str, message: str, expected: str) -> None:
        problems.add(file, line_of(name), label, message, expected)

    raw_type = str(values.get("type") or "").strip()
    kind = TYPE_ALIASES.get(raw_type.lower())
    if kind is None:
        shown = f"“{raw_type}”" if raw_type else "（空）"
        report("type", f"题型 {shown} 无法识别", TYPE_EXPECTED)
        return None
    stem = values.get("stem", "").strip()
    explanation = values.get("explanation", "").strip()
    if not stem:
        report("stem", "缺少题干", "非空的题干文字")
    if not explanation:
        report("explanation", "缺少解析", explanation_hint)
    options = values.get("options", ())
    raw_answer = values.get("answer")
    has_answer = raw_answer not in (None, "") and raw_answer != []
    fields: dict = {}
    if kind in ("single", "multiple"):
        keys = _letters(raw_answer, len(options)) if has_answer else None
        if len(options) < 2:
            report(
                "options",
                f"选择题只有 {len(options)} 个选项",
                "至少 2 个选项，依次写在 A、B、C… 中",
            )
        elif keys is None:
            shown = f"“{raw_answer}”" if has_answer else "（空）"
            valid = "、".join(LETTERS[: len(options)])
            report("answer", f"答案 {shown} 不是选项字母", f"选项字母 {valid}，多选如 ACD")
        elif kind == "single" and len(keys) > 1:
            report("answer", "单选题只能有一个答案", "一个选项字母；多个答案请用 multiple（多选）")
        else:
            fields = {"options": options, "keys": frozenset(keys)}
    else:
        if options:
            report("options", f"{'判断题' if kind == 'judge' else '简答题'}不需要选项", "不写选项")
        if kind == "judge":
            answer = _judge_answer(raw_answer)
            if answer is None:
                shown = f"“{raw_answer}”" if has_answer else "（空）"
                report("answer", f"判断题的答案 {shown} 无法识别", "true 或 false（也可写 对/错）")
            fields = {"answer": answer}
        else:
            if has_answer:
                report(
                    "answer", "简答题不用 answer", "参考答案写在 model_answer，要点写在 key_points"
                )
            fields = {
                "model_answer": values.get("model_answer", "").strip(),
                "key_points": values.get("key_points", ()),
            }
    if len(problems) > start:
        return None
    return Draft(
        type=kind,
        stem=stem,
        explanation=explanation,
        source=values.get("source", "").strip(),
        lesson=values.get("lesson", "").strip(),
        tags=values.get("tags", ()),
        levels=values.get("levels", ()),
        id=values.get("id", "").strip(),
        line=line,
        **fields,
    )
