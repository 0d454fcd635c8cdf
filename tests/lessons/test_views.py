"""The course, chapter and lesson pages, reading marks and search, driven as a candidate would."""

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from studyapp.extensions import db
from studyapp.models import LessonRead
from tests.conftest import csrf_token
from tests.content_fixtures import LESSON, course_files, write_course
from tests.factories import gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS


@pytest.fixture
def content_dir(tmp_path):
    files = course_files()
    files["chapters/basics/lessons/01-intro.md"] = LESSON.replace(
        "正文。", "正文<script>alert('x')</script>。\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |"
    )
    return write_course(tmp_path / "content", files)


@pytest.fixture
def candidate(client, auth):
    user = gen_user(email="c@example.com")
    auth.login("c@example.com")
    return user


def _read(client, lesson_id: str):
    token = csrf_token(client, f"/lessons/{lesson_id}")
    return client.post(f"/lessons/{lesson_id}/read", data={"csrf_token": token})


def test_course_page_shows_chapters_with_progress(client, candidate):
    page = client.get("/course").get_data(as_text=True)
    assert "演示课程" in page and "基础" in page
    assert "已读 0 / 2 课" in page
    assert "继续学习：引言" in page
    _read(client, "basics.intro")
    page = client.get("/course").get_data(as_text=True)
    assert "已读 1 / 2 课" in page
    assert "继续学习：进阶" in page


def test_chapter_page_lists_lessons_cards_and_question_counts(client, candidate):
    page = client.get("/chapters/basics").get_data(as_text=True)
    assert "引言" in page and "进阶" in page
    assert "单选 1 · 多选 1 · 判断 1 · 简答 1" in page
    assert "服务业占比约 ____。" in page  # the cloze answer is not given away
    assert "70%" not in page
    assert client.get("/chapters/nowhere").status_code == 404


def test_lesson_page_renders_sanitised_markdown_with_navigation(client, candidate):
    page = client.get("/lessons/basics.intro").get_data(as_text=True)
    assert "<table>" in page
    assert "<script>alert" not in page
    assert "出处：通关宝典 第 1 页" in page
    assert 'rel="next" href="/lessons/basics.more"' in page
    assert 'rel="prev"' not in page
    second = client.get("/lessons/basics.more").get_data(as_text=True)
    assert 'rel="prev" href="/lessons/basics.intro"' in second
    assert client.get("/lessons/basics.nowhere").status_code == 404


def test_marking_a_lesson_read_records_the_time_once(client, auth):
    candidate = gen_user(email="c@example.com")
    with freeze_time("2026-11-28 02:00:00"):
        auth.login("c@example.com")  # the session cookie is signed at the frozen time
        assert _read(client, "basics.intro").status_code == 302
    with freeze_time("2026-11-29 02:00:00"):
        _read(client, "basics.intro")
        page = client.get("/lessons/basics.intro").get_data(as_text=True)
    rows = db.session.scalars(select(LessonRead)).all()
    assert [(r.user_id, r.lesson_id) for r in rows] == [(candidate.id, "basics.intro")]
    assert rows[0].read_at.isoformat() == "2026-11-28T02:00:00+00:00"
    assert "已读于 2026/11/28 10:00" in page  # shown in China time


def test_marking_read_needs_csrf_and_a_real_lesson(client, candidate):
    assert client.post("/lessons/basics.intro/read").status_code == 400
    token = csrf_token(client, "/course")
    assert client.post("/lessons/nope/read", data={"csrf_token": token}).status_code == 404
    assert db.session.scalars(select(LessonRead)).all() == []


def test_search_links_results_to_where_they_live(client, candidate):
    page = client.get("/search?q=无形").get_data(as_text=True)
    assert "1 条结果" in page and 'href="/lessons/basics.more"' in page
    page = client.get("/search?q=70%25").get_data(as_text=True)
    assert 'href="/chapters/basics#basics.card.two"' in page
    page = client.get("/search?q=不存在的词").get_data(as_text=True)
    assert "没有找到" in page


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/lessons/basics.intro")
    assert response.status_code == 302
    assert "/auth/login?next=" in response.headers["Location"]
