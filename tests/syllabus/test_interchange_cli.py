"""`flask content import | export`: all or nothing, written in one step, read back the same."""

import pytest

from studyapp.domain.content import ContentFiles, load_syllabus
from studyapp.domain.content.interchange import READERS
from tests.content_fixtures import QUESTIONS, write_course

NAME = "chapters/basics/questions.yaml"
BANK = "新单选？{=甲 ~乙 ~丙 ~丁 ####因为。}\n\n// [tag:新]\n新判断。{F####因为。}\n"


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def _bank(tmp_path, text: str, name: str = "bank.gift"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _snapshot(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_import_appends_exactly_the_new_questions_and_the_course_still_checks(
    runner, content_dir, tmp_path
):
    args = ["content", "import", _bank(tmp_path, BANK), "--chapter", "basics", "--source", "000 P5"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert (
        "已向 chapters/basics/questions.yaml 追加 2 道题（basics.q005 – basics.q006）"
        in result.output
    )
    text = (content_dir / NAME).read_text("utf-8")
    assert text.startswith(QUESTIONS)
    appended = READERS["yaml"](text[len(QUESTIONS) :], "x").drafts
    assert [(d.id, d.type, d.stem, d.source, d.lesson, d.tags) for d in appended] == [
        ("basics.q005", "single", "新单选？", "000 P5", "basics.intro", ()),
        ("basics.q006", "judge", "新判断。", "000 P5", "basics.intro", ("新",)),
    ]
    assert not list(content_dir.rglob(".*.tmp"))
    check = runner.invoke(args=["content", "check", str(content_dir)])
    assert check.exit_code == 0 and "6 道题" in check.output


def test_a_bad_file_changes_nothing_and_lists_every_problem(runner, content_dir, tmp_path):
    before = _snapshot(content_dir)
    bank = BANK + "\n格兰特生于哪年？{#1822:5}\n\n重复？{=甲 ~甲 ####因为。}\n"
    args = ["content", "import", _bank(tmp_path, bank), "--chapter", "basics", "--source", "000"]
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert "bank.gift:6: 数值题（{#1822:5}）的误差范围无法导入" in result.output
    assert "bank.gift:8: [basics.q007] `options` 中“甲”出现了两次" in result.output
    assert "共 2 个问题，没有写入任何内容。" in result.output
    assert _snapshot(content_dir) == before


def test_without_a_source_nothing_is_written(runner, content_dir, tmp_path):
    before = _snapshot(content_dir)
    result = runner.invoke(args=["content", "import", _bank(tmp_path, BANK), "--chapter", "basics"])
    assert result.exit_code == 1
    assert "bank.gift:1: [basics.q005] 缺少出处（source）" in result.output
    assert _snapshot(content_dir) == before


def test_dry_run_lists_and_writes_nothing(runner, content_dir, tmp_path):
    before = _snapshot(content_dir)
    args = [
        "content",
        "import",
        _bank(tmp_path, BANK),
        "--chapter",
        "basics",
        "--source",
        "000",
        "--dry-run",
    ]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "basics.q005  single    新单选？" in result.output
    assert "试运行：将向 chapters/basics/questions.yaml 追加 2 道题" in result.output
    assert _snapshot(content_dir) == before


def test_csv_import_with_its_own_columns_and_a_format_option(runner, content_dir, tmp_path):
    sheet = (
        "type,stem,answer,explanation,source,lesson\n判断,表格题。,对,因为。,000 P2,basics.more\n"
    )
    bank = _bank(tmp_path, "\ufeff" + sheet, "bank.txt")
    result = runner.invoke(
        args=["content", "import", bank, "--chapter", "basics", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    files = ContentFiles.from_directory(content_dir)
    question = load_syllabus(files).syllabus.questions["basics.q005"]
    assert (question.stem, question.answer, question.lesson) == ("表格题。", True, "basics.more")


@pytest.mark.parametrize("name", ["gift", "csv", "aiken", "yaml"])
def test_export_then_import_gives_the_chapters_questions(runner, content_dir, tmp_path, name):
    output = tmp_path / f"basics.{name}"
    args = ["content", "export", "basics", "--format", name, "--output", str(output)]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    drafts = READERS[name](output.read_text("utf-8-sig"), "x").drafts
    expected = {"gift": ["单选？", "多选？", "判断。"], "csv": ["单选？", "多选？", "判断。", "简答？"],
                "yaml": ["单选？", "多选？", "判断。", "简答？"], "aiken": ["单选？"]}[name]  # fmt: skip
    assert [d.stem for d in drafts] == expected
    assert drafts[0].options == ("甲", "乙", "丙", "丁") and drafts[0].keys == {1}
    if name == "aiken":
        assert "跳过了 3 道题" in result.output
    if name == "gift":  # GIFT has no key points: the short question is not written
        assert "跳过了 1 道题" in result.output
    if name == "csv":
        assert [d.id for d in drafts] == [
            "basics.q001",
            "basics.q002",
            "basics.q003",
            "basics.q004",
        ]


def test_export_to_stdout_and_of_an_unknown_chapter(runner, content_dir):
    result = runner.invoke(args=["content", "export", "basics", "--format", "gift"])
    assert result.exit_code == 0
    assert "$CATEGORY: $course$/top/基础" in result.output
    assert "::basics.q003::判断。{TRUE####因为。}" in result.output
    missing = runner.invoke(args=["content", "export", "nope", "--format", "gift"])
    assert missing.exit_code != 0 and "课程中没有章节“nope”" in missing.output


def test_partial_import_lands_what_converts_and_writes_the_rest_with_reasons(
    runner, content_dir, tmp_path
):
    bank = BANK + "\n格兰特生于哪年？{#1822:5}\n\n重复？{=甲 ~甲 ####因为。}\n\n没有解析？{T}\n"
    path = _bank(tmp_path, bank)
    args = ["content", "import", path, "--chapter", "basics", "--source", "000", "--partial"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "已向 chapters/basics/questions.yaml 追加 3 道题" in result.output
    assert "未导入：bank.gift:6: 数值题（{#1822:5}）的误差范围无法导入" in result.output
    assert "注意：bank.gift:10: 缺少解析：作为草稿导入" in result.output
    loaded = load_syllabus(ContentFiles.from_directory(content_dir))
    assert loaded.ok, loaded.problems
    draft = loaded.syllabus.questions["basics.q008"]  # q007 was the rejected one's number
    assert draft.draft and draft.retired and draft.explanation == ""
    assert [w.item for w in loaded.warnings] == ["basics.q008"]
    rejects = (tmp_path / "bank.rejects.gift").read_text("utf-8")
    assert rejects == (
        "// 未导入：数值题（{#1822:5}）的误差范围无法导入（应为：改写成选择题，或写成只接受一个数的填空题 {=1822}）\n"
        "格兰特生于哪年？{#1822:5}\n\n"
        "// 未导入：`options` 中“甲”出现了两次（应为：各项互不相同）\n"
        "重复？{=甲 ~甲 ####因为。}\n"
    )
    again = runner.invoke(args=args)  # the same file again: everything is already there
    assert again.exit_code == 1
    assert (
        again.output.count("跳过：") == 3 and "本章已有这道题（basics.q005），跳过" in again.output
    )


def test_a_failed_dry_run_still_lists_the_convertible_items(runner, content_dir, tmp_path):
    bank = BANK + "\n格兰特生于哪年？{#1822:5}\n"
    args = ["content", "import", _bank(tmp_path, bank), "--chapter", "basics", "--source", "000",
            "--dry-run"]  # fmt: skip
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert "basics.q005  single    新单选？" in result.output
    assert "basics.q006  judge     新判断。" in result.output


def test_import_into_a_broken_course_labels_the_courses_own_problems(runner, content_dir, tmp_path):
    text = (content_dir / NAME).read_text("utf-8").replace("answer: B", "answer: E")
    (content_dir / NAME).write_text(text, "utf-8")
    bank = BANK + "\n格兰特生于哪年？{#1822:5}\n"
    args = ["content", "import", _bank(tmp_path, bank), "--chapter", "basics", "--source", "000"]
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert "bank.gift:6: 数值题（{#1822:5}）的误差范围无法导入" in result.output
    assert f"{NAME}:5: [basics.q001] 课程本身的问题（与导入的文件无关），先改正：" in result.output


@pytest.mark.parametrize("name", ["gift", "csv", "yaml"])
def test_export_then_import_adds_nothing(runner, content_dir, tmp_path, name):
    output = tmp_path / f"basics.{name}"
    runner.invoke(args=["content", "export", "basics", "--format", name, "--output", str(output)])
    before = _snapshot(content_dir)
    result = runner.invoke(args=["content", "import", str(output), "--chapter", "basics"])
    assert result.exit_code == 1 and "文件中没有可导入的新题目" in result.output
    assert "跳过：" in result.output and _snapshot(content_dir) == before
