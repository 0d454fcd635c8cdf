"""The upload preview saves nothing; the content status shows counts and problems; trainers only."""

import io

import pytest

from tests.conftest import csrf_token
from tests.content_fixtures import write_course
from tests.factories import gen_user

NAME = "chapters/basics/questions.yaml"
BANK = "新单选？{=甲 ~乙 ~丙 ~丁#正确 ####因为。}\n\n新判断。{F####判断的解析。}\n"


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


@pytest.fixture
def trainer(client, auth):
    user = gen_user(role="trainer", email="t@example.com")
    auth.login("t@example.com")
    return user


def _snapshot(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _upload(client, text: str | bytes, name: str = "bank.gift", **fields):
    data = {"chapter": "basics", "format": "", "source": "", "lesson": "", **fields}
    data["csrf_token"] = csrf_token(client, "/trainer/import")
    data["file"] = (io.BytesIO(text if isinstance(text, bytes) else text.encode()), name)
    return client.post("/trainer/import", data=data, content_type="multipart/form-data")


def test_preview_shows_the_items_it_would_add_and_saves_nothing(client, trainer, content_dir):
    before = _snapshot(content_dir)
    response = _upload(client, BANK, source="000 P5")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    org = trainer.organisation_id
    assert "检查通过：将向本机构题库（chapters/basics/bank.yaml）加入 2 道题。" in page
    assert f"basics.o{org}.q001" in page and "新单选？" in page and "新判断。" in page
    assert '<strong>甲</strong> <span class="badge ok">答案</span>' in page
    assert "因为。<br>丁：正确" in page
    assert "发布到本机构" in page
    assert "出处：000 P5 · 课文：<code>basics.intro</code>" in page
    assert _snapshot(content_dir) == before


def test_preview_lists_every_problem_with_its_line(client, trainer, content_dir):
    before = _snapshot(content_dir)
    bank = BANK + "\n格兰特生于哪年？{#1822:5}\n\n重复？{=甲 ~甲 ####因为。}\n"
    page = _upload(client, bank, source="000").get_data(as_text=True)
    assert "发现 2 个问题，不能导入" in page
    assert "<td>5</td><td></td>\n      <td>数值题（{#1822:5}）的误差范围无法导入</td>" in page
    org = trainer.organisation_id
    assert (
        f"<td>7</td><td>basics.o{org}.q003</td>\n      <td>`options` 中“甲”出现了两次</td>" in page
    )
    assert "新单选？" in page  # the items that converted are still shown
    assert _snapshot(content_dir) == before


def test_preview_of_a_csv_and_of_a_file_in_another_encoding(client, trainer, content_dir):
    sheet = "type,stem,answer,explanation,source\njudge,表格题。,错,因为。,000\n"
    page = _upload(client, sheet, "题库.csv").get_data(as_text=True)
    assert "表格题。" in page and "错误" in page and "检查通过" in page
    page = _upload(client, "题？{T####因为。}".encode("gbk"), "bank.txt").get_data(as_text=True)
    assert "文件不是 UTF-8 编码" in page


def test_preview_needs_a_file(client, trainer, content_dir):
    data = {"chapter": "basics", "format": "", "csrf_token": csrf_token(client, "/trainer/import")}
    response = client.post("/trainer/import", data=data)
    assert response.status_code == 400
    assert "请选择要上传的文件" in response.get_data(as_text=True)


def test_an_upload_over_the_limit_is_refused_with_a_clear_message(
    app, client, trainer, content_dir
):
    app.config["TRAINER_UPLOAD_MAX_BYTES"] = 2048
    response = _upload(client, BANK * 40)
    assert response.status_code == 413
    assert "上传的文件太大：不能超过 2 KB" in response.get_data(as_text=True)
    assert _upload(client, BANK).status_code == 200


def test_status_shows_counts_and_the_problems_on_disk_and_of_the_last_reload(
    app, client, trainer, content_dir
):
    page = client.get("/trainer/content").get_data(as_text=True)
    assert "正在使用的版本：1" in page
    row = '<tr id="chapter-basics"><td>基础 <code class="muted">basics</code></td><td>2</td>'
    assert row in page
    assert "<td>3</td><td>1</td><td>1</td>\n        <td>1</td><td>1</td>" in page
    assert "检查通过" in page and "没有待处理的问题" in page

    path = content_dir / NAME
    path.write_text(path.read_text("utf-8").replace("answer: B", "answer: E"), "utf-8")
    page = client.get("/trainer/content").get_data(as_text=True)
    assert "现在检查发现 1 个问题" in page and "答案“E”不在选项之中" in page
    assert "没有待处理的问题" in page  # nothing was reloaded yet

    app.extensions["syllabus_store"].publish_from_disk("test")
    page = client.get("/trainer/content").get_data(as_text=True)
    assert "最近一次加载（test，" in page
    assert '<a href="/trainer/content">' in page  # the banner links here


@pytest.mark.parametrize(
    ("role", "status"), [("candidate", 403), ("hr", 403), ("trainer", 200), ("admin", 200)]
)
def test_only_trainers_and_admins_get_in(client, auth, content_dir, role, status):
    gen_user(role=role, email="u@example.com")
    auth.login("u@example.com")
    for path in ("/trainer/import", "/trainer/content"):
        assert client.get(path).status_code == status
    home = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert ('href="/trainer/content"' in home) == (status == 200)


def test_anonymous_visitors_are_sent_to_sign_in(client, content_dir):
    response = client.get("/trainer/import")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
