"""A YAML syntax error as a trainer can act on it: what, on which line, and how to fix it.

PyYAML reports where its parser gave up, often a line after the cause and in its own English.
This looks for the root causes trainers meet (a full-width colon from a Chinese keyboard, a tab,
text that needs quotes, an unclosed quote) on the lines up to the error and names the first one,
so one mistake gives one problem. Anything else gets a plain Chinese description.
"""

from __future__ import annotations

import re

from studyapp.domain.content.text import N_, Text

_TAB = re.compile(r"^ *\t")
_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[\w.-]+:\s+)?([\"'])(.*)$")
_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.-]*\s*：")
_FULL_WIDTH = {
    "：": Text("全角冒号“：”"),
    "，": Text("全角逗号“，”"),
    "［": Text("全角方括号“［”"),
    "－": Text("全角横线“－”"),
}
_HALF = {"：": ": ", "，": ",", "［": "[", "－": "-"}
_PLAIN = [
    ("mapping values are not allowed", N_("这一行的文字里有“: ”，YAML 把它当成了又一个字段"),
     N_("给整段文字加引号，如 stem: \"时间：上午 9 点\"，或把“: ”改成全角“：”")),
    ("could not find expected ':'", N_("这一行缺少“字段名: 值”中的半角冒号，或上一行的引号没有闭合"),
     N_("写成 字段名: 值（半角冒号后加一个空格）")),
    ("found unexpected end of stream", N_("引号没有闭合"),
     N_("文字两端的引号成对：\"……\"")),
    ("while scanning a quoted scalar", N_("引号没有闭合"),
     N_("文字两端的引号成对：\"……\"")),
    ("expected <block end>", N_("缩进不一致：这一行和同一层的其他字段没有对齐"),
     N_("同一层的字段左边对齐，用空格缩进")),
    ("did not find expected '-' indicator", N_("列表项缩进不一致"),
     N_("列表中每项以同样缩进的“- ”开头")),
    ("did not find expected key", N_("缩进或引号有误：这里应是一个新字段"),
     N_("同一层字段左对齐；文字中有引号时整段用另一种引号括起来")),
    ("that cannot start any token", N_("这一行的值以 YAML 的特殊字符开头"),
     N_("以 @ ` % 等字符开头的文字要加引号")),
    ("found undefined alias", N_("以 * 开头的文字被当成了别名"),
     N_("以 * 开头的文字要加引号")),
    ("found duplicate anchor", N_("以 & 开头的文字被当成了锚点"),
     N_("以 & 开头的文字要加引号")),
    ("expected a comment or a line break", N_("引号后面还有多余的文字"),
     N_("整段文字都放在引号里面，或去掉引号")),
]  # fmt: skip
GENERIC = (
    N_("YAML 格式有误"),
    N_("缩进用空格且对齐；含“: ”或以 [ { * & ! % @ ` 开头的文字要加引号"),
)


def _root_cause(lines: list[str], last: int) -> tuple[int, str, str] | None:
    """(0-based line, message, fix) of the first tab or full-width mark up to ``last``."""
    for index, line in enumerate(lines[: last + 1]):
        if _TAB.match(line):
            return (
                index,
                N_("这一行用 Tab 键缩进"),
                N_("YAML 只认空格：把 Tab 换成空格（通常两个）"),
            )
        if _FULL_WIDTH_KEY.match(line):
            mark = next(char for char in line if char in _FULL_WIDTH)
            key = line.split(mark, 1)[0].strip().removeprefix("- ").strip()
            return (index, Text("字段名“{key}”后用了{mark}（中文输入法的标点）", key=key,
                                mark=_FULL_WIDTH[mark]),
                    Text("改成半角冒号加空格：{key}{half}…", key=key, half=_HALF[mark]))  # fmt: skip
        quoted = _QUOTED_VALUE.match(line)
        if quoted and _unclosed(quoted.group(1), quoted.group(2)) and index < last:
            return index, N_("引号没有闭合"), N_('文字两端的引号成对："……"')
    return None


def _unclosed(quote: str, rest: str) -> bool:
    """Whether a value opened with ``quote`` runs past the end of its line."""
    if quote == "'":
        return rest.replace("''", "").count("'") == 0
    return re.sub(r"\\.", "", rest).count('"') == 0


def explain(text: str, problem: str | None, line: int | None) -> tuple[int | None, str, str]:
    """(0-based line, message, fix) for PyYAML's ``problem`` found at 0-based ``line``."""
    lines = text.split("\n")
    last = min(line if line is not None else len(lines) - 1, len(lines) - 1)
    cause = _root_cause(lines, last)
    if cause is not None:
        return cause
    for fragment, message, fix in _PLAIN:
        if problem and fragment in problem:
            return line, message, fix
    return line, *GENERIC
