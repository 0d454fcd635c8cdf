"""localise: a domain message in the reader's language, its values filled in and translated."""

import pytest
from flask import session

from studyapp.domain.content.problems import Problem
from studyapp.domain.content.text import N_, Alternatives, Listing, Text
from studyapp.i18n import localise, problem_line


@pytest.fixture
def english(app):
    with app.test_request_context("/"):
        session["locale"] = "en"
        yield


def test_a_text_is_translated_and_filled_with_its_values(english):
    message = Text(
        "字段名“{key}”后用了{mark}（中文输入法的标点）", key="stem", mark=Text("全角冒号“：”")
    )
    assert localise(message) == (
        "The field name “stem” is followed by a full-width colon (：) (punctuation from a Chinese"
        " keyboard)"
    )
    assert localise(N_("这一行用 Tab 键缩进")) == "This line is indented with the Tab key"
    assert localise(Text("{types}", types=Alternatives(["exam", "practice"]))) == "exam or practice"
    listed = Text("可用字段：{fields}", fields=Listing(["id", "stem"]))
    assert localise(listed) == "fields you can use: id, stem"


def test_the_files_own_words_and_empty_values_pass_through(english):
    assert localise("甲乙丙") == "甲乙丙"  # no translation: as written
    assert localise("") == "" and localise(None) is None
    assert (
        localise(Text("未知字段 `{key}`", key="文本")) == "Unknown field `文本`"
    )  # a value is not translated


def test_chinese_stays_chinese(app):
    with app.test_request_context("/"):
        assert localise(Text("未知字段 `{key}`", key="stem")) == "未知字段 `stem`"


def test_a_problem_on_one_line(english):
    problem = Problem(
        "bank.csv", 3, "a.q1", Text("等级“{level}”不是数字", level="x"), N_("至少一道题")
    )
    assert problem_line(problem) == (
        "bank.csv:3: [a.q1] Level “x” is not a number (expected: at least one question)"
    )
