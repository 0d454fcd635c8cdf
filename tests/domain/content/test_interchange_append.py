"""Planning an import: ids, defaults, and the whole course checked with the new questions."""

from studyapp.domain.content import ContentFiles, load_syllabus
from studyapp.domain.content.interchange import Defaults, plan_append, read_file
from tests.content_fixtures import QUESTIONS, course_files

NAME = "chapters/basics/questions.yaml"


def _files(**changes: str) -> ContentFiles:
    files = course_files() | changes
    return ContentFiles({name: text.encode() for name, text in files.items()})


def _plan(text: str, upload: str = "bank.gift", files=None, **defaults):
    result = read_file(text.encode(), upload)
    return plan_append(files or _files(), "basics", result, Defaults(**defaults), upload=upload)


def test_appends_numbered_questions_that_load_with_the_course():
    plan = _plan("新单选？{=甲 ~乙 ~丙 ~丁 ####因为。}\n\n新判断。{T####因为。}", source="000 P3")
    assert plan.ok, plan.problems
    assert [d.id for d in plan.drafts] == ["basics.q005", "basics.q006"]
    assert plan.text.startswith(QUESTIONS)
    loaded = load_syllabus(ContentFiles({**dict(_files().items()), NAME: plan.text.encode()}))
    assert loaded.ok, loaded.problems
    question = loaded.syllabus.questions["basics.q005"]
    assert (question.source, question.lesson, question.keys) == ("000 P3", "basics.intro", {0})
    assert loaded.syllabus.questions["basics.q006"].answer is True


def test_numbers_continue_after_the_highest_id_and_keep_given_ids():
    files = _files(**{NAME: QUESTIONS.replace("basics.q004", "basics.q041")})
    text = "id,type,stem,answer,explanation,source\n,judge,一。,对,因为。,000\nbasics.q100,judge,二。,错,因为。,000\n,judge,三。,对,因为。,000\n"
    plan = _plan(text, "bank.csv", files)
    assert plan.ok, plan.problems
    assert [d.id for d in plan.drafts] == ["basics.q101", "basics.q100", "basics.q102"]


def test_lesson_comes_from_the_file_then_the_option_then_the_first_lesson():
    text = "type,stem,answer,explanation,source,lesson\njudge,一。,对,因为。,000,basics.more\njudge,二。,对,因为。,000,\n"
    assert [d.lesson for d in _plan(text, "b.csv").drafts] == ["basics.more", "basics.intro"]
    chosen = _plan(text, "b.csv", lesson="basics.more")
    assert [d.lesson for d in chosen.drafts] == ["basics.more", "basics.more"]


def test_checker_problems_point_at_the_line_of_the_imported_file():
    text = "好题？{=甲 ~乙 ####因为。}\n\n// 重复的选项\n坏题？{=甲 ~甲 ~以上都对 ####因为。}\n"
    plan = _plan(text, source="000 P3", lesson="basics.nope")
    assert not plan.ok
    found = {(p.file, p.line, p.item, p.message) for p in plan.problems}
    assert ("bank.gift", 4, "basics.q006", "`options` 中“甲”出现了两次") in found
    assert ("bank.gift", 1, "basics.q005", "链接的课文“basics.nope”不存在") in found
    # The checker looks at a question's links once the question itself reads cleanly.
    assert ("bank.gift", 4, "basics.q006", "链接的课文“basics.nope”不存在") not in found


def test_a_missing_source_is_reported_per_question_with_the_rest():
    plan = _plan("一？{=甲 ~乙 ####因为。}\n\n二？{=甲 ~甲 ####因为。}\n")
    assert [(p.line, p.message) for p in plan.problems] == [
        (1, "缺少出处（source）"),
        (3, "缺少出处（source）"),
        (3, "`options` 中“甲”出现了两次"),
    ]


def test_an_id_already_in_the_chapter_is_skipped_with_a_message():
    text = "id,type,stem,answer,explanation,source\nbasics.q001,judge,一。,对,因为。,000\n"
    plan = _plan(text, "b.csv")
    assert not plan.ok and plan.drafts == ()
    (skipped,) = plan.skipped
    assert (skipped.file, skipped.line, skipped.item) == ("b.csv", 2, "basics.q001")
    assert skipped.message == "本章已有这道题（basics.q001），跳过"


def test_an_id_used_by_another_item_is_refused():
    text = "id,type,stem,answer,explanation,source\nbasics.card.one,judge,新的一。,对,因为。,000\n"
    problem = _plan(text, "b.csv").problems[0]
    assert (problem.file, problem.line, problem.item) == ("b.csv", 2, "basics.card.one")
    assert problem.message.startswith("id 重复：已在 chapters/basics/cards.yaml:")


def test_a_source_outside_the_course_is_refused():
    text = "type,stem,answer,explanation,source\njudge,一。,对,因为。,009 P1\n"
    messages = [p.message for p in _plan(text, "b.csv").problems]
    assert messages == ["出处“009 P1”的资料编号不在 course.yaml 的 sources 或 references 中"]


def test_reader_problems_and_checker_problems_come_together():
    plan = _plan("题？{#5:1}\n\n好题？{=甲 ~甲 ####因为。}", source="000")
    assert [(p.line, p.message[:3]) for p in plan.problems] == [(1, "数值题"), (3, "`op")]


def test_unknown_chapter_broken_course_and_empty_file_are_refused():
    result = read_file("题？{T####因为。}".encode(), "b.gift")
    unknown = plan_append(_files(), "nope", result, upload="b.gift")
    assert "课程中没有章节“nope”" in unknown.problems[0].message
    broken = _files(**{NAME: QUESTIONS.replace("answer: B", "answer: E")})
    plan = plan_append(broken, "basics", result, Defaults("000"), upload="b.gift")
    assert any(p.file == NAME and p.line == 5 for p in plan.problems)
    assert _plan("// 只有注释\n").problems[0].message == "文件中没有可导入的题目"


def test_a_chapter_without_questions_file_gets_one():
    files = {n: t for n, t in course_files().items() if n not in (NAME, "exams/quiz.yaml")}
    content = ContentFiles({n: t.encode() for n, t in files.items()})
    plan = _plan("判断。{T####因为。}", files=content, source="000")
    assert plan.ok, plan.problems
    assert plan.text.startswith("- id: basics.q001\n")
