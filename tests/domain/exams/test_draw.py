"""Drawing papers: counts per section and source, weights, no question twice, options shuffled."""

import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyapp.domain.content.blueprints import questions_by_type
from studyapp.domain.exams.draw import (
    PoolTooSmall,
    allocate,
    draw_paper,
    inclusion_probabilities,
    paper_pools,
)
from tests.content_fixtures import course_files, load


def _bank(singles_a: int, singles_b: int, extra_quiz: str = ""):
    files = course_files()
    files["course.yaml"] = files["course.yaml"] + "  - other\n"
    files["chapters/other/chapter.yaml"] = "id: other\ntitle: 其他\nlevels: [2]\n"
    files["chapters/other/lessons/01-x.md"] = (
        '---\nid: other.x\ntitle: X\nsource: "000"\n---\n正文\n\n## 要点回顾\n- 点\n'
    )
    questions = []
    for chapter, lesson, n in (
        ("basics", "basics.intro", singles_a),
        ("other", "other.x", singles_b),
    ):
        for i in range(n):
            questions.append(
                f"- id: {chapter}.s{i:03d}\n  type: single\n  stem: {chapter}第{i}题\n"
                f"  options: [甲, 乙, 丙, 丁]\n  answer: A\n  explanation: 解析。\n"
                f'  source: "000"\n  lesson: {lesson}\n  tags: [{"偶" if i % 2 == 0 else "奇"}]\n'
            )
    files["chapters/basics/questions.yaml"] += "".join(
        q for q in questions if q.startswith("- id: basics")
    )
    files["chapters/other/questions.yaml"] = "".join(
        q for q in questions if q.startswith("- id: other")
    )
    files["exams/paper.yaml"] = extra_quiz or (
        "id: paper\ntitle: 卷\nkind: mock\ntime_limit: 30\nparts:\n"
        "  - id: a\n    title: 甲\n    pass_mark: 6\n    sections:\n"
        "      - type: single\n        count: 10\n        points: 1\n        from:\n"
        "          - chapter: basics\n            weight: 3\n          - chapter: other\n            weight: 1\n"
        "  - id: b\n    title: 乙\n    pass_mark: 1\n    sections:\n"
        "      - type: single\n        count: 4\n        points: 2\n        from:\n"
        "          - chapter: basics\n          - chapter: other\n"
    )
    result = load(files)
    assert result.ok, [str(p) for p in result.problems]
    return result.syllabus


def test_allocate_follows_weights_and_capacity():
    assert allocate(10, [3, 1], [100, 100]) == [8, 2]
    assert allocate(10, [1, 1], [3, 100]) == [3, 7]
    assert allocate(0, [1], [5]) == [0]
    with pytest.raises(PoolTooSmall):
        allocate(6, [1, 1], [2, 3])


@given(
    st.lists(st.tuples(st.floats(0.1, 10), st.integers(0, 30)), min_size=1, max_size=8),
    st.integers(0, 100),
)
def test_allocate_invariants(sources, count):
    weights = [w for w, _ in sources]
    capacities = [c for _, c in sources]
    if count > sum(capacities):
        with pytest.raises(PoolTooSmall):
            allocate(count, weights, capacities)
        return
    result = allocate(count, weights, capacities)
    assert sum(result) == count
    assert all(0 <= n <= c for n, c in zip(result, capacities, strict=True))


def test_a_paper_has_the_right_counts_by_source_and_no_repeats():
    syllabus = _bank(20, 20)
    paper = draw_paper(syllabus.blueprints["paper"], syllabus.questions.values(), random.Random(3))
    ids = [d.question_id for d in paper]
    assert len(ids) == 14 and len(set(ids)) == 14
    part_a = [syllabus.questions[d.question_id].chapter for d in paper if d.part_id == "a"]
    assert Counter(part_a) == {"basics": 8, "other": 2}  # weights 3 : 1 of 10
    assert {d.points for d in paper if d.part_id == "b"} == {2.0}


def test_a_short_source_hands_its_share_to_the_others():
    syllabus = _bank(3, 30)  # basics holds 3 singles besides basics.q001
    paper = draw_paper(syllabus.blueprints["paper"], syllabus.questions.values(), random.Random(1))
    part_a = Counter(syllabus.questions[d.question_id].chapter for d in paper if d.part_id == "a")
    assert part_a == {"basics": 4, "other": 6}
    assert len({d.question_id for d in paper}) == len(paper)


def test_options_are_shuffled_and_the_permutation_kept():
    syllabus = _bank(20, 20)
    paper = draw_paper(syllabus.blueprints["paper"], syllabus.questions.values(), random.Random(5))
    permutations = [d.permutation for d in paper]
    assert all(sorted(p) == [0, 1, 2, 3] for p in permutations)
    assert len(set(permutations)) > 1
    same = draw_paper(syllabus.blueprints["paper"], syllabus.questions.values(), random.Random(5))
    assert same == paper  # a seed reproduces the paper


def test_kept_pools_draw_the_same_papers_without_reading_the_bank():
    syllabus = _bank(20, 20)
    blueprint = syllabus.blueprints["paper"]
    pools = paper_pools(blueprint, syllabus.questions.values())
    assert [len(sources) for part in pools for sources in part] == [2, 2]
    for seed in range(5):
        fresh = draw_paper(blueprint, syllabus.questions.values(), random.Random(seed))
        kept = draw_paper(blueprint, (), random.Random(seed), pools=pools)  # no bank given
        assert kept == fresh
    again = draw_paper(blueprint, (), random.Random(9), pools=pools)
    assert len({d.question_id for d in again}) == 14  # the kept pools were not used up


def test_inclusion_probabilities_add_up_to_the_count():
    syllabus = _bank(20, 20)
    section = syllabus.blueprints["paper"].parts[0].sections[0]
    by_type = questions_by_type(syllabus.questions.values())
    probabilities = inclusion_probabilities(section, frozenset({2}), by_type)
    assert sum(probabilities.values()) == pytest.approx(10)
    assert probabilities["basics.s000"] == pytest.approx(8 / 21)
