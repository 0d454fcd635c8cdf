"""Problems in the trainer's language: an English trainer previewing a bad bank reads English,
on the right line; the Chinese interface stays Chinese."""

import io

import pytest

from studyapp.extensions import db
from studyapp.models import BankRelease
from tests.conftest import csrf_token
from tests.content_fixtures import write_course
from tests.factories import gen_user

YAML_BANK = "- type: judge\n  stem: 判断题。\n  answer：true\n  explanation: 因为。\n"
GIFT_BANK = "新单选？{=甲 ~乙 ~丙 ~丁 ####因为。}\n\n格兰特生于哪年？{#1822:5}\n\n两个选项？{=甲 ~乙 ~%50%丙}\n"


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


@pytest.fixture
def trainer(client, auth):
    user = gen_user(role="trainer", email="t@example.com")
    auth.login("t@example.com")
    return user


def _english(client):
    client.post("/language", data={"locale": "en", "csrf_token": csrf_token(client, "/")})


def _upload(client, text: str, name: str):
    data = {"chapter": "basics", "format": "", "source": "000 P5", "lesson": ""}
    data["csrf_token"] = csrf_token(client, "/trainer/import")
    data["file"] = (io.BytesIO(text.encode()), name)
    page = client.post("/trainer/import", data=data, content_type="multipart/form-data")
    return page.get_data(as_text=True)


def test_an_english_trainer_reads_a_yaml_problem_in_english_on_its_line(
    client, trainer, content_dir
):
    _english(client)
    page = _upload(client, YAML_BANK, "bank.yaml")
    assert (
        "<td>3</td><td></td>\n      <td>The field name “answer” is followed by a full-width colon"
        " (：) (punctuation from a Chinese keyboard)</td>"
    ) in page
    assert "type the half-width colon &#39;:&#39; and a space instead: answer: …" in page
    assert "全角冒号" not in page and "中文输入法" not in page


def test_an_english_trainer_reads_gift_problems_and_warnings_in_english(
    client, trainer, content_dir
):
    _english(client)
    page = _upload(client, GIFT_BANK, "bank.gift")
    assert (
        "<td>3</td><td></td>\n      <td>The tolerance of the numerical question ({#1822:5})"
        " cannot be imported</td>"
    ) in page
    assert "rewrite it as a choice question, or as a fill-in question accepting one number" in page
    assert "Partial credit dropped; treated as wrong options: “丙”（50%）" in page  # a warning
    assert "误差范围" not in page and "部分得分" not in page


def test_the_chinese_interface_keeps_chinese_problems(client, trainer, content_dir):
    page = _upload(client, YAML_BANK, "bank.yaml")
    assert (
        "<td>3</td><td></td>\n      <td>字段名“answer”后用了全角冒号“：”（中文输入法的标点）</td>"
        in page
    )
    assert "full-width" not in page


def test_publishing_a_spent_preview_says_why_in_english(client, trainer, content_dir):
    _english(client)
    _upload(client, "机构题？{=甲 ~乙 ####因为。}\n", "bank.gift")
    release = db.session.query(BankRelease).filter_by(status="pending").one()
    token = csrf_token(client, "/trainer/bank")
    assert (
        client.post(f"/trainer/bank/{release.id}/publish", data={"csrf_token": token}).status_code
        == 302
    )
    again = client.post(
        f"/trainer/bank/{release.id}/publish", data={"csrf_token": token}, follow_redirects=True
    )
    page = again.get_data(as_text=True)
    assert "This preview has already been published or has expired" in page
    assert "upload the file again to preview it" in page and "这个预览" not in page


def test_the_content_page_shows_problems_on_disk_and_of_the_last_reload_in_english(
    app, client, trainer, content_dir
):
    _english(client)
    path = content_dir / "chapters/basics/questions.yaml"
    path.write_text(path.read_text("utf-8").replace("answer: B", "answer: E"), "utf-8")
    app.extensions["syllabus_store"].publish_from_disk("test")  # a failed reload
    page = client.get("/trainer/content").get_data(as_text=True)
    assert page.count("The answer “E” is not one of the options") == 2  # on disk; last reload
    assert page.count("an option letter: A, B, C, D") == 2
    assert "不在选项之中" not in page
