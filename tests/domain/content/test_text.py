"""Domain messages: a Text is the Chinese sentence itself and keeps what translating it needs."""

import json
import pickle

from studyapp.domain.content.problems import Problem, Problems
from studyapp.domain.content.text import N_, Alternatives, Listing, Text


def test_a_text_is_the_formatted_chinese_and_keeps_template_and_values():
    text = Text("第 {number} 项不是字段表", number=3)
    assert text == "第 3 项不是字段表" and isinstance(text, str)
    assert text.template == "第 {number} 项不是字段表" and text.values == {"number": 3}
    assert Text("{{答案}}") == "{{答案}}"  # no values: the template as written, not formatted
    assert N_("缺少题干") == "缺少题干"


def test_listings_join_with_their_separator():
    text = Text("{types}；{choices}", types=Listing(["单选题", "多选题"]),
                choices=Alternatives(["exam", "practice"]))  # fmt: skip
    assert text == "单选题、多选题；exam 或 practice"


def test_a_pickled_text_stays_translatable():
    text = pickle.loads(pickle.dumps(Text("链接的课文“{lesson}”不存在", lesson="a.b")))
    assert text == "链接的课文“a.b”不存在" and text.template == "链接的课文“{lesson}”不存在"


def test_clipping_a_long_message_clips_its_values_and_keeps_it_translatable():
    problems = Problems()
    problems.add(
        "f.csv",
        1,
        None,
        Text("未知的列名“{name}”", name="x" * 100_000),
        Text("最多 {count} 格", count=2),
    )
    (problem,) = problems.sorted()
    assert len(problem.message) <= Problems.TEXT_LIMIT
    assert problem.message.startswith("未知的列名“xxx") and problem.message.endswith("…”")
    assert problem.message.template == "未知的列名“{name}”"
    assert problem.expected.template == "最多 {count} 格"  # short ones are kept as they are


def test_a_problem_stored_as_json_comes_back_translatable():
    message = Text(
        "{where}要抽 {count} 道",
        where=Text("“{title}”的{label}", title="一", label=Text("单选题")),
        count=3,
    )
    expected = Text("可用字段：{fields}", fields=Alternatives(["id", "stem"]))
    problem = Problem("a.yaml", 2, None, message, expected)
    back = Problem.from_dict(json.loads(json.dumps(problem.as_dict())))
    assert back == problem and back.message.template == "{where}要抽 {count} 道"
    assert back.message.values["where"].values["label"].template == "单选题"
    assert isinstance(back.expected.values["fields"], Alternatives)
    plain = Problem.from_dict(
        {"file": "f", "line": None, "item": None, "message": "旧的", "expected": None}
    )
    assert plain.message == "旧的"  # releases stored before keep loading
