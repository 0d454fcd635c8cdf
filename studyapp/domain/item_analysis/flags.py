"""Questions a trainer should look at, each with a plain Chinese reason.

Figures from a handful of responses are noise, so every flag waits for MIN_RESPONSES responses
(10), and "a distractor nobody chose" for MIN_RESPONSES_UNUSED (20): with 10 candidates, four
options and a 90 % facility, an untouched distractor is what one expects, not a finding.
Thresholds follow common item-analysis practice: facility ≥ 0.95 too easy, ≤ 0.20 too hard,
discrimination below 0.30 weak and below 0 negative (reported instead of weak, not as well).
"""

from __future__ import annotations

from studyapp.domain.item_analysis.model import Flag, ItemStats

MIN_RESPONSES = 10
MIN_RESPONSES_UNUSED = 20
TOO_EASY = 0.95
TOO_HARD = 0.20
WEAK_DISCRIMINATION = 0.30
# Figures are floats: 19/20 must count as 95 %, and a correlation of 0.3 computed as
# 0.29999999999999993 is 0.3, not "below 0.3". Discrimination is shown to three decimals so a
# weak 0.2985 does not read "0.30 (<0.30)".
_EPS = 1e-9


def flags_for(item: ItemStats) -> list[Flag]:
    if item.responses < MIN_RESPONSES:
        return []
    found = []
    rate = "正确率" if item.options else "得分率"
    if item.facility is not None and item.facility >= TOO_EASY - _EPS:
        found.append(("too_easy", f"过于容易：{rate} {item.facility:.0%}（≥95%）"))
    if item.facility is not None and item.facility <= TOO_HARD + _EPS:
        found.append(("too_hard", f"过难：{rate} {item.facility:.0%}（≤20%）"))
    if item.discrimination is not None and item.discrimination < -_EPS:
        found.append(
            (
                "negative_discrimination",
                f"区分度为负：{item.discrimination:.3f}，总分高的考生反而更常答错，"
                "请检查题目和答案",
            )
        )
    elif item.discrimination is not None and item.discrimination < WEAK_DISCRIMINATION - _EPS:
        found.append(
            (
                "weak_discrimination",
                f"区分度偏低：{item.discrimination:.3f}（<0.30），高分和低分考生答得差不多",
            )
        )
    if item.options:
        found += _option_findings(item)
    return [Flag(item.question_id, code, reason) for code, reason in found]


def _option_findings(item: ItemStats) -> list[tuple[str, str]]:
    found = []
    distractors = [option for option in item.options if not option.is_key]
    keys = [option for option in item.options if option.is_key]
    unused = [option for option in distractors if option.count == 0]
    if unused and item.responses >= MIN_RESPONSES_UNUSED:
        names = "、".join(option_name(option.option) for option in unused)
        found.append(
            (
                "unused_distractor",
                f"干扰项无人选择：选项 {names} 在 {item.responses} 次作答中无人选，起不到干扰作用",
            )
        )
    if keys and distractors:
        key = min(keys, key=lambda option: option.count)
        rival = max(distractors, key=lambda option: option.count)
        if key.count < rival.count:
            found.append(
                (
                    "key_less_chosen",
                    f"答案可能有误：正确选项 {option_name(key.option)} 有 {key.count} 人选"
                    f"（{key.share:.0%}），少于选项 {option_name(rival.option)} 的 "
                    f"{rival.count} 人（{rival.share:.0%}）",
                )
            )
    return found


def option_name(option: int) -> str:
    """The option's letter as authored (answer: A); for a judge question A is 对 and B is 错."""
    return chr(ord("A") + option)
