"""Practice pages with instant feedback, the wrong-answer book and bookmarks."""

import pytest
from sqlalchemy import select

from studyapp.extensions import db
from studyapp.models import PracticeAnswer, WrongAnswer
from tests.conftest import csrf_token
from tests.content_fixtures import write_course
from tests.factories import gen_user


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


@pytest.fixture
def candidate(client, auth):
    user = gen_user(email="c@example.com")
    auth.login("c@example.com")
    return user


def _answer(client, url, **data):
    data["csrf_token"] = csrf_token(client, url)
    return client.post(url, data=data)


def test_instant_feedback_with_key_explanation_source_and_lesson(client, candidate):
    url = "/practice/chapter/basics?i=0"
    page = client.get(url).get_data(as_text=True)
    assert "单选？" in page and "因为。" not in page  # nothing given away before answering
    page = _answer(client, url, answer="A").get_data(as_text=True)
    assert "错误" in page and "正确答案：B" in page and "因为。" in page
    assert "出处：通关宝典" in page and 'href="/lessons/basics.intro"' in page
    entry = db.session.scalars(select(WrongAnswer)).one()
    assert (entry.question_id, entry.wrong_count) == ("basics.q001", 1)
    page = _answer(client, url, answer="B").get_data(as_text=True)
    assert "正确" in page
    assert [a.fraction for a in db.session.scalars(select(PracticeAnswer))] == [0.0, 1.0]


def test_an_empty_answer_is_asked_for_not_marked_wrong(client, candidate):
    page = _answer(client, "/practice/chapter/basics?i=0").get_data(as_text=True)
    assert "请先作答再提交" in page
    assert db.session.scalars(select(PracticeAnswer)).all() == []


def test_the_wrong_book_lets_go_after_three_right_answers_in_a_row(client, candidate):
    _answer(client, "/practice/chapter/basics?i=2", answer="false")  # judge q003 is true
    assert "basics.q003" in client.get("/api/v1/me/wrong-answers").get_data(as_text=True)
    for _ in range(2):
        page = _answer(client, "/practice/wrong/all?i=0", answer="true").get_data(as_text=True)
        assert "移出错题本" not in page
    page = _answer(client, "/practice/wrong/all?i=0", answer="true").get_data(as_text=True)
    assert "已连续答对 3 次，已掌握，移出错题本" in page
    assert client.get("/api/v1/me/wrong-answers").get_json()["wrong_answers"] == []


def test_sequential_practice_remembers_where_it_stopped(client, candidate):
    _answer(client, "/practice/sequential/all?i=0", answer="B")
    _answer(client, "/practice/sequential/all?i=1", answer=["A", "C"])
    page = client.get("/practice/sequential/all").get_data(as_text=True)
    assert "3 / 4" in page and "判断。" in page


def test_study_mode_shows_the_answer_with_the_question(client, candidate):
    page = client.get("/practice/chapter/basics?i=0&study=1").get_data(as_text=True)
    assert "背题模式" in page and "正确答案：B" in page and "因为。" in page


def test_short_answers_are_scored_by_ticked_key_points(client, candidate):
    url = "/practice/chapter/basics?i=3"
    page = _answer(client, url, answer="我的回答").get_data(as_text=True)
    assert "参考答案" in page and "对照要点" in page
    assert db.session.scalars(select(PracticeAnswer)).all() == []
    page = _answer(client, url, answer="我的回答", assessed="1", ticked="0").get_data(as_text=True)
    assert "答到 50% 的要点" in page
    assert db.session.scalars(select(PracticeAnswer)).one().fraction == 0.5


def test_bookmarks_toggle(client, candidate):
    token = csrf_token(client, "/practice/")
    data = {"kind": "question", "item_id": "basics.q002", "next": "/practice/", "csrf_token": token}
    assert client.post("/practice/bookmark", data=data).status_code == 302
    assert "多选？" in client.get("/practice/bookmarks/all").get_data(as_text=True)
    client.post("/practice/bookmark", data=data)
    assert "还没有收藏的题" in client.get("/practice/bookmarks/all").get_data(as_text=True)
    missing = {**data, "item_id": "nope"}
    assert client.post("/practice/bookmark", data=missing).status_code == 404


def test_a_bookmark_from_the_page_script_answers_json(client, candidate):
    token = csrf_token(client, "/practice/")
    data = {"kind": "question", "item_id": "basics.q002", "csrf_token": token}
    headers = {"Accept": "application/json"}
    assert client.post("/practice/bookmark", data=data, headers=headers).get_json() == {
        "bookmarked": True
    }
    assert client.post("/practice/bookmark", data=data, headers=headers).get_json() == {
        "bookmarked": False
    }


def test_study_mode_has_no_inputs_and_no_answer_of_yours(client, candidate):
    page = client.get("/practice/chapter/basics?i=2&study=1").get_data(as_text=True)
    assert 'name="answer"' not in page and "你的答案" not in page
    assert "✓ 正确答案" in page


def test_feedback_names_the_outcome_in_english_too(client, candidate):
    client.post("/language", data={"locale": "en", "csrf_token": csrf_token(client, "/")})
    page = _answer(client, "/practice/chapter/basics?i=0", answer="A").get_data(as_text=True)
    assert "✗ Wrong" in page and "False" not in page
    page = _answer(client, "/practice/chapter/basics?i=0", answer="B").get_data(as_text=True)
    assert "✓ Right" in page
