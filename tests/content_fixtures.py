"""A minimal valid course, as files, for tests to break one line at a time.

Line numbers matter: the loader tests assert the exact line reported, so edit with care.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.domain.content import ContentFiles, LoadResult, load_syllabus

COURSE = """\
id: demo
title: 演示课程
version: "1"
levels:
  - id: 2
    title: 二级
sources:
  "000": 通关宝典
chapters:
  - basics
"""

CHAPTER = """\
id: basics
title: 基础
levels: [2]
"""

LESSON = """\
---
id: basics.intro
title: 引言
source: "000 P1"
---
正文。

## 要点回顾
- 要点
"""

LESSON_TWO = """\
---
id: basics.more
title: 进阶
source: "000 P2"
tags: [进阶]
---
第二课正文，讲无形性。

## 要点回顾
- 要点二
"""

CARDS = """\
- id: basics.card.one
  type: basic
  front: 问
  back: 答
  source: "000"
  lesson: basics.intro
- id: basics.card.two
  type: cloze
  text: 服务业占比约 {{70%}}。
  source: "000"
  lesson: basics.intro
- id: basics.card.three
  type: list
  prompt: 四个特征
  items: [甲, 乙, 丙, 丁]
  source: "000"
  lesson: basics.intro
"""

QUESTIONS = """\
- id: basics.q001
  type: single
  stem: 单选？
  options: [甲, 乙, 丙, 丁]
  answer: B
  explanation: 因为。
  source: "000"
  lesson: basics.intro
- id: basics.q002
  type: multiple
  stem: 多选？
  options: [甲, 乙, 丙, 丁]
  answer: [A, C]
  explanation: 因为。
  source: "000"
  lesson: basics.intro
- id: basics.q003
  type: judge
  stem: 判断。
  answer: true
  explanation: 因为。
  source: "000"
  lesson: basics.intro
- id: basics.q004
  type: short
  stem: 简答？
  model_answer: 答。
  key_points: [一, 二]
  explanation: 因为。
  source: "000"
  lesson: basics.intro
"""

QUIZ = """\
id: quiz
title: 小测
kind: quiz
time_limit: 10
parts:
  - id: all
    title: 全部
    pass_mark: 1
    sections:
      - type: single
        count: 1
        points: 1
        from:
          - chapter: basics
"""


def course_files() -> dict[str, str]:
    return {
        "course.yaml": COURSE,
        "chapters/basics/chapter.yaml": CHAPTER,
        "chapters/basics/lessons/01-intro.md": LESSON,
        "chapters/basics/lessons/02-more.md": LESSON_TWO,
        "chapters/basics/cards.yaml": CARDS,
        "chapters/basics/questions.yaml": QUESTIONS,
        "exams/quiz.yaml": QUIZ,
    }


def load(files: dict[str, str | bytes]) -> LoadResult:
    encoded = {n: t.encode() if isinstance(t, str) else t for n, t in files.items()}
    return load_syllabus(ContentFiles(encoded))


def write_course(root: Path, files: dict[str, str] | None = None) -> Path:
    for name, text in (files or course_files()).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
