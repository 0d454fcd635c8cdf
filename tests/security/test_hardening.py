"""Issue 15's findings, each refused cleanly (status and message), on SQLite and PostgreSQL.

Sessions, tokens and sign-in limits (findings 3, 4, 7, 9) are in tests/auth/test_sessions.py;
hostile files through every reader (1, 2) in tests/domain/content/test_hostile_files.py.
"""

from __future__ import annotations

import io
import json
import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from studyapp.auth import sessions
from studyapp.exams import attempts
from studyapp.extensions import db
from studyapp.models import Attempt, User
from studyapp.models.types import utcnow
from studyapp.security import safe_next
from studyapp.syllabus import current_syllabus
from tests.conftest import csrf_token
from tests.factories import gen_user
from tests.hostile.corpus import cases

HOSTILE = dict(cases())


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {sessions.issue_api_token(user, 'test')}"}


# -- 1, 2: hostile uploads and bodies through the web -----------------------------------------
@pytest.fixture
def trainer(client, auth):
    user = gen_user(role="trainer", email="t@example.com")
    auth.login("t@example.com")
    return user


def _upload(client, data: bytes, name: str, format_name: str = ""):
    form = {"chapter": current_syllabus().chapter_list()[0].id, "format": format_name,
            "source": "000", "lesson": "", "csrf_token": csrf_token(client, "/trainer/import")}  # fmt: skip
    form["file"] = (io.BytesIO(data), name)
    return client.post("/trainer/import", data=form, content_type="multipart/form-data")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("alias bomb, 8 levels (429 bytes)", "别名展开的内容过多"),
        ("30,000 [", "嵌套超过 64 层"),
        ("1,000 [ then 1,000 ]", "嵌套超过 64 层"),
        ("'- ' 5,000 times", "嵌套超过 64 层"),
        ("'{a: ' 3,000 times", "嵌套超过 64 层"),
    ],
)
def test_a_hostile_yaml_upload_is_refused_with_its_line(client, trainer, case, message):
    response = _upload(client, HOSTILE[case], "bank.yaml", "yaml")  # time bound: hostile corpus
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_the_import_preview_is_not_an_amplifier(client, trainer):
    upload = b"a," * 200_000  # 400 KB: one header row of 200,000 unknown columns
    response = _upload(client, upload, "bank.csv", "csv")
    assert response.status_code == 200
    assert len(response.data) < len(upload)  # was 120 times the upload
    assert "另有" in response.get_data(as_text=True)


def test_a_preview_lists_at_most_a_hundred_questions_and_counts_the_rest(client, trainer):
    bank = "\n\n".join(f"判断题第{n}题。{{T####解析{n}。}}" for n in range(150)).encode()
    page = _upload(client, bank, "bank.gift").get_data(as_text=True)
    assert "另有 50 道未列出" in page
    assert page.count('<section class="card">') <= 101


def test_a_deeply_nested_json_body_is_a_400(client):
    user = gen_user()
    for body in ("[" * 50_000, "[" * 20 + "]" * 20, json.dumps({"locale": [[[[[[[[["en"]]]]]]]]]})):
        response = client.patch(
            "/api/v1/me", data=body, content_type="application/json", headers=_bearer(user)
        )
        assert response.status_code == 400, body[:30]
        assert response.json["error"]["message"]


def test_an_oversized_body_is_a_413(client):
    response = client.post("/auth/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413


# -- 5: one open attempt per candidate and paper ----------------------------------------------
def test_the_database_refuses_a_second_open_attempt_of_a_paper(app):
    user = gen_user()
    first = attempts.start_attempt(user, current_syllabus(), "quick-quiz", utcnow())
    twin = Attempt(user_id=user.id, blueprint_id="quick-quiz", kind="quiz", shape={},
                   content_hash="x", started_at=utcnow(), total=100)  # fmt: skip
    db.session.add(twin)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    attempts.submit(db.session.get(Attempt, first.id), utcnow())
    db.session.add(Attempt(user_id=user.id, blueprint_id="quick-quiz", kind="quiz", shape={},
                           content_hash="x", started_at=utcnow(), total=100))  # fmt: skip
    db.session.commit()  # a new one once the first is submitted


def test_a_start_that_loses_the_race_resumes_the_winner(app, monkeypatch):
    user = gen_user()
    winner = attempts.start_attempt(user, current_syllabus(), "quick-quiz", utcnow())
    real = attempts.open_attempt
    calls = []

    def missed_once(user_id, blueprint_id):  # as when two starts check at the same instant
        calls.append(1)
        return None if len(calls) == 1 else real(user_id, blueprint_id)

    monkeypatch.setattr(attempts, "open_attempt", missed_once)
    resumed = attempts.start_attempt(user, current_syllabus(), "quick-quiz", utcnow())
    assert resumed.id == winner.id
    assert db.session.scalar(select(func.count(Attempt.id))) == 1


def test_eight_parallel_starts_open_one_attempt(app, client):
    user = gen_user()
    headers = _bearer(user)

    def start(_n):
        with app.app_context(), app.test_client() as parallel:
            return parallel.post(
                "/api/v1/attempts", json={"blueprint": "mock-theory"}, headers=headers
            )

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(start, range(8)))
    assert all(r.status_code in (200, 201) for r in responses), [r.status_code for r in responses]
    assert len({r.json["id"] for r in responses}) == 1
    assert [r.status_code for r in responses].count(201) == 1
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Attempt.id)).where(Attempt.user_id == user.id)) == 1


# -- 6: the questions of an open exam are revealed nowhere -------------------------------------
def _sat_and_open(user):
    """An open mock exam and a submitted quiz that shares one of its questions."""
    syllabus = current_syllabus()
    open_now = attempts.start_attempt(user, syllabus, "mock-theory", utcnow(), random.Random(4))
    asked = {i.question_id for i in open_now.items}
    for seed in range(50):  # a 20-question quiz almost always meets the mock's 125 questions
        earlier = attempts.start_attempt(
            user, syllabus, "quick-quiz", utcnow(), random.Random(seed)
        )
        attempts.submit(earlier, utcnow())
        shared = sorted(asked & {i.question_id for i in earlier.items})
        if shared:
            return earlier, open_now, shared[0]
    raise AssertionError("no quiz drawn shared a question with the mock")


def test_practice_neither_shows_nor_scores_a_question_of_the_open_exam(client, auth):
    user = gen_user(email="c@example.com")
    open_now = attempts.start_attempt(user, current_syllabus(), "mock-theory", utcnow())
    question = current_syllabus().questions[open_now.items[0].question_id]
    ids = [q.id for q in current_syllabus().questions_of(question.chapter)]
    auth.login("c@example.com")
    url = f"/practice/chapter/{question.chapter}?study=1&i={ids.index(question.id)}"
    page = client.get(url)
    assert page.status_code == 409
    text = page.get_data(as_text=True)
    assert question.explanation not in text and "正确答案" not in text
    assert "交卷后才能练习" in text
    posted = client.post(url, data={"csrf_token": csrf_token(client, "/"), "answer": "A"})
    assert posted.status_code == 409
    attempts.submit(db.session.get(Attempt, open_now.id), utcnow())
    assert question.explanation in client.get(url).get_data(as_text=True)


def test_an_earlier_result_hides_what_the_open_exam_asks(client, auth):
    user = gen_user(email="c@example.com")
    earlier, open_now, shared = _sat_and_open(user)
    question = current_syllabus().questions[shared]
    auth.login("c@example.com")
    page = client.get(f"/attempts/{earlier.id}/result").get_data(as_text=True)
    assert question.explanation not in page
    assert "交卷后才能查看答案与解析" in page
    payload = client.get(f"/api/v1/attempts/{earlier.id}").json
    item = next(q for q in payload["questions"] if q["question_id"] == shared)
    assert item.get("sealed") is True and "key" not in item and "explanation" not in item
    others = [q for q in payload["questions"] if q["question_id"] != shared]
    assert any("key" in q for q in others)  # only the shared ones are sealed


# -- 8: NUL bytes ----------------------------------------------------------------------------
def test_nul_bytes_are_refused_everywhere_before_the_database(client):
    user = gen_user()
    token = csrf_token(client, "/auth/register")
    form = {"name": "\x00nul", "email": "n@example.com", "password": "long-enough-1",
            "confirm": "long-enough-1", "invite_code": "", "csrf_token": token}  # fmt: skip
    assert client.post("/auth/register", data=form).status_code == 400
    form["name"] = "\x00"
    assert client.post("/auth/register", data=form).status_code == 400
    assert db.session.scalar(select(func.count(User.id))) == 1
    headers = _bearer(user)
    save = client.put(
        "/api/v1/attempts/1/answers/eth%00ics.q1", json={"answer": "A"}, headers=headers
    )
    assert save.status_code == 400 and "NUL" in save.json["error"]["message"]
    start = client.post("/api/v1/attempts", json={"blueprint": "mock\u0000"}, headers=headers)
    assert start.status_code == 400
    assert client.get("/lessons/search?q=%00").status_code == 400


# -- 10: one safe-redirect rule for every next -------------------------------------------------
@pytest.mark.parametrize(
    "target",
    ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/",
     "/\n/evil.example", "javascript:alert(1)", "/ /evil.example", "", None],
)  # fmt: skip
def test_safe_next_refuses_every_way_off_the_site(target):
    assert safe_next(target, "/home") == "/home"


def test_safe_next_keeps_our_own_paths():
    assert safe_next("/practice/chapter/ethics?i=3", "/") == "/practice/chapter/ethics?i=3"


def test_bookmark_and_login_do_not_redirect_off_the_site(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    question_id = next(iter(current_syllabus().questions))
    data = {"kind": "question", "item_id": question_id, "next": "/\t/evil.example",
            "csrf_token": csrf_token(client, "/")}  # fmt: skip
    response = client.post("/practice/bookmark", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/practice/"


# -- 12: one address rule ----------------------------------------------------------------------
def test_the_cli_refuses_an_address_the_login_form_would_refuse(runner):
    result = runner.invoke(args=["users", "create", "--email", "ca1@a.test", "--name", "甲",
                                 "--password", "long-enough-1"])  # fmt: skip
    assert result.exit_code != 0
    assert "请输入有效的电子邮箱" in result.output and "special-use" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0


# -- 13: the CSV export's type ----------------------------------------------------------------
def test_the_csv_export_names_its_charset_once(client, auth):
    from tests.factories import gen_cohort

    hr = gen_user(role="hr", email="hr@example.com")
    cohort = gen_cohort(hr.organisation)
    auth.login("hr@example.com")
    response = client.get(f"/hr/cohorts/{cohort.id}/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
