"""Question banks in and out: every GIFT, Aiken and CSV feature, round trips, bad input by line."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyapp.domain.content.interchange import (
    READERS,
    WRITERS,
    Draft,
    aiken,
    csv_sheet,
    gift,
    gift_writer,
    read_file,
    yaml_list,
)
from studyapp.domain.content.interchange.formats import guess_format


def only(result) -> Draft:
    assert result.problems == ()
    assert len(result.drafts) == 1
    return result.drafts[0]


def problem_at(result, line: int, fragment: str) -> None:
    found = [(p.line, p.message) for p in result.problems]
    assert any(p.line == line and fragment in p.message for p in result.problems), found


# -- GIFT ----------------------------------------------------------------------------------
def test_gift_single_choice_with_title_feedback_comments_and_category():
    text = (
        "// 第二章题库\n$CATEGORY: $course$/top/职业道德\n\n"
        "// [tag:职业道德] [tag:特征]\n"
        "::Q1::下列属于职业道德特征的是（  ）。{~无形性 =时代性#对，四个特征之一 ~易失性 "
        "####四个特征是行业性、广泛性、实用性、时代性。}\n"
    )
    draft = only(gift.read(text, "b.gift"))
    assert draft == Draft(
        type="single",
        stem="下列属于职业道德特征的是（  ）。",
        options=("无形性", "时代性", "易失性"),
        keys=frozenset({1}),
        explanation="四个特征是行业性、广泛性、实用性、时代性。\n时代性：对，四个特征之一",
        tags=("职业道德", "特征"),
    )
    assert (draft.line, draft.title, draft.answer_letters) == (5, "Q1", "B")


@pytest.mark.parametrize(
    ("answers", "kind", "keys"),
    [
        ("~%50%甲 ~%50%乙 ~%-100%丙 ~%-100%丁", "multiple", {0, 1}),
        ("~%33.33333%甲 ~%33.33333%乙 ~%33.33333%丙 ~%-100%丁", "multiple", {0, 1, 2}),
        ("=甲 ~%50%乙 ~丙", "single", {0}),  # one = : single, partial credit is not a key
        ("~%100%甲 ~%-50%乙 ~丙", "single", {0}),
        ("~ %25%甲 ~%0%乙 ~%75%丙", "multiple", {0, 2}),
    ],
)
def test_gift_weights_make_the_keys(answers, kind, keys):
    draft = only(gift.read(f"问？{{{answers} ####因为。}}", "b.gift"))
    assert (draft.type, draft.keys, draft.options) == (
        kind,
        frozenset(keys),
        ("甲", "乙", "丙", "丁")[: len(draft.options)],
    )


@pytest.mark.parametrize(
    ("block", "answer", "explanation"),
    [
        ("{T####解析}", True, "解析"),
        ("{TRUE####解析}", True, "解析"),
        ("{F####解析}", False, "解析"),
        ("{FALSE#错了，它是对的#答对了####解析}", False, "解析\n答对了\n错了，它是对的"),
        ("{TRUE#只有反馈}", True, "只有反馈"),
    ],
)
def test_gift_true_false(block, answer, explanation):
    draft = only(gift.read(f"职业道德具有时代性。{block}", "b.gift"))
    assert (draft.type, draft.answer, draft.explanation) == ("judge", answer, explanation)


def test_gift_short_answer_becomes_fill_with_only_the_full_credit_answers_accepted():
    text = "写出一个特征。{=行业性#对 =时代性 =%50%广泛性 =%0%系统性#不是 ####特征共四个。}"
    result = gift.read(text, "b.gift")
    draft = only(result)
    assert (draft.type, draft.accepted, draft.key_points) == ("fill", ("行业性", "时代性"), ())
    assert draft.explanation == "特征共四个。\n行业性：对\n系统性：不是"
    warned = " ".join(w.message for w in result.warnings)
    assert "“广泛性”（50%）" in warned and "“系统性”（0%）" in warned and "反馈已并入解析" in warned


def test_gift_escapes():
    text = r"a\=b \~c \#d \{e\} f\:g h\\i{=x\=1 ~y\~2 ####第一行\n第二行 \#3}"
    draft = only(gift.read(text, "b.gift"))
    assert draft.stem == "a=b ~c #d {e} f:g h\\i"
    assert draft.options == ("x=1", "y~2")
    assert draft.explanation == "第一行\n第二行 #3"


def test_gift_multi_line_items_and_missing_word():
    text = (
        "第一题？{\n  =甲\n  ~乙\n  ####因为。\n}\n\n\n"
        "感恩节在十一月的第{\n    ~二\n    ~三\n    =四\n####因为。\n}个星期四。\n"
    )
    first, second = gift.read(text, "b.gift").drafts
    assert (first.line, first.stem, first.options) == (1, "第一题？", ("甲", "乙"))
    assert second.line == 8
    assert second.stem == "感恩节在十一月的第（  ）个星期四。"
    assert second.keys == frozenset({2})


def test_gift_format_markers():
    text = "[html]<p>A &amp; B</p><p>第二段</p>{=[plain]甲 ~<b>乙</b> ####[markdown]**因为**}"
    draft = only(gift.read(text, "b.gift"))
    assert draft.stem == "A & B\n第二段"
    assert draft.options == ("甲", "乙")  # the stem's [html] is the answers' default format
    assert draft.explanation == "**因为**"


def test_gift_comment_only_blocks_and_blank_lines_are_skipped():
    text = "// 只有注释\n// 第二行\n\n\n题？{=甲 ~乙 ####因为。}\n\n// 结尾\n"
    assert only(gift.read(text, "b.gift")).line == 5


GOOD = "好题？{=甲 ~乙 ####因为。}\n\n// 下面一题有问题\n"


@pytest.mark.parametrize(
    ("item", "line", "fragment"),
    [
        ("论述：谈谈服务。{}", 4, "论述题"),
        ("格兰特生于哪年？{#1822:5}", 4, "数值题"),
        ("配对。{=中国 -> 北京 =日本 -> 东京}", 4, "配对题"),
        ("这是一段说明文字。", 4, "说明文字"),
        ("没有结束？{=甲 ~乙", 4, "大括号"),
        ("两个答案块{=甲 ~乙} 又一个 {=丙 ~丁}", 4, "多个答案块"),
        ("没有正确答案？{~甲 ~乙 ####因为。}", 4, "没有正确答案"),
        ("只有一个选项？{~%100%甲 ####因为。}", 4, "只有 1 个选项"),
        ("权重不对？{\n~%abc%甲\n=乙\n####因为。}", 5, "权重写法不对"),
        ("开头多了字？{多余 ~甲 =乙 ####因为。}", 4, "前缺少 = 或 ~"),
        ("::没有结束的标题 题？{=甲 ~乙 ####因为。}", 4, "没有结束"),
        ("只有部分得分。{=%50%行业性 ####因为。}", 4, "没有满分答案"),
        ("两个满分的单选？{=甲 =乙 ~丙 ####因为。}", 4, "恰有一个满分答案"),
        ("权重不足？{~%50%甲 ~%25%乙 ~丙 ####因为。}", 4, "加起来是 75%"),
        ("误差？{#1822:5}", 4, "误差范围"),
        ("$CATEGORY: 甲\n紧跟的题？{=甲 ~乙 ####因为。}", 5, "$CATEGORY 行下面"),
        ("{=甲 ~乙 ####没有题干}", 4, "缺少题干"),
    ],
)
def test_gift_bad_items_are_reported_at_their_line(item, line, fragment):
    result = gift.read(GOOD + item + "\n", "bank.gift")
    problem_at(result, line, fragment)
    assert [draft.stem for draft in result.drafts] == ["好题？"]
    assert all(problem.file == "bank.gift" for problem in result.problems)


def test_gift_problem_names_the_title():
    result = gift.read("::Q7::题？{~甲 ~乙 ####因为。}", "b.gift")
    assert result.problems[0].item == "Q7"


# -- Aiken ---------------------------------------------------------------------------------
def test_aiken_reads_single_choice_in_its_variants():
    text = (
        "下列属于职业道德特征的是（  ）。\nA. 无形性\nB. 时代性\nANSWER: B\n解析：四个特征之一。\n"
        "第二题的题干\n写了两行\nA) 甲\nB) 乙\nC) 丙\nANSWER:C\nEXPLANATION: 因为。\n\n"
        "第三题？\nA．甲\nB、乙\n答案：A\n解析：因为。\n"
    )
    first, second, third = aiken.read(text, "a.txt").drafts
    assert first == Draft(
        type="single", stem="下列属于职业道德特征的是（  ）。", options=("无形性", "时代性"),
        keys=frozenset({1}), explanation="四个特征之一。",
    )  # fmt: skip
    assert (second.line, second.stem, second.keys) == (6, "第二题的题干\n写了两行", frozenset({2}))
    assert (third.line, third.options, third.keys) == (14, ("甲", "乙"), frozenset({0}))


AIKEN_GOOD = "好题？\nA. 甲\nB. 乙\nANSWER: A\n解析：因为。\n\n"


@pytest.mark.parametrize(
    ("item", "line", "fragment"),
    [
        ("A. 甲\nB. 乙\nANSWER: A\n解析：因为。", 7, "选项前面没有题干"),
        ("题？\nA. 甲\nC. 乙\nANSWER: A\n解析：因为。", 9, "不合顺序"),
        ("题？\nA. 甲\nB. 乙\n下一题？\nA. 甲\nB. 乙\nANSWER: A\n解析：因为。", 7, "缺少 ANSWER"),
        ("题？\nA. 甲\nB. 乙", 7, "缺少 ANSWER"),
        ("题？\nA. 甲\nB. 乙\nANSWER: E\n解析：因为。", 10, "不在选项之中"),
        ("题？\nA. 甲\nB. 乙\nC. 丙\nANSWER: AC\n解析：因为。", 11, "只能导入单选题"),
        ("题？\nA. 甲\nANSWER: A\n解析：因为。", 7, "只有 1 个选项"),
        ("ANSWER: A", 7, "前面没有题目"),
        ("题？\nA. 甲\n解析：早了\nB. 乙\nANSWER: A", 9, "ANSWER 行之前"),
    ],
)
def test_aiken_malformed_blocks_are_reported_at_their_line(item, line, fragment):
    result = aiken.read(AIKEN_GOOD + item + "\n", "bank.txt")
    problem_at(result, line, fragment)
    assert [draft.stem for draft in result.drafts] == ["好题？"] + (
        ["下一题？"] if "下一题" in item else []
    )


# -- CSV -----------------------------------------------------------------------------------
CSV_TEXT = (
    "\ufefftype,stem,option_a,option_b,option_c,option_d,answer,explanation,source,lesson,tags,levels,"
    "model_answer,key_points,id\n"
    "单选,单选？,甲,乙,丙,丁,B,因为。,000 P16,basics.intro,职业道德；特征,2,,,\n"
    'multiple,"多选，\n两行？",甲,乙,丙,,"A, C",因为。,,,,"2;3",,,\n'
    "判断,判断。,,,,,对,因为。,,,,,,,basics.q099\n"
    'short,简答？,,,,,,因为。,,,a; b,,参考答案。,"要点一\n要点二\n",\n'
    ",,,,,,,,,,,,,,\n"
)


def test_csv_columns_aliases_lists_and_multi_line_cells():
    single, multiple, judge, short = csv_sheet.read(CSV_TEXT, "b.csv").drafts
    assert single == Draft(
        type="single", stem="单选？", options=("甲", "乙", "丙", "丁"), keys=frozenset({1}),
        explanation="因为。", source="000 P16", lesson="basics.intro", tags=("职业道德", "特征"),
        levels=(2,),
    )  # fmt: skip
    assert (multiple.line, multiple.stem, multiple.options) == (
        3,
        "多选，\n两行？",
        ("甲", "乙", "丙"),
    )
    assert (multiple.keys, multiple.levels) == (frozenset({0, 2}), (2, 3))
    assert (judge.line, judge.answer, judge.id) == (5, True, "basics.q099")
    assert (short.model_answer, short.key_points, short.tags) == (
        "参考答案。",
        ("要点一", "要点二"),
        ("a", "b"),
    )


CSV_HEAD = "type,stem,option_a,option_b,option_c,answer,explanation,levels\n"
CSV_GOOD = "single,好题？,甲,乙,,A,因为。,\n"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("type,stem,explanation,optoin_a\n" + CSV_GOOD, 1, "未知的列名“optoin_a”"),
        ("type,answer\nsingle,A\n", 1, "缺少列：stem"),
        ("type,stem,stem,explanation\n", 1, "出现了两次"),
        (CSV_HEAD + CSV_GOOD + "问答,题？,,,,,因为。,\n", 3, "题型 “问答” 无法识别"),
        (CSV_HEAD + CSV_GOOD + "single,题？,甲,乙,,E,因为。,\n", 3, "答案 “E” 不是选项字母"),
        (CSV_HEAD + CSV_GOOD + "single,题？,甲,乙,丙,AB,因为。,\n", 3, "单选题只能有一个答案"),
        (CSV_HEAD + CSV_GOOD + "single,题？,甲,,丙,A,因为。,\n", 3, "选项 B 是空的"),
        (CSV_HEAD + CSV_GOOD + "judge,题。,,,,也许,因为。,\n", 3, "判断题的答案 “也许” 无法识别"),
        (CSV_HEAD + CSV_GOOD + "judge,题。,甲,乙,,对,因为。,\n", 3, "判断题不需要选项"),
        (CSV_HEAD + CSV_GOOD + "single,题？,甲,乙,,A,因为。,二级\n", 3, "等级“二级”不是数字"),
        (CSV_HEAD + CSV_GOOD + "single,,甲,乙,,A,因为。,\n", 3, "缺少题干"),
        (CSV_HEAD + CSV_GOOD + "single,题？,甲,乙,,A,因为。,,多余\n", 3, "比列名多"),
        (
            CSV_HEAD
            + 'single,"两行\n的题？",甲,乙,,A,因为。,\n'
            + "single,题？,甲,乙,,X,因为。,\n",
            4,
            "不是选项字母",
        ),
        ("", 1, "文件是空的"),
    ],
)
def test_csv_bad_rows_are_reported_at_the_line_they_start(text, line, fragment):
    problem_at(csv_sheet.read(text, "bank.csv"), line, fragment)


# -- YAML ----------------------------------------------------------------------------------
def test_yaml_reads_the_course_format_and_reports_unknown_fields():
    text = (
        "- type: judge\n  stem: 判断。\n  answer: false\n  explanation: 因为。\n  retired: true\n"
    )
    result = yaml_list.read(text, "b.yaml")
    problem_at(result, 5, "未知字段 `retired`")
    draft = only(yaml_list.read(text.replace("  retired: true\n", ""), "b.yaml"))
    assert (draft.type, draft.answer, draft.line) == ("judge", False, 1)
    problem_at(yaml_list.read("type: single\n", "b.yaml"), 1, "应为题目列表")


# -- round trips ---------------------------------------------------------------------------
BANK_GIFT = (
    "// [tag:特征]\n::一::单选？{=甲 ~乙\\: 甲 ~丙 ####因为\\{\\}。}\n\n"
    "多选？{~%50%甲#对 ~%50%乙 ~%-100%丙 ####因为。}\n\n"
    "判断。{F#不对#对####因为。}\n\n"
    "填空？{=答案一 =答案二 ####因为。\\n第二行}\n\n"
    "第{~一 =二 ####因为。}题。\n"
)
BANK_AIKEN = "单选？\nA. 甲\nB. 乙\nANSWER: B\n解析：因为。\n\n两行\n题干？\nA) 甲\nB) 乙\nANSWER: A\n解析：因为。\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [("gift", BANK_GIFT), ("aiken", BANK_AIKEN), ("csv", CSV_TEXT.replace(",basics.q099", ","))],
)
def test_import_export_import_gives_the_same_items(name, text):
    first = READERS[name](text, "first")
    assert first.problems == () and len(first.drafts) >= 2
    again = READERS[name](WRITERS[name](first.drafts), "again")
    assert again.problems == ()
    assert again.drafts == first.drafts


# Texts with every character GIFT gives a meaning to; "%" and ">" are left out because GIFT
# has no escape for a leading weight or for "->" in a short answer.
TEXT = (
    st.text(st.sampled_from("甲乙丙服务ab1 .:：{}~=#\\/[]\n"), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def drafts(draw):
    kind = draw(st.sampled_from(["single", "multiple", "judge", "fill"]))
    common = {"type": kind, "stem": draw(TEXT), "explanation": draw(TEXT),
              "tags": tuple(draw(st.lists(st.sampled_from(["职业道德", "特征"]), max_size=2, unique=True)))}  # fmt: skip
    if kind in ("single", "multiple"):
        options = draw(st.lists(TEXT, min_size=3, max_size=6))
        count = 1 if kind == "single" else draw(st.integers(2, len(options)))
        keys = draw(
            st.lists(st.integers(0, len(options) - 1), min_size=count, max_size=count, unique=True)
        )
        return Draft(options=tuple(options), keys=frozenset(keys), **common)
    if kind == "judge":
        return Draft(answer=draw(st.booleans()), **common)
    answers = draw(st.lists(TEXT.filter(lambda t: not set("\n;*") & set(t)), min_size=1,
                            max_size=4, unique=True))  # fmt: skip
    return Draft(accepted=tuple(answers), **common)


@given(st.lists(drafts(), min_size=1, max_size=5))
def test_any_drafts_survive_gift_and_csv(items):
    assert gift.read(gift_writer.write(items), "x").drafts == tuple(items)
    from_csv = csv_sheet.read(csv_sheet.write(items), "x")
    assert from_csv.problems == () and from_csv.drafts == tuple(items)


def test_written_yaml_reads_back_the_same():
    items = csv_sheet.read(CSV_TEXT, "b.csv").drafts
    assert yaml_list.read(yaml_list.write(items), "b.yaml").drafts == items


def test_gift_export_keeps_the_id_as_title_and_equal_weights():
    draft = Draft(type="multiple", stem="多选？", options=("甲", "乙", "丙", "丁"),
                  keys=frozenset({0, 1, 3}), explanation="因为。", title="ethics.q002")  # fmt: skip
    text = gift_writer.write([draft])
    assert "::ethics.q002::多选？{" in text
    assert "~%33.33333%甲" in text and "~%-100%丙" in text
    assert replace(only(gift.read(text, "x")), title="") == replace(draft, id="ethics.q002")


def test_aiken_writes_single_choice_only():
    with pytest.raises(ValueError):
        aiken.write([Draft(type="judge", stem="判断。", answer=True, explanation="因为。")])


# -- files ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [("b.gift", "", "gift"), ("b.CSV", "", "csv"), ("b.yml", "", "yaml"),
     ("b.txt", "题？\nA. 甲\nANSWER: A", "aiken"), ("b.txt", "题？{T}", "gift"), ("b.doc", "", None)],
)  # fmt: skip
def test_format_is_guessed_from_the_name(name, text, expected):
    assert guess_format(name, text) == expected


def test_files_must_be_utf8_and_may_start_with_a_bom():
    result = read_file("题？{=甲 ~乙 ####因为。}".encode("gbk"), "b.gift")
    assert [(p.line, p.message) for p in result.problems] == [(1, "文件不是 UTF-8 编码")]
    assert (
        read_file("\ufeff题？{=甲 ~乙 ####因为。}\r\n".encode(), "b.gift").drafts[0].stem == "题？"
    )
    assert "无法从文件名判断格式" in read_file(b"x", "b.doc").problems[0].message
