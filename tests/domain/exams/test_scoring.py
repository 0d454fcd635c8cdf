"""Every scoring rule, and papers with several parts, on plain snapshots."""

import pytest

from studyapp.domain.exams.draw import DrawnQuestion
from studyapp.domain.exams.scoring import normalise_answer, paper_shape, score_item, score_paper
from studyapp.domain.exams.snapshot import snapshot
from studyapp.domain.questions import AnswerForm, BadAnswer, ItemSnapshot, Mark, question_type
from tests.content_fixtures import course_files, load


def _item(kind: str, **fields) -> ItemSnapshot:
    base = dict(question_id="q", type=kind, chapter="c", lesson="l", source="000", stem="?",
                explanation="e", points=2.0, part_id="p", section=0)  # fmt: skip
    base.update(fields)
    return ItemSnapshot(**base)


SINGLE = _item("single", options=("甲", "乙", "丙", "丁"), keys=(2,))
MULTIPLE = _item("multiple", options=("甲", "乙", "丙", "丁", "戊"), keys=(0, 2, 3))
PARTIAL = _item("multiple", options=("甲", "乙", "丙", "丁"), keys=(0, 2, 3), scoring="partial")
JUDGE = _item("judge", judge_answer=False)
SHORT = _item("short", key_points=("一", "二", "三", "四"), points=20.0)


@pytest.mark.parametrize(
    ("item", "answer", "expected"),
    [
        (SINGLE, "C", Mark(2.0, "right")),
        (SINGLE, "A", Mark(0.0, "wrong")),
        (SINGLE, None, Mark(0.0, "unanswered")),
        (JUDGE, False, Mark(2.0, "right")),
        (JUDGE, True, Mark(0.0, "wrong")),
        (MULTIPLE, ["A", "C", "D"], Mark(2.0, "right")),
        (MULTIPLE, ["A", "C"], Mark(0.0, "wrong")),  # 少选不得分
        (MULTIPLE, ["A", "B", "C", "D"], Mark(0.0, "wrong")),  # 多选不得分
        (MULTIPLE, ["B", "E"], Mark(0.0, "wrong")),  # 错选不得分
        (PARTIAL, ["A", "C", "D"], Mark(2.0, "right")),
        (PARTIAL, ["A", "C"], Mark(round(2.0 * 2 / 3, 4), "partial")),
        (PARTIAL, ["A", "B"], Mark(0.0, "wrong")),  # a wrong option voids the partial credit
        (SHORT, "我的答案", Mark(None, "pending")),
        (SHORT, None, Mark(0.0, "unanswered")),
    ],
)
def test_each_rule(item, answer, expected):
    assert score_item(item, answer) == expected


def test_short_answers_score_the_share_of_key_points_ticked():
    assert score_item(SHORT, "答", ticked=[0, 2, 3]) == Mark(15.0, "partial")
    assert score_item(SHORT, "答", ticked=[0, 1, 2, 3]) == Mark(20.0, "right")
    assert score_item(SHORT, "答", ticked=[]) == Mark(0.0, "wrong")
    assert score_item(SHORT, "答", ticked=[7, 0]) == Mark(5.0, "partial")  # unknown index ignored


def test_answers_are_normalised_or_refused():
    single, multiple, short = AnswerForm.of(SINGLE), AnswerForm.of(MULTIPLE), AnswerForm.of(SHORT)
    assert (single, multiple) == (AnswerForm("single", 4), AnswerForm("multiple", 5))
    assert AnswerForm.from_json(MULTIPLE.to_json()) == multiple
    assert normalise_answer(single, "c") == "C"
    assert normalise_answer(multiple, ["d", "A", "A"]) == ["A", "D"]
    assert normalise_answer(multiple, []) is None
    assert normalise_answer(short, "   ") is None
    for item, raw in [
        (SINGLE, "F"),
        (SINGLE, ["A"]),
        (MULTIPLE, "AC"),
        (JUDGE, "true"),
        (SHORT, 5),
    ]:
        with pytest.raises(BadAnswer):
            normalise_answer(AnswerForm.of(item), raw)


def test_snapshots_keep_shuffled_keys_mapped_back():
    syllabus = load(course_files()).syllabus
    question = syllabus.questions["basics.q002"]  # keys A and C of 甲乙丙丁
    quiz = syllabus.blueprints["quiz"]
    section = quiz.parts[0].sections[0]
    drawn = DrawnQuestion("basics.q002", "all", 0, 1.0, (3, 2, 1, 0))
    snap = snapshot(question, drawn, section)
    assert snap.options == ("丁", "丙", "乙", "甲")
    assert snap.keys == (1, 3) and question_type(snap.type).key_payload(snap) == ["B", "D"]
    assert snap.original_indexes([1, 3]) == (0, 2)
    assert ItemSnapshot.from_json(snap.to_json()) == snap


def _shape(pass_marks=(60, 60)):
    return {"title": "卷", "kind": "mock", "time_limit": 90, "parts": [
        {"id": "ethics", "title": "职业道德", "pass_mark": pass_marks[0], "sections": [{"type": "judge"}]},
        {"id": "theory", "title": "理论知识", "pass_mark": pass_marks[1], "sections": [{"type": "single"}]},
    ]}  # fmt: skip


def _marked(part: str, points: float, score: float, chapter: str = "c"):
    item = _item(
        "single", part_id=part, points=points, chapter=chapter, options=("a", "b"), keys=(0,)
    )
    return item, Mark(score, "right" if score else "wrong")


def test_each_part_must_reach_its_pass_mark():
    strong_theory = [_marked("ethics", 50, 50), _marked("ethics", 50, 0),
                     _marked("theory", 100, 100)]  # fmt: skip
    result = score_paper(_shape(), strong_theory)
    assert (result.score, result.total) == (150, 200)
    assert [part.passed for part in result.parts] == [False, True]
    assert result.passed is False
    both = score_paper(_shape(), [_marked("ethics", 100, 60), _marked("theory", 100, 60)])
    assert both.passed is True
    assert both.to_json()["parts"][0]["sections"][0] == {
        "score": 60,
        "total": 100,
        "count": 1,
        "right": 1,
    }


def test_pending_short_answers_leave_the_result_open_only_when_they_could_matter():
    pending = (SHORT.__class__(**{**SHORT.to_json(), "part_id": "theory"}), Mark(None, "pending"))
    open_result = score_paper(
        _shape(), [_marked("ethics", 100, 80), _marked("theory", 80, 40), pending]
    )
    assert open_result.passed is None and open_result.pending == 1
    already = score_paper(
        _shape(), [_marked("ethics", 100, 80), _marked("theory", 80, 70), pending]
    )
    assert already.passed is True  # 70 ≥ 60 whatever the short answer scores


def test_points_per_chapter():
    result = score_paper(_shape(), [_marked("ethics", 4, 4, "a"), _marked("theory", 1, 0, "b"),
                                    _marked("theory", 1, 1, "b")])  # fmt: skip
    assert {c: (t.score, t.total, t.right) for c, t in result.chapters.items()} == {
        "a": (4, 4, 1), "b": (1, 2, 1)}  # fmt: skip


def test_paper_shape_keeps_what_scoring_needs():
    syllabus = load(course_files()).syllabus
    shape = paper_shape(syllabus.blueprints["quiz"])
    assert shape["parts"][0]["pass_mark"] == 1 and shape["time_limit"] == 10
    assert shape["parts"][0]["sections"][0]["scoring"] == "all_or_nothing"


def test_a_voided_question_gives_everyone_full_marks():
    voided = ItemSnapshot(**{**SINGLE.to_json(), "voided": True})
    assert score_item(voided, "A") == Mark(2.0, "right")
    assert score_item(voided, None) == Mark(2.0, "right")


def test_original_keys():
    assert question_type("judge").original_keys(JUDGE) == (1,)
    shuffled = ItemSnapshot(**{**SINGLE.to_json(), "permutation": (3, 1, 0, 2)})
    assert question_type("single").original_keys(shuffled) == (0,)  # shown C is original 0
