"""Pages name things as people do: documents by title and page, sections, papers and roles
by their names, never "000 P22", a reference id, "judge" or "mock-theory"."""

import re

from studyapp.syllabus import current_syllabus
from tests.conftest import csrf_token
from tests.factories import gen_user

SEED_CODE = re.compile(r"(?<![\d ])\b00[0-4]( P\d+)?\b(?![\d÷＝])")
TYPE_CODES = re.compile(r">\s*(judge|single|multiple)\s*<")


def _visible(page: str) -> str:
    """The text a person reads: no tags, attributes or scripts."""
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def _index_in_chapter(question_id: str) -> tuple[str, int]:
    syllabus = current_syllabus()
    chapter = syllabus.questions[question_id].chapter
    ids = [q.id for q in syllabus.questions_of(chapter)]
    return chapter, ids.index(question_id)


def test_an_explanation_names_the_document_and_page(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    chapter, index = _index_in_chapter("ethics.q035")  # explanation cites "（000 P22）"
    assert "000 P22" in current_syllabus().questions["ethics.q035"].explanation
    text = _visible(client.get(f"/practice/chapter/{chapter}?i={index}&study=1").get_data(True))
    assert "客户服务管理师二级通关宝典》第 22 页" in text
    assert not SEED_CODE.search(text), SEED_CODE.search(text)


def test_a_card_shows_its_source_and_back_without_codes(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    card = current_syllabus().cards["ethics.card.traits-vs-service"]
    assert re.search(r"00\d P\d+", card.back + card.source)
    from studyapp.cards.present import card_content
    from studyapp.syllabus import source_label

    with client.application.test_request_context():
        content, source = card_content(card), source_label(card.source)
    assert not SEED_CODE.search(content["back"] + source)
    assert "第" in content["back"] and "页" in content["back"]


def test_a_lesson_body_names_references(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    syllabus = current_syllabus()
    lesson = next(item for item in syllabus.lessons.values() if "（ldoce）" in item.body)
    text = _visible(client.get(f"/lessons/{lesson.id}").get_data(True))
    assert "（ldoce）" not in text and "Longman" in text


def test_results_name_sections_and_papers_in_both_languages(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    token = csrf_token(client, "/exams")
    url = client.post("/exams/quick-quiz/start", data={"csrf_token": token}).headers["Location"]
    result = client.post(f"{url}/submit", data={"csrf_token": token}).headers["Location"]
    page = client.get(result).get_data(as_text=True)
    assert "判断题" in page and "单选题" in page and "多选题" in page
    assert not TYPE_CODES.search(page)
    client.post("/language", data={"locale": "en", "csrf_token": token})
    page = client.get(result).get_data(as_text=True)
    assert "True/false" in page or "true/false" in page.lower()
    assert not TYPE_CODES.search(page)


def test_the_chinese_admin_names_roles(client, auth):
    gen_user(role="admin", email="root@example.com")
    for role in ("candidate", "hr", "trainer"):
        gen_user(role=role)
    auth.login("root@example.com")
    text = _visible(client.get("/admin/users").get_data(as_text=True))
    for name in ("考生", "人力资源", "培训师", "管理员"):
        assert f" {name} " in text
    for code in ("candidate", "hr", "trainer", "admin"):
        assert f" {code} " not in text
