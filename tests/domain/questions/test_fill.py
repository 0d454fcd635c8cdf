"""填空题 end to end in the domain: reading, drawing, snapshots, answers, scoring, readiness,
interchange (YAML, CSV and GIFT carry it; Aiken cannot)."""

from __future__ import annotations

import random

import pytest

from studyapp.domain.content.interchange import READERS, WRITERS
from studyapp.domain.content.interchange.draft import draft_of
from studyapp.domain.exams.draw import draw_paper
from studyapp.domain.exams.scoring import normalise_answer, score_item
from studyapp.domain.exams.snapshot import snapshot
from studyapp.domain.questions import AnswerForm, BadAnswer, Mark, question_type
from studyapp.domain.readiness.mastery import chance_right, curve_of
from studyapp.domain.readiness.parameters import DEFAULT_PARAMETERS
from tests.content_fixtures import course_files, load

FILL = """
- id: basics.q005
  type: fill
  stem: 服务的特性之一是（  ）。
  answers: [无形性, Intangibility]
  explanation: 服务看不见摸不着。
  source: "000"
  lesson: basics.intro
"""
QUIZ = """id: words
title: 填空
kind: practice
parts:
  - id: p
    title: 填空
    pass_mark: 1
    sections:
      - type: fill
        count: 1
        points: 2
        from:
          - chapter: basics
"""


def _course(extra: str = FILL) -> dict:
    files = course_files()
    files["chapters/basics/questions.yaml"] += extra
    files["exams/words.yaml"] = QUIZ
    return files


@pytest.fixture
def syllabus():
    result = load(_course())
    assert result.problems == ()
    return result.syllabus


def test_it_is_read_with_its_accepted_answers(syllabus):
    question = syllabus.questions["basics.q005"]
    assert (question.type, question.answers) == ("fill", ("无形性", "Intangibility"))


@pytest.mark.parametrize(
    ("answers", "message"),
    [("[]", "`answers` 只有 0 项"), ("[甲, 甲]", "出现了两次"),
     ("[" + ", ".join(str(i) for i in range(11)) + "]", "可接受的答案有 11 个，太多")],
)  # fmt: skip
def test_a_bad_list_of_answers_is_reported_at_its_line(answers, message):
    problems = load(_course(FILL.replace("[无形性, Intangibility]", answers))).problems
    assert any(message in p.message and p.line == 36 for p in problems), [str(p) for p in problems]


def test_any_accepted_answer_scores_whatever_its_case_width_and_spacing(syllabus):
    blueprint = syllabus.blueprints["words"]
    (drawn,) = draw_paper(blueprint, syllabus.questions.values(), random.Random(1))
    snap = snapshot(syllabus.questions["basics.q005"], drawn, blueprint.parts[0].sections[0])
    for right in (
        "无形性",
        " 无形性。",
        "intangibility",
        "ＩＮＴＡＮＧＩＢＩＬＩＴＹ",
        "Intangi bility",
    ):
        assert score_item(snap, right) == Mark(2.0, "right"), right
    assert score_item(snap, "有形性") == Mark(0.0, "wrong")
    assert score_item(snap, None) == Mark(0.0, "unanswered")
    assert question_type("fill").key_payload(snap) == ["无形性", "Intangibility"]


def test_answers_are_short_text():
    form = AnswerForm("fill", 0)
    assert normalise_answer(form, " 无形性 ") == "无形性"
    assert normalise_answer(form, "   ") is None
    for bad in (["无形性"], 3, "字" * 201):
        with pytest.raises(BadAnswer):
            normalise_answer(form, bad)


def test_a_guess_does_not_score(syllabus):
    assert chance_right(curve_of("fill"), 0.0, DEFAULT_PARAMETERS) == pytest.approx(0.0)


@pytest.mark.parametrize("name", ["yaml", "csv", "gift"])
def test_every_format_but_aiken_carries_it(syllabus, name):
    draft = draft_of(syllabus.questions["basics.q005"])
    assert READERS[name](WRITERS[name]([draft]), "x").drafts == (draft,)
    assert "aiken" not in question_type("fill").formats
