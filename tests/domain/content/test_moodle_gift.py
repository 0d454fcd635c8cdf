"""Moodle's own GIFT example and fixture files (tests/fixtures/moodle_gift, see SOURCE.md):
every item the course can represent imports with Moodle's meaning, the rest is reported by line,
and every lossy step is a warning on the item's line."""

from pathlib import Path

import pytest

from studyapp.domain.content.interchange import Defaults, gift, plan_append, read_file
from studyapp.domain.content.interchange.rejects import rejects_text
from tests.domain.content.test_interchange_append import _files

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "moodle_gift"
# file → (items in it, items that land in an empty chapter, refused, skipped as repeats)
COUNTS = {
    "examples.txt": (43, 21, 7, 15),
    "questions.gift.txt": (9, 5, 3, 1),
    "questions_in_category.gift.txt": (4, 3, 1, 0),
}


def _read(name: str):
    return gift.read((FIXTURES / name).read_text("utf-8"), name)


def _by_title(result, title: str):
    return [d for d in result.drafts if d.title == title]


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_every_item_lands_or_is_reported_by_line(name):
    items, landing, refused, skipped = COUNTS[name]
    data = (FIXTURES / name).read_bytes()
    result = read_file(data, name, "gift")
    assert len(result.spans) == items
    plan = plan_append(_files(), "basics", result, Defaults("000"), upload=name, partial=True)
    assert plan.ok and not plan.blocking
    assert (len(plan.drafts), len(plan.rejected), len(plan.skipped)) == (landing, refused, skipped)
    assert all(problem.line for problem in (*plan.problems, *plan.skipped))
    rejected = rejects_text(data.decode(), "gift", result, plan)
    assert rejected.count("// 未导入：") >= refused
    again = gift.read(rejected, "rejects")  # the rejects file is GIFT again, with nothing new
    assert len(again.problems) == refused and again.drafts == ()


def test_partial_credit_is_never_a_key():
    result = _read("examples.txt")
    (hometown,) = [d for d in _by_title(result, "Jesus' hometown") if d.type == "single"]
    assert hometown.options == ("Jerusalem", "Bethlehem", "Galilee", "Nazareth")
    assert hometown.keys == {3} and hometown.stem == "Jesus Christ was from （  ）."
    warned = [w.message for w in result.warnings if w.line == hometown.line]
    assert any("“Bethlehem”（25%）、“Galilee”（50%）" in m for m in warned)
    assert any("反馈已并入解析" in m for m in warned)
    assert "Nazareth：Yes! That's right!" in hometown.explanation


def test_short_answers_become_fill_with_only_full_credit_answers():
    result = _read("examples.txt")
    (spelling,) = [d for d in _by_title(result, "Jesus' hometown") if d.type == "fill"]
    assert spelling.accepted == ("Nazareth",)
    assert any("“Nazereth”（75%）" in w.message for w in result.warnings if w.line == spelling.line)
    two = next(d for d in result.drafts if d.stem == "Two plus two equals （  ）.")
    assert (two.type, two.accepted, two.is_draft) == ("fill", ("four", "4"), True)
    animal = _by_title(_read("questions.gift.txt"), "Shortanswer")[0]
    assert animal.accepted == ("Frog",)  # =%50%Cat and =%0%* are not right answers


def test_weights_summing_to_100_make_a_multiple_question():
    colours = _by_title(_read("questions.gift.txt"), "colours")[0]
    assert (colours.type, colours.id, colours.keys) == ("multiple", "colours", {0, 2})
    result = _read("examples.txt")
    tombs = [d for d in result.drafts if d.stem.startswith("What two people")]
    assert tombs[0].keys == {1, 2} and tombs[0].type == "multiple"


def test_stray_text_after_a_block_html_links_and_entities():
    result = _read("questions.gift.txt")
    judge = _by_title(result, "Q1")[0]
    assert judge.stem == "42 is the Absolute Answer to everything." and judge.answer is False
    assert any('“";”' in w.message for w in result.warnings if w.item == "Q1")
    category = _read("questions_in_category.gift.txt")
    greeting = _by_title(category, "Greeting")[0]
    assert greeting.stem == "Listen to this greeting:\n\nWhat language is being spoken?"
    assert greeting.keys == {1}
    assert any("bonjour.mp3" in w.message for w in category.warnings if w.item == "Greeting")
    spaced = gift.read("[html]A&nbsp;B{=甲 ~乙 ####因为。}", "x").drafts[0]
    assert spaced.stem == "A B"


def test_what_the_course_cannot_represent_is_refused_by_line():
    result = _read("questions.gift.txt")
    refused = {(p.line, p.message.split("（")[0]) for p in result.problems}
    assert refused == {(2, "论述题"), (5, "配对题"), (31, "数值题")}
