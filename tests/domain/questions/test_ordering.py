"""排序题 end to end in the domain: reading, drawing, snapshots, answers, scoring, readiness,
interchange (CSV and YAML carry it; GIFT and Aiken cannot, and say so by skipping)."""

from __future__ import annotations

import random

import pytest

from studyapp.domain.content.interchange import formats
from studyapp.domain.content.interchange.draft import draft_of
from studyapp.domain.exams.draw import DrawnQuestion, draw_paper
from studyapp.domain.exams.scoring import normalise_answer, score_item
from studyapp.domain.exams.snapshot import practice_snapshot, snapshot
from studyapp.domain.questions import AnswerForm, BadAnswer, Mark, question_type
from studyapp.domain.readiness.mastery import chance_right, curve_of
from studyapp.domain.readiness.parameters import DEFAULT_PARAMETERS
from tests.content_fixtures import course_files, load

ORDERING = """
- id: basics.q005
  type: ordering
  stem: 将四个步骤按先后排列。
  items: [第一步, 第二步, 第三步, 第四步]
  explanation: 先一后二，再三后四。
  source: "000"
  lesson: basics.intro
  tags: [排序]
"""
QUIZ = """id: steps
title: 排序
kind: practice
parts:
  - id: p
    title: 排序
    pass_mark: 1
    sections:
      - type: ordering
        count: 1
        points: 2
        from:
          - chapter: basics
"""


def _course(extra: str = ORDERING) -> dict:
    files = course_files()
    files["chapters/basics/questions.yaml"] += extra
    files["exams/steps.yaml"] = QUIZ
    return files


@pytest.fixture
def syllabus():
    result = load(_course())
    assert result.problems == ()
    return result.syllabus


def test_it_is_read_with_its_items_in_the_right_order(syllabus):
    question = syllabus.questions["basics.q005"]
    assert question.type == "ordering"
    assert question.items == ("第一步", "第二步", "第三步", "第四步")


@pytest.mark.parametrize(
    ("items", "message"),
    [("[一, 二]", "`items` 只有 2 项"), ("[一, 二, 二]", "出现了两次"),
     ("[a, b, c, d, e, f, g, h, i]", "排序题有 9 项，太多")],
)  # fmt: skip
def test_a_bad_list_of_items_is_reported_at_its_line(items, message):
    problems = load(_course(ORDERING.replace("[第一步, 第二步, 第三步, 第四步]", items))).problems
    assert any(message in p.message and p.line for p in problems), [str(p) for p in problems]


def test_a_drawn_paper_shows_it_shuffled_and_keeps_the_order_as_its_key(syllabus):
    blueprint = syllabus.blueprints["steps"]
    (drawn,) = draw_paper(blueprint, syllabus.questions.values(), random.Random(4))
    assert drawn.permutation != (0, 1, 2, 3)  # never shown already in order
    section = blueprint.parts[0].sections[0]
    snap = snapshot(syllabus.questions["basics.q005"], drawn, section)
    right = ["ABCD"[i] for i in snap.keys]
    assert [snap.options["ABCD".index(letter)] for letter in right] == [
        "第一步",
        "第二步",
        "第三步",
        "第四步",
    ]
    assert score_item(snap, right) == Mark(2.0, "right")
    assert score_item(snap, right[::-1]) == Mark(0.0, "wrong")
    assert score_item(snap, None) == Mark(0.0, "unanswered")
    assert question_type("ordering").key_payload(snap) == right


def test_answers_must_place_every_item_once():
    form = AnswerForm("ordering", 4)
    assert normalise_answer(form, ["c", "a", "d", "b"]) == ["C", "A", "D", "B"]
    assert normalise_answer(form, None) is None
    for bad in (["A", "B", "C"], ["A", "A", "B", "C"], "ABCD", ["A", "B", "C", "E"], [1, 2, 3, 4]):
        with pytest.raises(BadAnswer):
            normalise_answer(form, bad)


class _Form(dict):
    def getlist(self, key):
        return [self[key]] if key in self else []


def test_a_page_posts_one_position_per_item():
    kind = question_type("ordering")
    posted = _Form({"answer-A": "3", "answer-B": "1", "answer-C": "4", "answer-D": "2"})
    assert kind.answer_from_form(posted, "answer") == ["B", "D", "A", "C"]
    assert kind.answer_from_form(_Form({f"answer-{x}": "" for x in "ABCD"}), "answer") is None
    twice = _Form({"answer-A": "1", "answer-B": "1", "answer-C": "2", "answer-D": "3"})
    with pytest.raises(BadAnswer):
        normalise_answer(AnswerForm("ordering", 4), kind.answer_from_form(twice, "answer"))


def test_practice_shows_it_shuffled_the_same_way_every_time(syllabus):
    question = syllabus.questions["basics.q005"]
    first, again = practice_snapshot(question), practice_snapshot(question)
    assert first.options == again.options and first.options != question.items


def test_a_guess_rarely_scores_and_knowledge_does(syllabus):
    kind = curve_of("ordering")
    assert chance_right(kind, 0.0, DEFAULT_PARAMETERS) == pytest.approx(1 / 24)
    assert chance_right(kind, 1.0, DEFAULT_PARAMETERS) == pytest.approx(1.0)


def test_csv_and_yaml_carry_it_both_ways_gift_and_aiken_skip_it(syllabus):
    question = syllabus.questions["basics.q005"]
    for name in ("csv", "yaml"):
        if name == "yaml":
            from studyapp.domain.content.interchange import yaml_list

            text = yaml_list.write([draft_of(question)])
        else:
            text, skipped = formats.export_chapter(syllabus, "basics", name)
            assert skipped == 0
        result = formats.read_file(text.encode(), f"bank.{name}", name)
        (draft,) = [d for d in result.drafts if d.type == "ordering"]
        assert draft == draft_of(question), name
    for name in ("gift", "aiken"):
        text, skipped = formats.export_chapter(syllabus, "basics", name)
        assert skipped >= 1 and "第一步" not in text, name


def test_regrading_maps_a_corrected_order_onto_the_shown_letters(syllabus):
    question = syllabus.questions["basics.q005"]
    blueprint = syllabus.blueprints["steps"]
    drawn = DrawnQuestion("basics.q005", "p", 0, 2.0, (2, 0, 3, 1))
    snap = snapshot(question, drawn, blueprint.parts[0].sections[0])
    assert snap.options == ("第三步", "第一步", "第四步", "第二步")
    assert ["ABCD"[i] for i in snap.keys] == ["B", "D", "A", "C"]
    regraded = question_type("ordering").with_key(snap, question)
    assert regraded.keys == snap.keys and regraded.options == snap.options
