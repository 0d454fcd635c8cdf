"""Loading and checking a large course against the C YAML loader parsing the same files.

Generates a course of 5,000 questions and 2,000 cards (20 chapters) in a temporary folder, then
times, best of five runs each:
  baseline: read every file and parse its YAML with ``yaml.load(..., Loader=CSafeLoader)``
            (lesson front matter included);
  load:     ``load_syllabus`` — read, hash, parse, build the typed syllabus and run every check.
Target: ratio = load / baseline <= 1.5.

    .venv/bin/python bench/content_load.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studyapp.domain.content import ContentFiles, load_syllabus  # noqa: E402
from studyapp.domain.content.lessons import split_front_matter  # noqa: E402

CHAPTERS = 20
QUESTIONS_PER_CHAPTER = 250
CARDS_PER_CHAPTER = 100
LESSONS_PER_CHAPTER = 4
RUNS = 5


def _question(chapter: str, n: int) -> str:
    qid = f"{chapter}.q{n:04d}"
    common = f'  explanation: 第{n}题的解析：服务的四个特性是无形性、差异性、同步性和易失性。\n  source: "000 P{n % 90 + 1}"\n  lesson: {chapter}.l{n % LESSONS_PER_CHAPTER}\n  tags: [标签{n % 6}, 特性]\n'
    kind = n % 10
    if kind < 4:
        return f"- id: {qid}\n  type: single\n  stem: 关于第{n}个知识点，下列说法正确的是（  ）。\n  options: [无形性, 差异性, 同步性, 易失性]\n  answer: {'ABCD'[n % 4]}\n{common}"
    if kind < 7:
        return f"- id: {qid}\n  type: multiple\n  stem: 关于第{n}个知识点，下列说法正确的有（  ）。\n  options: [行业性, 广泛性, 实用性, 时代性, 差异性]\n  answer: [A, B, D]\n{common}"
    if kind < 9:
        return f"- id: {qid}\n  type: judge\n  stem: 第{n}个知识点的陈述是正确的。\n  answer: {'true' if n % 2 else 'false'}\n{common}"
    return f"- id: {qid}\n  type: short\n  stem: 简述第{n}个知识点。\n  model_answer: |\n    第一，要点甲；第二，要点乙。\n  key_points: [要点甲, 要点乙]\n{common}"


def _card(chapter: str, n: int) -> str:
    cid = f"{chapter}.card.c{n:04d}"
    common = f'  source: "001 P{n % 60 + 1}"\n  lesson: {chapter}.l{n % LESSONS_PER_CHAPTER}\n  tags: [标签{n % 6}]\n'
    kind = n % 3
    if kind == 0:
        return f"- id: {cid}\n  type: basic\n  front: 第{n}个概念是什么？\n  back: 第{n}个概念的定义。\n{common}"
    if kind == 1:
        return f"- id: {cid}\n  type: cloze\n  text: 发达国家服务业占 GDP 的比重约为 {{{{70%}}}}，第{n}项为 {{{{40.2%::比例}}}}。\n{common}"
    return f"- id: {cid}\n  type: list\n  prompt: 第{n}组清单\n  items: [甲{n}, 乙{n}, 丙{n}, 丁{n}]\n  ordered: {'true' if n % 2 else 'false'}\n{common}"


def generate(root: Path) -> None:
    chapters = [f"ch{i:02d}" for i in range(CHAPTERS)]
    (root / "exams").mkdir(parents=True)
    (root / "course.yaml").write_text(
        'id: bench\ntitle: 基准课程\nversion: "1"\nlevels:\n  - id: 2\n    title: 二级\n'
        "chapters:\n" + "".join(f"  - {c}\n" for c in chapters),
        encoding="utf-8",
    )
    for chapter in chapters:
        folder = root / "chapters" / chapter
        (folder / "lessons").mkdir(parents=True)
        (folder / "chapter.yaml").write_text(
            f"id: {chapter}\ntitle: 第{chapter}章\nlevels: [2]\n", "utf-8"
        )
        for n in range(LESSONS_PER_CHAPTER):
            body = "正文段落，讲解服务的特性与客户价值。\n\n" * 30 + "## 要点回顾\n- 要点\n"
            (folder / "lessons" / f"{n:02d}-l.md").write_text(
                f'---\nid: {chapter}.l{n}\ntitle: 第{n}课\nsource: "000 P{n + 1}"\n---\n{body}',
                "utf-8",
            )
        (folder / "questions.yaml").write_text(
            "".join(_question(chapter, n) for n in range(QUESTIONS_PER_CHAPTER)), "utf-8"
        )
        (folder / "cards.yaml").write_text(
            "".join(_card(chapter, n) for n in range(CARDS_PER_CHAPTER)), "utf-8"
        )
    sources = "".join(f"          - chapter: {c}\n" for c in chapters)
    (root / "exams" / "mock.yaml").write_text(
        "id: mock\ntitle: 模拟\nkind: mock\ntime_limit: 90\nparts:\n  - id: theory\n    title: 理论\n"
        "    pass_mark: 60\n    sections:\n      - type: single\n        count: 60\n        points: 1\n"
        f"        from:\n{sources}      - type: multiple\n        count: 40\n        points: 1\n"
        f"        from:\n{sources}",
        "utf-8",
    )


def baseline(root: Path) -> int:
    documents = 0
    for path in sorted(root.rglob("*")):
        if path.suffix == ".yaml":
            yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
            documents += 1
        elif path.suffix == ".md":
            front, _body, _line = split_front_matter(path.read_bytes().decode("utf-8"))
            yaml.load(front, Loader=yaml.CSafeLoader)
            documents += 1
    return documents


def best_of(function, *args) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root)
        base_time, documents = best_of(baseline, root)
        load_time, result = best_of(lambda: load_syllabus(ContentFiles.from_directory(root)))
    if not result.ok:
        for problem in result.problems[:20]:
            print(problem)
        raise SystemExit("the generated course has problems; the bench is broken")
    syllabus = result.syllabus
    print(
        f"course: {len(syllabus.questions)} questions, {len(syllabus.cards)} cards, "
        f"{len(syllabus.lessons)} lessons, {documents} YAML documents"
    )
    print(f"baseline (C YAML loader alone): {base_time:.3f} s")
    print(f"load_syllabus (read, parse, build, check): {load_time:.3f} s")
    print(f"ratio={load_time / base_time:.2f}")


if __name__ == "__main__":
    main()
