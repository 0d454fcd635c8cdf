"""YAML problems a trainer can act on: the root cause first, on its own line, in Chinese, with
the fix; no follow-on problems; YAML 1.1's yes/no reported; 对/错 accepted as in CSV."""

import pytest

from tests.content_fixtures import CHAPTER, LESSON, QUESTIONS, course_files, load

LESSON_FILE = "chapters/basics/lessons/01-intro.md"
QUESTIONS_FILE = "chapters/basics/questions.yaml"


def _problems(**changes):
    files = course_files()
    for name, (old, new) in changes.items():
        path = {"lesson": LESSON_FILE, "questions": QUESTIONS_FILE,
                "chapter": "chapters/basics/chapter.yaml"}[name]  # fmt: skip
        assert old in files[path]
        files[path] = files[path].replace(old, new, 1)
    return load(files).problems


def test_a_full_width_colon_in_a_lesson_header_is_one_problem_on_its_line():
    problems = _problems(lesson=("title: 引言", "title：引言"))
    assert [(p.file, p.line) for p in problems] == [(LESSON_FILE, 3)]
    assert "全角冒号“：”" in problems[0].message and "title: " in problems[0].expected


def test_a_full_width_colon_in_questions_points_at_its_line():
    (problem,) = _problems(questions=("  stem: 多选？", "  stem：多选？"))
    assert (problem.file, problem.line) == (QUESTIONS_FILE, 11)
    assert "全角冒号" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "line", "message", "expected"),
    [
        ("  stem: 单选？", "\tstem: 单选？", 3, "Tab", "空格"),
        ("  stem: 单选？", "  stem: 时间: 上午？", 3, "又一个字段", "加引号"),
        ("  stem: 单选？", '  stem: "单选？', 3, "引号没有闭合", "成对"),
    ],
)
def test_syntax_problems_say_what_and_how_to_fix(old, new, line, message, expected):
    (problem,) = _problems(questions=(old, new))
    assert problem.line == line and message in problem.message and expected in problem.expected
    assert not any(ord(char) < 128 and char.isalpha() for char in problem.message.split("`")[0][:4])


def test_an_unclosed_lesson_header_is_named_as_such_without_follow_ons():
    problems = _problems(lesson=("---\n正文", "正文"))
    assert [(p.line, p.message) for p in problems] == [
        (1, "课文开头的信息块没有结束：找不到第二行 ---")
    ]


def test_a_chapter_id_unlike_its_folder_is_one_problem():
    problems = _problems(chapter=("id: basics", "id: basic"))
    assert [(p.file, p.line) for p in problems] == [("chapters/basics/chapter.yaml", 1)]


def test_a_number_with_leading_zeros_keeps_its_digits_where_text_is_expected():
    problems = _problems(questions=("  stem: 单选？", "  stem: 002"))
    assert problems == ()
    files = course_files()
    files[QUESTIONS_FILE] = QUESTIONS.replace("  stem: 单选？", "  stem: 002")
    assert load(files).syllabus.questions["basics.q001"].stem == "002"
    (bad_id,) = _problems(questions=("- id: basics.q001", "- id: 002"))
    assert bad_id.message == "id “002” 不合规则"


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes"])
def test_yaml_11_booleans_are_reported_where_text_is_expected(word):
    (problem,) = _problems(questions=("  stem: 单选？", f"  stem: {word}"))
    assert problem.line == 3 and f"写的是 {word}" in problem.message
    assert problem.expected == f'加引号："{word}"'


@pytest.mark.parametrize(("written", "answer"), [("对", True), ("错", False), ("正确", True)])
def test_judge_answers_take_dui_and_cuo_as_in_csv(written, answer):
    files = course_files()
    files[QUESTIONS_FILE] = QUESTIONS.replace("  answer: true", f"  answer: {written}")
    assert load(files).syllabus.questions["basics.q003"].answer is answer


def test_a_judge_answer_of_yes_is_reported():
    (problem,) = _problems(questions=("  answer: true", "  answer: yes"))
    assert problem.line == 20 and "对/错" in problem.expected


def test_a_file_in_another_encoding_says_where_and_to_save_as_utf8():
    files = course_files()
    files[QUESTIONS_FILE] = QUESTIONS.replace("判断。", "判断。").encode("gbk")
    (problem,) = load(files).problems
    assert problem.line == 3 and problem.message == "文件不是 UTF-8 编码"
    assert "另存为 UTF-8" in problem.expected


def test_unused_chapter_fixture_still_loads():
    assert CHAPTER and LESSON and load(course_files()).ok


def _lesson_body(body: str):
    files = course_files()
    files[LESSON_FILE] = LESSON.replace("正文。", body)
    return load(files)


def test_links_between_lessons_are_checked():
    assert _lesson_body("见[进阶](lesson:basics.more#小节)。").ok
    (problem,) = _lesson_body("正文。\n\n见[进阶](lesson:basics.nope)。").problems
    assert (problem.file, problem.line) == (LESSON_FILE, 8)
    assert problem.message == "链接的课文“basics.nope”不存在"


def test_lesson_links_render_as_links_to_the_lesson_page():
    from studyapp.domain.content.render import render_markdown

    html = render_markdown("见[进阶](lesson:basics.more)。").html
    assert '<a href="/lessons/basics.more" rel="noopener noreferrer">进阶</a>' in html


def test_raw_html_and_script_in_lessons_are_reported():
    body = '正文<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n<b>粗</b>\n\n`<b>代码</b>`'
    result = _lesson_body(body)
    assert result.ok  # stripped when shown; reported so the trainer knows
    found = [(w.line, w.message[:8]) for w in result.warnings]
    assert found == [(6, "课文中有脚本，不"), (8, "课文中有脚本，不"), (10, "课文中有 HTM")]
