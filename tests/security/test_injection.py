"""Hostile text in the course and in what users type never becomes markup that runs.

Lesson Markdown may carry HTML: it is sanitised (scripts, handlers and javascript: links
stripped). Everything else (titles, questions, cards, names, answers) is plain text: it must be
shown escaped, so it reads exactly as typed and nothing in it runs.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from studyapp.extensions import db
from studyapp.models import User
from tests.conftest import csrf_token
from tests.content_fixtures import course_files, write_course
from tests.factories import gen_cohort, gen_organisation, gen_user
from tests.security.html_audit import Audit, audited


def evil(tag: str) -> str:
    return f'<script>alert("{tag}")</script><img src=x onerror=alert("{tag}")>'


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


LESSON_BODY = """\
正文保留。

<script>alert("body")</script>

<img src="x.png" onerror="alert('img')" alt="图">

[点我](javascript:alert('md-link'))

<a href="javascript:alert('raw')" onclick="alert('click')">原始链接</a>

<div onmouseover="alert('div')">悬停</div>

<iframe src="javascript:alert('frame')"></iframe><svg onload="alert('svg')"></svg>

## 危险<script>alert("heading")</script>标题

## 要点回顾
- 要点
"""

CARDS = f"""\
- id: basics.card.one
  type: basic
  front: {_yaml(evil("front"))}
  back: {_yaml(evil("back"))}
  source: "000"
  lesson: basics.intro
"""

QUESTIONS = f"""\
- id: basics.q001
  type: single
  stem: {_yaml(evil("stem"))}
  options: [{_yaml(evil("option"))}, 乙, 丙, 丁]
  answer: B
  explanation: {_yaml('<a href="javascript:alert(1)">解析链接</a>')}
  source: "000"
  lesson: basics.intro
- id: basics.q004
  type: short
  stem: {_yaml(evil("short"))}
  model_answer: {_yaml(evil("model"))}
  key_points: [{_yaml(evil("point"))}, 二]
  explanation: 因为。
  source: "000"
  lesson: basics.intro
"""

QUIZ = f"""\
id: quiz
title: {_yaml(evil("paper"))}
kind: quiz
time_limit: 10
parts:
  - id: all
    title: 全部
    pass_mark: 1
    sections:
      - type: single
        count: 1
        points: 1
        from:
          - chapter: basics
      - type: short
        count: 1
        points: 1
        from:
          - chapter: basics
"""


@pytest.fixture
def content_dir(tmp_path):
    files = course_files()
    del files["chapters/basics/lessons/02-more.md"]
    files["chapters/basics/chapter.yaml"] = f"id: basics\ntitle: {_yaml(evil('chapter'))}\n"
    files["chapters/basics/chapter.yaml"] += "levels: [2]\n"
    files["chapters/basics/lessons/01-intro.md"] = (
        f'---\nid: basics.intro\ntitle: {_yaml(evil("title"))}\nsource: "000 P1"\n---\n'
        + LESSON_BODY
    )
    files["chapters/basics/cards.yaml"] = CARDS
    files["chapters/basics/questions.yaml"] = QUESTIONS
    files["exams/quiz.yaml"] = QUIZ
    return write_course(tmp_path / "content", files)


def test_the_audit_finds_what_runs_and_passes_escaped_text():
    assert Audit('<p><img src=x onerror="alert(1)"></p>').problems
    assert Audit('<a href=" java\tscript:alert(1)">x</a>').problems
    assert Audit("<script>alert(1)</script>").problems
    assert Audit('<script src="https://evil.example/x.js"></script>').problems
    clean = Audit('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script src="/static/js/a.js">')
    assert clean.problems == [] and clean.text == "<script>alert(1)</script>"


@pytest.fixture
def candidate(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")


def test_lesson_html_is_sanitised_and_titles_escaped(client, candidate):
    lesson = audited(client.get("/lessons/basics.intro"), evil("title"), evil("chapter"))
    for kept in ("正文保留。", "原始链接", "悬停", "点我", "危险", "标题"):
        assert kept in lesson.text
    assert 'alert("body")' not in lesson.text  # a script element goes with its content
    audited(client.get("/course"), evil("title"), evil("chapter"))
    audited(client.get("/chapters/basics"), evil("title"), evil("front"))
    audited(client.get("/search?q=alert"))
    audited(client.get("/practice/"), evil("chapter"))


def test_practice_pages_escape_questions_and_feedback(client, candidate):
    audited(client.get("/practice/chapter/basics?i=0"), evil("stem"), evil("option"))
    token = csrf_token(client, "/practice/")
    feedback = client.post(
        "/practice/chapter/basics?i=0", data={"answer": "A", "csrf_token": token}
    )
    page = audited(feedback, evil("stem"), "解析链接")
    assert "解析" in page.text
    audited(client.get("/practice/chapter/basics?i=1&study=1"), evil("short"), evil("model"),
            evil("point"))  # fmt: skip
    answered = client.post("/practice/chapter/basics?i=1",
                           data={"answer": evil("typed"), "csrf_token": token})  # fmt: skip
    audited(answered, evil("short"), evil("model"), evil("point"))
    audited(client.get("/practice/wrong-book"), evil("stem"))  # answered A: wrong


def test_exam_and_result_pages_escape_questions_and_the_candidates_answer(client, candidate):
    token = csrf_token(client, "/exams")
    audited(client.get("/exams"), evil("paper"))
    take = client.post("/exams/quiz/start", data={"csrf_token": token}, follow_redirects=True)
    audited(take, evil("paper"), evil("stem"), evil("option"), evil("short"))
    attempt_url = take.request.path
    form = {"answer-basics.q004": evil("typed"), "action": "save", "csrf_token": token}
    client.post(f"{attempt_url}/save", data=form)
    audited(client.get(attempt_url), evil("typed"))  # the saved answer, back in its textarea
    form["action"] = "submit"
    result = client.post(f"{attempt_url}/save", data=form, follow_redirects=True)
    assert result.request.path.endswith("/result")
    audited(result, evil("paper"), evil("stem"), evil("option"), evil("short"), evil("typed"),
            evil("model"), evil("point"), "解析链接")  # fmt: skip


def test_names_users_type_are_escaped_wherever_they_are_shown(client, auth):
    organisation = gen_organisation("本机构")
    cohort = gen_cohort(organisation, "一班")
    gen_user(role="hr", email="hr@example.com", organisation=organisation)
    gen_user(role="admin", email="admin@example.com")
    name, cohort_name = evil("name"), evil("cohort")
    token = csrf_token(client, "/auth/register")
    form = {
        "name": name,
        "email": "x@example.com",
        "password": "long-enough-1",
        "confirm": "long-enough-1",
        "invite_code": cohort.invite_code,
        "csrf_token": token,
    }
    registered = client.post("/auth/register", data=form, follow_redirects=True)
    audited(registered, name, "一班")
    auth.logout()

    auth.login("hr@example.com")
    token = csrf_token(client, "/auth/password")
    settings = f"/hr/cohorts/{cohort.id}/settings"
    form = {"name": cohort_name, "exam_date": "", "target_blueprint": "", "csrf_token": token}
    audited(client.post(settings, data=form, follow_redirects=True), cohort_name)
    candidate = client.get(f"/hr/cohorts/{cohort.id}?q=x%40example.com")
    audited(candidate, cohort_name, name)
    audited(client.get("/hr/cohorts"), cohort_name)
    user_id = db.session.scalar(select(User.id).where(User.email == "x@example.com"))
    audited(client.get(f"/hr/cohorts/{cohort.id}/candidates/{user_id}"), cohort_name, name)
    auth.logout()

    auth.login("admin@example.com")
    audited(client.get("/admin/users"), name)
    audited(client.get(f"/admin/organisations/{organisation.id}"), cohort_name)
    auth.logout()
    auth.login("x@example.com", "long-enough-1")
    audited(client.get("/"), name, cohort_name)
