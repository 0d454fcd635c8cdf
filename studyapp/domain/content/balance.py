"""How balanced a chapter's keys are: the cues a test-wise candidate could exploit.

A bank leaks its keys when one letter is right too often, when most judge items are true (or
false), or when judge items with absolute words (只, 都, 一定, 必须 …) are always false — a
candidate then scores without knowing the subject. `flask content stats` prints these figures
per chapter and the syllabus tests hold every chapter to the limits below.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from studyapp.domain.content.model import ChoiceQuestion, JudgeQuestion, Syllabus
from studyapp.domain.content.text import Text

ABSOLUTE_WORDS = re.compile(r"只|都|一定|必须|所有|全部|完全|绝对|任何|总是|从不|唯一|凡是|一律")
LETTERS = "ABCDEF"

# Limits a chapter must keep (each counted only once the chapter has enough items to judge).
SINGLE_LETTER_SHARE = (0.12, 0.38)  # each of A–D, among single-choice keys (≥ 12 items)
JUDGE_TRUE_SHARE = (0.35, 0.65)  # among judge items (≥ 8 items)
ABSOLUTE_TRUE_SHARE = 0.25  # at least this share of absolute-word judge items true (≥ 4 items)


@dataclass(frozen=True)
class Balance:
    chapter: str
    single_letters: dict[str, int]
    judges: int
    judges_true: int
    absolute: int
    absolute_true: int

    def problems(self) -> list[str]:
        found: list[str] = []
        singles = sum(self.single_letters.values())
        if singles >= 12:
            low, high = SINGLE_LETTER_SHARE
            for letter in "ABCD":
                share = self.single_letters.get(letter, 0) / singles
                if not low <= share <= high:
                    found.append(
                        Text(
                            "单选答案 {letter} 占 {share:.0%}（应在 {low:.0%}–{high:.0%}）",
                            letter=letter, share=share, low=low, high=high,
                        )
                    )  # fmt: skip
        if self.judges >= 8:
            low, high = JUDGE_TRUE_SHARE
            share = self.judges_true / self.judges
            if not low <= share <= high:
                found.append(
                    Text("判断题“对”占 {share:.0%}（应在 {low:.0%}–{high:.0%}）",
                         share=share, low=low, high=high)
                )  # fmt: skip
        if self.absolute >= 4 and self.absolute_true / self.absolute < ABSOLUTE_TRUE_SHARE:
            found.append(
                Text(
                    "含“只/都/一定/必须”等绝对词的判断题 {count} 道中只有 {true} 道为对（至少 {share:.0%}）",
                    count=self.absolute, true=self.absolute_true, share=ABSOLUTE_TRUE_SHARE,
                )
            )  # fmt: skip
        return found


def chapter_balance(syllabus: Syllabus, chapter_id: str) -> Balance:
    letters: Counter[str] = Counter()
    judges = judges_true = absolute = absolute_true = 0
    for question in syllabus.questions_of(chapter_id):
        if question.retired:
            continue
        if isinstance(question, ChoiceQuestion) and question.type == "single":
            letters[LETTERS[min(question.keys)]] += 1
        elif isinstance(question, JudgeQuestion):
            judges += 1
            judges_true += question.answer
            if ABSOLUTE_WORDS.search(question.stem):
                absolute += 1
                absolute_true += question.answer
    return Balance(chapter_id, dict(letters), judges, judges_true, absolute, absolute_true)


def balance_rows(syllabus: Syllabus) -> list[Balance]:
    return [chapter_balance(syllabus, chapter.id) for chapter in syllabus.chapter_list()]
