"""Every class of content problem, reported with its file and line; a clean course loads."""

import pytest

from studyapp.domain.content import model
from tests.content_fixtures import course_files, load

CARDS = "chapters/basics/cards.yaml"
QUESTIONS = "chapters/basics/questions.yaml"
LESSON = "chapters/basics/lessons/01-intro.md"
QUIZ = "exams/quiz.yaml"


def _edit(files: dict, name: str, old: str, new: str) -> dict:
    assert old in files[name], f"{old!r} not in {name}"
    files[name] = files[name].replace(old, new, 1)
    return files


def test_the_minimal_course_loads_typed_and_immutable():
    result = load(course_files())
    assert result.problems == ()
    syllabus = result.syllabus
    assert syllabus.course.title == "演示课程"
    assert [c.id for c in syllabus.chapter_list()] == ["basics"]
    single = syllabus.questions["basics.q001"]
    assert isinstance(single, model.ChoiceQuestion) and single.keys == frozenset({1})
    assert syllabus.questions["basics.q002"].keys == frozenset({0, 2})
    assert syllabus.questions["basics.q003"].answer is True
    cloze = syllabus.cards["basics.card.two"]
    assert cloze.deletions == (model.Deletion("70%", None),)
    assert syllabus.cards["basics.card.three"].members == ("甲", "乙", "丙", "丁")
    assert single.levels == frozenset({2})  # from the chapter
    assert single.file == QUESTIONS and single.line == 1
    assert syllabus.questions["basics.q002"].line == 9
    with pytest.raises(TypeError):
        syllabus.questions["new"] = single
    with pytest.raises(AttributeError):
        single.stem = "changed"  # type: ignore[misc]
    assert len(result.content_hash) == 64


def test_the_content_hash_follows_the_files():
    files = course_files()
    first = load(files).content_hash
    assert load(course_files()).content_hash == first
    _edit(files, QUESTIONS, "单选？", "单选题？")
    assert load(files).content_hash != first


# (what is broken, file, old text, new text, expected file, expected line, words in the message)
CASES = [
    (
        "yaml syntax",
        QUESTIONS,
        "  answer: B\n",
        "  answer: B\n    oops: [\n",
        QUESTIONS,
        6,
        "YAML 把它当成了又一个字段",
    ),
    (
        "unknown field",
        QUESTIONS,
        "  answer: B",
        "  anwser: B",
        QUESTIONS,
        5,
        "未知字段 `anwser`，是否想写 `answer`",
    ),
    (
        "missing field",
        QUESTIONS,
        '  explanation: 因为。\n  source: "000"\n  lesson: basics.intro\n- id: basics.q002',
        '  source: "000"\n  lesson: basics.intro\n- id: basics.q002',
        QUESTIONS,
        1,
        "缺少必填字段 `explanation`",
    ),
    (
        "wrong type",
        QUESTIONS,
        "  options: [甲, 乙, 丙, 丁]\n  answer: B",
        "  options: 甲乙丙丁\n  answer: B",
        QUESTIONS,
        4,
        "`options` 应为列表",
    ),
    (
        "duplicate id",
        QUESTIONS,
        "- id: basics.q002",
        "- id: basics.q001",
        QUESTIONS,
        9,
        "id 重复：已在 chapters/basics/questions.yaml:1",
    ),
    (
        "duplicate id across kinds",
        CARDS,
        "- id: basics.card.one",
        "- id: basics.intro",
        CARDS,
        1,
        "id 重复",
    ),
    (
        "key not among options",
        QUESTIONS,
        "  answer: B",
        "  answer: E",
        QUESTIONS,
        5,
        "答案“E”不在选项之中",
    ),
    (
        "single with two keys",
        QUESTIONS,
        "  answer: B",
        "  answer: [A, B]",
        QUESTIONS,
        5,
        "单选题只能有一个答案",
    ),
    (
        "multiple with one key",
        QUESTIONS,
        "  answer: [A, C]",
        "  answer: [A]",
        QUESTIONS,
        13,
        "多选题只有 1 个正确选项",
    ),
    (
        "judge not true/false",
        QUESTIONS,
        "  answer: true",
        "  answer: yes",  # 对/错 are accepted; YAML 1.1's yes/no are ambiguous
        QUESTIONS,
        20,
        "不是 true/false",
    ),
    (
        "cloze without deletion",
        CARDS,
        "  text: 服务业占比约 {{70%}}。",
        "  text: 服务业占比约 70%。",
        CARDS,
        9,
        "填空卡没有挖空",
    ),
    (
        "cloze unbalanced",
        CARDS,
        "  text: 服务业占比约 {{70%}}。",
        "  text: 服务业占比约 {{70%}}。{{",
        CARDS,
        9,
        "不成对",
    ),
    (
        "list card with one member",
        CARDS,
        "  items: [甲, 乙, 丙, 丁]",
        "  items: [甲]",
        CARDS,
        15,
        "`items` 只有 1 项",
    ),
    (
        "list card repeats a member",
        CARDS,
        "  items: [甲, 乙, 丙, 丁]",
        "  items: [甲, 乙, 甲]",
        CARDS,
        15,
        "出现了两次",
    ),
    (
        "broken lesson link",
        QUESTIONS,
        '  answer: true\n  explanation: 因为。\n  source: "000"\n  lesson: basics.intro',
        '  answer: true\n  explanation: 因为。\n  source: "000"\n  lesson: basics.nope',
        QUESTIONS,
        23,  # the `lesson:` line, not the item's first line
        "链接的课文“basics.nope”不存在",
    ),
    (
        "bad source",
        QUESTIONS,
        '  source: "000"\n  lesson: basics.intro\n- id: basics.q002',
        '  source: "P16"\n  lesson: basics.intro\n- id: basics.q002',
        QUESTIONS,
        7,
        "`source` 的格式不对",
    ),
    (
        "source not in course sources",
        CARDS,
        '  back: 答\n  source: "000"',
        '  back: 答\n  source: "009 P3"',
        CARDS,
        1,
        "不在 course.yaml 的 sources 或 references 中",
    ),
    (
        "unknown question type",
        QUESTIONS,
        "  type: single",
        "  type: essay",
        QUESTIONS,
        2,
        "未知或缺少类型 type: essay",
    ),
    (
        "unknown level",
        QUESTIONS,
        "  type: judge\n",
        "  type: judge\n  levels: [5]\n",
        QUESTIONS,
        19,
        "`levels` 含课程中没有的等级：5",
    ),
    (
        "duplicate key",
        QUESTIONS,
        "  stem: 判断。\n",
        "  stem: 判断。\n  stem: 再判断。\n",
        QUESTIONS,
        20,
        "字段 `stem` 重复出现",
    ),
    (
        "all of the above",
        QUESTIONS,
        "  options: [甲, 乙, 丙, 丁]\n  answer: B",
        "  options: [甲, 乙, 丙, 以上都对]\n  answer: B",
        QUESTIONS,
        4,
        "“以上都对/都不对”式选项",
    ),
    (
        "bad id",
        QUESTIONS,
        "- id: basics.q004",
        "- id: Basics Q4",
        QUESTIONS,
        24,
        "id “Basics Q4” 不合规则",
    ),
    (
        "short with one key point",
        QUESTIONS,
        "  key_points: [一, 二]",
        "  key_points: [一]",
        QUESTIONS,
        28,
        "`key_points` 只有 1 项",
    ),
    (
        "lesson without key points",
        LESSON,
        "## 要点回顾",
        "## 小结",
        LESSON,
        8,
        "没有以“要点回顾”一节结尾",
    ),
    (
        "lesson without front matter",
        LESSON,
        "---\nid: basics.intro",
        "id: basics.intro",
        LESSON,
        1,
        "缺少开头的 YAML 信息块",
    ),
    ("lesson missing title", LESSON, "title: 引言\n", "", LESSON, 2, "缺少必填字段 `title`"),
    (
        "chapter id differs from folder",
        "chapters/basics/chapter.yaml",
        "id: basics",
        "id: basic",
        "chapters/basics/chapter.yaml",
        1,
        "与文件夹名不同",
    ),
    (
        "chapter missing on disk",
        "course.yaml",
        "  - basics\n",
        "  - basics\n  - missing\n",
        "course.yaml",
        11,
        "课程列出的章节“missing”在磁盘上不存在",
    ),
    (
        "blueprint larger than its pool",
        QUIZ,
        "        count: 1",
        "        count: 5",
        QUIZ,
        11,  # the section's `count:` line
        "要抽 5 道，题库只有 1 道可用",
    ),
    (
        "blueprint from an unknown chapter",
        QUIZ,
        "- chapter: basics",
        "- chapter: nowhere",
        QUIZ,
        1,
        "章节“nowhere”不存在",
    ),
    (
        "blueprint pass mark above total",
        QUIZ,
        "pass_mark: 1",
        "pass_mark: 5",
        QUIZ,
        8,
        "及格线 5 高于本部分总分 1",
    ),
    ("blueprint unknown kind", QUIZ, "kind: quiz", "kind: exam", QUIZ, 3, "`kind` 的值“exam”无效"),
    (
        "blueprint scoring on a single section",
        QUIZ,
        "        points: 1\n",
        "        points: 1\n        scoring: partial\n",
        QUIZ,
        13,
        "`scoring` 只用于多选题",
    ),
    (
        "blueprint count not a number",
        QUIZ,
        "        count: 1",
        "        count: many",
        QUIZ,
        11,
        "`count` 应为整数",
    ),
]


@pytest.mark.parametrize(
    ("name", "edited", "old", "new", "file", "line", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_each_problem_names_file_line_and_what(name, edited, old, new, file, line, words):
    files = _edit(course_files(), edited, old, new)
    result = load(files)
    assert result.syllabus is None
    matching = [p for p in result.problems if words in p.message]
    assert matching, f"no problem mentions {words!r}: {[str(p) for p in result.problems]}"
    assert (matching[0].file, matching[0].line) == (file, line), str(matching[0])


def test_problems_carry_the_item_id_and_what_was_expected():
    files = _edit(course_files(), QUESTIONS, "  answer: B", "  answer: E")
    (problem,) = load(files).problems
    assert problem.item == "basics.q001"
    assert "A、B、C、D" in problem.expected
    assert str(problem).startswith("chapters/basics/questions.yaml:5: [basics.q001] ")


def test_all_problems_are_collected_in_one_pass():
    files = course_files()
    _edit(files, QUESTIONS, "  answer: B", "  answer: E")
    _edit(files, CARDS, "  text: 服务业占比约 {{70%}}。", "  text: 服务业占比约 70%。")
    _edit(files, LESSON, "## 要点回顾", "## 小结")
    files["chapters/stray/chapter.yaml"] = "id: stray\ntitle: 多余\n"
    problems = load(files).problems
    assert {p.file for p in problems} == {QUESTIONS, CARDS, LESSON, "chapters/stray"}


def test_a_file_that_is_not_utf8_is_reported():
    files = course_files()
    files[CARDS] = "- id: basics.card.one\n  front: 问".encode("gb18030")
    problems = load(files).problems
    assert any(p.file == CARDS and "UTF-8" in p.message for p in problems)


def test_a_missing_course_file_is_reported():
    files = course_files()
    del files["course.yaml"]
    (problem,) = load(files).problems
    assert problem.file == "course.yaml" and "找不到课程文件" in problem.message


def test_retired_items_stay_loaded_but_leave_the_pools():
    files = _edit(
        course_files(), QUESTIONS, "- id: basics.q001\n", "- id: basics.q001\n  retired: true\n"
    )
    result = load(files)
    # the quiz needs one single question and the only one is retired
    assert any("题库只有 0 道可用" in p.message for p in result.problems)
    files = _edit(course_files(), QUIZ, "id: quiz\n", "id: quiz\nretired: true\n")
    _edit(files, QUESTIONS, "- id: basics.q001\n", "- id: basics.q001\n  retired: true\n")
    syllabus = load(files).syllabus
    assert syllabus.questions["basics.q001"].retired
    assert "basics.q001" not in {q.id for q in syllabus.questions_of("basics")}
    assert "basics.q001" in {q.id for q in syllabus.questions_of("basics", include_retired=True)}


def test_an_item_linking_a_retired_lesson_is_reported():
    files = _edit(course_files(), LESSON, "title: 引言\n", "title: 引言\nretired: true\n")
    problems = load(files).problems
    assert any("已停用" in p.message and p.file == CARDS for p in problems)


REFERENCES = 'sources:\n  "000": 通关宝典\nreferences:\n  xfz-law: 《中华人民共和国消费者权益保护法》（2013 年修正）\n'


def _with_references(source: str) -> dict:
    files = _edit(course_files(), "course.yaml", 'sources:\n  "000": 通关宝典\n', REFERENCES)
    return _edit(files, CARDS, '  back: 答\n  source: "000"', f'  back: 答\n  source: "{source}"')


@pytest.mark.parametrize(
    "source", ["xfz-law", "xfz-law 第二十四条", "000 P3; xfz-law 第二十四条", "000；xfz-law"]
)
def test_a_source_may_name_a_listed_reference_with_a_locator(source):
    result = load(_with_references(source))
    assert result.problems == ()
    course = result.syllabus.course
    assert course.references["xfz-law"].startswith("《中华人民共和国消费者权益保护法》")
    assert course.unresolved_sources(source) == []


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "gb-law 第一条",
            "出处“gb-law 第一条”的资料编号不在 course.yaml 的 sources 或 references 中",
        ),
        ("000 P3; nope", "出处“nope”的资料编号不在 course.yaml 的 sources 或 references 中"),
        ("Xfz 第一条", "`source` 的格式不对：“Xfz 第一条”"),
        ("000 P3;", None),
    ],
)
def test_an_unlisted_or_malformed_reference_is_reported_at_its_line(source, message):
    problems = load(_with_references(source)).problems
    if message is None:
        assert problems == ()
        return
    assert [(p.file, p.message) for p in problems] == [(CARDS, message)]


def test_a_reference_without_a_citation_is_reported_in_course_yaml():
    files = _edit(
        course_files(),
        "course.yaml",
        'sources:\n  "000": 通关宝典\n',
        REFERENCES + "  bad-ref: x\n",
    )
    problems = load(files).problems
    assert [(p.file, p.line, p.message) for p in problems] == [
        ("course.yaml", 11, "参考文献“bad-ref”缺少完整出处")
    ]
