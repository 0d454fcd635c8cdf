"""The wrong-answer book by chapter and type, filtered, with my answer, the key and the
explanation; redo as practice, mastered after three right in a row, manual removal; bookmarks."""

import pytest
from sqlalchemy import select

from studyapp.exams.wrongbook import STREAK_TO_MASTER
from studyapp.extensions import db
from studyapp.models import WrongAnswer
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


def _post(client, url, **data):
    data["csrf_token"] = csrf_token(client, "/practice/")
    return client.post(url, data=data)


def _wrong_single_and_judge(client):
    _post(client, "/practice/chapter/basics?i=0", answer="A")  # single: key B
    _post(client, "/practice/chapter/basics?i=2", answer="false")  # judge: key true


def test_the_book_groups_by_chapter_and_type_with_my_answer_key_and_explanation(client, candidate):
    _wrong_single_and_judge(client)
    page = client.get("/practice/wrong-book").get_data(as_text=True)
    assert "<h2>基础" in page
    assert page.index("<h3>判断题") < page.index("<h3>单选题")  # types in the bank's order
    assert "你的答案：A · 正确答案：B" in page
    assert "你的答案：错 · 正确答案：对" in page
    assert page.count("解析：</b>因为。") == 2 and "出处：通关宝典" in page
    assert f"连续答对 0 / {STREAK_TO_MASTER} 次" in page and "连续答对 3 次" in page


def test_the_book_filters_by_type_and_redoes_the_filtered_set(client, candidate):
    _wrong_single_and_judge(client)
    page = client.get("/practice/wrong-book?chapter=all&type=judge").get_data(as_text=True)
    assert "判断。" in page and "单选？" not in page
    assert "/practice/wrong/all~judge" in page and "（1 题）" in page
    practice = client.get("/practice/wrong/all~judge").get_data(as_text=True)
    assert "判断。" in practice and "1 / 1" in practice
    page = client.get("/practice/wrong-book?chapter=nowhere").get_data(as_text=True)
    assert "没有符合筛选条件的错题" in page


def test_mastered_after_three_right_in_a_row_and_listed_as_such(client, candidate):
    assert STREAK_TO_MASTER == 3
    _post(client, "/practice/chapter/basics?i=2", answer="false")
    for _ in range(STREAK_TO_MASTER - 1):
        page = _post(client, "/practice/wrong/all?i=0", answer="true").get_data(as_text=True)
        assert "移出错题本" not in page
    page = _post(client, "/practice/wrong/all?i=0", answer="true").get_data(as_text=True)
    assert "已连续答对 3 次，已掌握，移出错题本" in page
    book = client.get("/practice/wrong-book").get_data(as_text=True)
    assert "错题本是空的" in book and "已掌握的题（1）" in book


def test_a_wrong_answer_can_be_removed_by_hand(client, candidate):
    _wrong_single_and_judge(client)
    response = _post(client, "/practice/wrong-book/basics.q001/remove", next="/practice/wrong-book")
    assert response.status_code == 302 and response.headers["Location"] == "/practice/wrong-book"
    ids = db.session.scalars(select(WrongAnswer.question_id)).all()
    assert ids == ["basics.q003"]
    assert _post(client, "/practice/wrong-book/basics.q001/remove").status_code == 404
    assert "单选？" not in client.get("/practice/wrong-book").get_data(as_text=True)


def test_an_exam_mistake_shows_my_answer_in_the_order_the_options_were_shown(client, candidate):
    token = csrf_token(client, "/exams")
    url = client.post("/exams/quiz/start", data={"csrf_token": token}).headers["Location"]
    attempt_id = url.rsplit("/", 1)[1]
    question = client.get(f"/api/v1/attempts/{attempt_id}").get_json()["questions"][0]
    shown = [option["text"] for option in question["options"]]
    wrong_letter = "ABCD"[shown.index("甲")]  # 乙 is the key
    client.post(f"{url}/save", data={f"answer-{question['question_id']}": wrong_letter,
                                     "action": "submit", "csrf_token": token})  # fmt: skip
    page = client.get("/practice/wrong-book").get_data(as_text=True)
    key_letter = "ABCD"[shown.index("乙")]
    assert f"你的答案：{wrong_letter} · 正确答案：{key_letter}" in page


def test_questions_of_an_open_exam_keep_their_key_hidden(client, candidate):
    _post(client, "/practice/chapter/basics?i=0", answer="A")
    token = csrf_token(client, "/exams")
    client.post("/exams/quiz/start", data={"csrf_token": token})  # the quiz draws basics.q001
    page = client.get("/practice/wrong-book").get_data(as_text=True)
    assert "单选？" in page and "正确答案" not in page and "因为。" not in page
    assert "交卷后才能查看答案与解析" in page


def test_the_bookmarks_page_lists_questions_and_cards_and_removes_them(client, candidate):
    for kind, item_id in (("question", "basics.q002"), ("card", "basics.card.one")):
        _post(client, "/practice/bookmark", kind=kind, item_id=item_id, next="/practice/")
    page = client.get("/practice/bookmarks").get_data(as_text=True)
    assert "多选？" in page and "多选题" in page and "基础" in page
    assert "问" in page and "练习收藏的题（1 题）" in page
    assert 'href="/practice/bookmarks/all?i=0"' in page
    _post(client, "/practice/bookmarks/remove", kind="card", item_id="basics.card.one")
    page = client.get("/practice/bookmarks").get_data(as_text=True)
    assert "还没有收藏的卡片" in page and "多选？" in page
    assert (
        _post(client, "/practice/bookmarks/remove", kind="lesson", item_id="x").status_code == 404
    )
