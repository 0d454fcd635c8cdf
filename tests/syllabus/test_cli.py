"""`flask content check | stats | reload`."""

import pytest

from tests.content_fixtures import course_files, write_course


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "served")


def test_check_passes_with_a_summary(runner, tmp_path):
    folder = write_course(tmp_path / "c")
    result = runner.invoke(args=["content", "check", str(folder)])
    assert result.exit_code == 0, result.output
    assert "内容检查通过：1 章，2 篇课文，3 张卡片，4 道题，1 套试卷" in result.output


def test_check_lists_problems_and_exits_1(runner, tmp_path):
    files = course_files()
    files["chapters/basics/cards.yaml"] = files["chapters/basics/cards.yaml"].replace(
        "{{70%}}", "70%"
    )
    folder = write_course(tmp_path / "c", files)
    result = runner.invoke(args=["content", "check", str(folder)])
    assert result.exit_code == 1
    assert "chapters/basics/cards.yaml:9: [basics.card.two] 填空卡没有挖空" in result.output
    assert "共 1 个问题" in result.output


def test_check_of_a_missing_folder_says_so(runner, tmp_path):
    result = runner.invoke(args=["content", "check", str(tmp_path / "nope")])
    assert result.exit_code != 0
    assert "content folder not found" in result.output


def test_stats_counts_per_chapter_type_and_level(runner, tmp_path):
    folder = write_course(tmp_path / "c")
    result = runner.invoke(args=["content", "stats", str(folder)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    basics = next(line for line in lines if line.startswith("basics"))
    # lessons, basic, cloze, list, then single, multiple, judge, short, ordering, fill
    assert basics.split() == ["basics", "2", "1", "1", "1", "1", "1", "1", "1", "0", "0"]
    assert "level 2: 2 lessons, 3 cards, 4 questions" in result.output
    assert (
        "blueprint quiz (quiz): 1 questions, 1 points, bank fills 1 disjoint papers"
        in result.output
    )


def test_reload_publishes_and_refuses_broken_content(runner, content_dir):
    result = runner.invoke(args=["content", "reload"])
    assert result.exit_code == 0 and "已发布新版本" in result.output
    assert "内容没有变化" in runner.invoke(args=["content", "reload"]).output
    broken = content_dir / "chapters/basics/questions.yaml"
    broken.write_text(broken.read_text("utf-8").replace("answer: true", "answer: 也许"), "utf-8")
    result = runner.invoke(args=["content", "reload"])
    assert result.exit_code == 1
    assert "questions.yaml:20" in result.output and "继续使用上一个版本" in result.output


def test_check_speaks_english_when_the_shell_does(runner, tmp_path, monkeypatch):
    files = course_files()
    files["chapters/basics/cards.yaml"] = files["chapters/basics/cards.yaml"].replace(
        "{{70%}}", "70%"
    )
    folder = write_course(tmp_path / "c", files)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    result = runner.invoke(args=["content", "check", str(folder)])
    assert result.exit_code == 1
    assert (
        "chapters/basics/cards.yaml:9: [basics.card.two] The cloze card has no deletion"
        " (expected: at least one {{answer}}, e.g. 我国服务业占 GDP 的 {{40.2%}})"
    ) in result.output
    assert "1 problem(s) in all." in result.output and "填空卡" not in result.output
    clean = runner.invoke(args=["content", "check", str(write_course(tmp_path / "d"))])
    assert "Content checks clean: chapters 1, lessons 2, cards 3, questions 4, papers 1" in (
        clean.output
    )
