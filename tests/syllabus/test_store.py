"""Publishing and reloading: a broken reload keeps the old syllabus; every worker follows releases."""

import pytest
from sqlalchemy import select

from studyapp import create_app
from studyapp.extensions import db
from studyapp.models import SyllabusRelease
from studyapp.syllabus import current_syllabus
from tests.content_fixtures import write_course
from tests.factories import gen_user

QUESTIONS = "chapters/basics/questions.yaml"


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def _store(app):
    return app.extensions["syllabus_store"]


def _break(content_dir):
    path = content_dir / QUESTIONS
    path.write_text(path.read_text(encoding="utf-8").replace("answer: B", "answer: E"), "utf-8")


def _edit_stem(content_dir, new_stem: str):
    path = content_dir / QUESTIONS
    path.write_text(path.read_text(encoding="utf-8").replace("单选？", new_stem), "utf-8")


def test_serves_the_files_on_disk_until_something_is_published(app, content_dir):
    assert current_syllabus().questions["basics.q001"].stem == "单选？"
    assert db.session.scalars(select(SyllabusRelease)).all() == []


def test_publish_then_unchanged(app, content_dir):
    first = _store(app).publish_from_disk("test")
    assert first.status == "published"
    again = _store(app).publish_from_disk("test")
    assert again.status == "unchanged"
    release = db.session.scalars(select(SyllabusRelease)).one()
    assert release.status == "ok" and release.content_hash == first.content_hash
    assert release.summary["questions"] == 4


def test_a_broken_reload_keeps_the_old_syllabus_and_shows_the_problems(
    app, client, auth, content_dir
):
    store = _store(app)
    store.publish_from_disk("test")
    old_hash = current_syllabus().content_hash
    _break(content_dir)
    outcome = store.publish_from_disk("test")
    assert outcome.status == "failed"
    assert any(p.file == QUESTIONS and p.line == 5 for p in outcome.problems)
    assert current_syllabus().content_hash == old_hash
    assert current_syllabus().questions["basics.q001"].keys == frozenset({1})

    gen_user(role="trainer", email="t@example.com")
    auth.login("t@example.com")
    assert "仍在使用上一个版本" in client.get("/course").get_data(as_text=True)
    page = client.get("/trainer/content").get_data(as_text=True)
    assert "chapters/basics/questions.yaml" in page and "答案“E”不在选项之中" in page


def test_candidates_do_not_see_the_problem_banner(app, client, auth, content_dir):
    _store(app).publish_from_disk("test")
    _break(content_dir)
    _store(app).publish_from_disk("test")
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    page = client.get("/course")
    assert page.status_code == 200
    assert "仍在使用上一个版本" not in page.get_data(as_text=True)


def test_another_worker_follows_the_newest_release(app, content_dir, database_url):
    other = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "CONTENT_DIR": str(content_dir)})
    _store(app).publish_from_disk("test")
    with other.app_context():
        assert current_syllabus().questions["basics.q001"].stem == "单选？"
    _edit_stem(content_dir, "新的题干？")
    assert _store(app).publish_from_disk("test").status == "published"
    with other.app_context():
        assert current_syllabus().questions["basics.q001"].stem == "新的题干？"
        db.session.remove()


def test_a_worker_keeps_the_last_release_even_if_its_disk_is_broken(app, content_dir, database_url):
    _store(app).publish_from_disk("test")
    _break(content_dir)  # a later deploy left broken files; a restarted worker must not serve them
    restarted = create_app(
        {"SQLALCHEMY_DATABASE_URI": database_url, "CONTENT_DIR": str(content_dir)}
    )
    with restarted.app_context():
        assert current_syllabus().questions["basics.q001"].keys == frozenset({1})
        db.session.remove()


def test_sighup_publishes_on_the_next_request(app, content_dir):
    store = _store(app)
    store.publish_from_disk("test")
    _edit_stem(content_dir, "信号之后？")
    store.request_reload()
    assert current_syllabus().questions["basics.q001"].stem == "信号之后？"
    latest = db.session.scalars(select(SyllabusRelease).order_by(SyllabusRelease.id.desc())).first()
    assert latest.created_by == "signal"


def test_nothing_loadable_answers_503_and_trainers_see_why(app, client, auth, content_dir):
    _break(content_dir)
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    response = client.get("/course")
    assert response.status_code == 503
    assert "课程内容暂时不可用" in response.get_data(as_text=True)
    auth.logout()
    gen_user(role="trainer", email="t@example.com")
    auth.login("t@example.com")
    page = client.get("/trainer/content")
    assert page.status_code == 200
    assert "目前没有可用的课程内容" in page.get_data(as_text=True)
    assert "答案“E”不在选项之中" in page.get_data(as_text=True)
