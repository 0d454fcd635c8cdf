"""Search finds Chinese text by substring, lesson titles first, and skips retired items."""

from studyapp.domain.content.search import search
from tests.content_fixtures import course_files, load


def _syllabus(**edits):
    files = course_files()
    for name, (old, new) in edits.items():
        files[name] = files[name].replace(old, new, 1)
    return load(files).syllabus


def test_finds_lessons_cards_and_questions_by_substring():
    syllabus = _syllabus()
    kinds = {(hit.kind, hit.id) for hit in search(syllabus, "无形")}
    assert kinds == {("lesson", "basics.more")}
    hits = search(syllabus, "70%")
    assert [(h.kind, h.id, h.lesson) for h in hits] == [("card", "basics.card.two", "basics.intro")]
    hits = search(syllabus, "单选")
    assert [(h.kind, h.id) for h in hits] == [("question", "basics.q001")]


def test_lesson_titles_rank_first_and_case_is_ignored():
    syllabus = _syllabus(**{"chapters/basics/lessons/01-intro.md": ("正文。", "正文提到进阶。")})
    hits = search(syllabus, "进阶")
    assert [h.id for h in hits][:2] == ["basics.more", "basics.intro"]
    assert search(syllabus, "  ") == []


def test_retired_items_are_not_found():
    edits = {
        "chapters/basics/cards.yaml": (
            "- id: basics.card.two\n",
            "- id: basics.card.two\n  retired: true\n",
        )
    }
    assert search(_syllabus(**edits), "70%") == []


def test_snippet_shows_the_match_in_context():
    (hit,) = search(_syllabus(), "无形性")
    assert "无形性" in hit.snippet
