"""The small things people noticed: a favicon, the exams list in order with titles, chapter
pages that lead to practice and cards, search that marks the term in plain text, and a
password message that says the minimum."""

import re

from studyapp.domain.content.search import plain
from tests.conftest import csrf_token
from tests.factories import gen_user


def _candidate(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")


def test_every_page_has_a_favicon(client):
    page = client.get("/auth/login").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg"' in page
    assert client.get("/static/favicon.svg").status_code == 200
    legacy = client.get("/favicon.ico")
    assert legacy.status_code == 301 and legacy.headers["Location"] == "/static/favicon.svg"


def test_the_exams_list_puts_mock_papers_first_under_headings(client, auth):
    _candidate(client, auth)
    page = client.get("/exams").get_data(as_text=True)
    mock, quiz, practice = (
        page.index(h) for h in ("<h2>模拟考试</h2>", "<h2>小测</h2>", "章节练习卷（")
    )
    assert (
        mock
        < page.index("理论知识模拟试卷（二级）")
        < quiz
        < page.index("20 题快速小测")
        < practice
    )
    text = re.sub(r"<[^>]+>", " ", page)
    assert "mock-theory" not in text and "quick-quiz" not in text


def test_a_chapter_page_leads_to_its_practice_and_cards(client, auth):
    _candidate(client, auth)
    page = client.get("/chapters/ethics").get_data(as_text=True)
    assert 'href="/practice/chapter/ethics">练习本章' in page
    assert 'href="/cards/?chapter=ethics">复习本章卡片' in page
    review = client.get("/cards/?chapter=ethics").get_data(as_text=True)
    assert "chapter=ethics" in review  # the review page asks for this chapter's cards only
    cards = client.get("/api/v1/cards/due?chapter=ethics&limit=100").get_json()["cards"]
    assert cards and {card["chapter"]["id"] for card in cards} == {"ethics"}
    assert client.get("/api/v1/cards/due?chapter=nowhere").get_json()["cards"] == []


def test_search_marks_the_term_in_plain_text(client, auth):
    _candidate(client, auth)
    page = client.get("/search?q=客户").get_data(as_text=True)
    assert "<mark>客户</mark>" in page
    snippets = re.findall(r'<p class="muted small">(.*?)</p>', page, flags=re.S)
    assert snippets and not any(re.search(r"(^|\s)- ", s) for s in snippets)
    assert plain("要点：\n- 一\n- 二\n1. 三\n[链接](http://x)") == "要点： 一 二 三 链接"


def test_search_escapes_what_it_marks(client, auth):
    _candidate(client, auth)
    page = client.get("/search?q=<b>").get_data(as_text=True)
    assert "<mark><b>" not in page


def test_a_short_password_is_told_the_minimum(client):
    data = {"name": "李四", "email": "lisi@example.com", "password": "short", "confirm": "short",
            "invite_code": "", "csrf_token": csrf_token(client, "/auth/register")}  # fmt: skip
    page = client.post("/auth/register", data=data).get_data(as_text=True)
    assert "密码太短：至少需要 8 个字符。" in page
    assert "字段长度必须介于" not in page
