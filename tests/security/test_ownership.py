"""One candidate can neither read nor change another's attempts, cards, bookmarks or mistakes.

The attacker guesses ids (attempts are numbered 1, 2, 3, …) on the web pages and over the API,
with a session and with a bearer token; everything of the victim's looks missing (404), stays as
it was, and none of it appears in what the attacker is sent.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from studyapp.auth import sessions as accounts
from studyapp.cards import reviews
from studyapp.exams import answers, attempts, practice, wrongbook
from studyapp.extensions import db
from studyapp.lessons import services as lessons
from studyapp.models import Attempt, Bookmark, CardProgress, ReviewLog
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from tests.conftest import csrf_token
from tests.factories import gen_cohort, gen_user
from tests.security.html_audit import Audit

SECRET = "乙的私密作答XYZ"  # the victim's short answer: must never reach the attacker


@pytest.fixture
def victim(app):
    """B, in a cohort, with a paper in progress, a submitted one, cards, bookmarks and mistakes."""
    syllabus, now = current_syllabus(), utcnow()
    user = gen_user(email="b@example.com", name="受害者乙", cohort=gen_cohort())
    open_attempt = attempts.start_attempt(user, syllabus, "quick-quiz", now, random.Random(1))
    judge = next(i for i in open_attempt.items if i.snapshot["type"] == "judge")
    answers.save_answer(open_attempt.user_id, open_attempt.id, judge.question_id, True, now)
    done = attempts.start_attempt(user, syllabus, "skills-short", now, random.Random(2))
    answers.save_answer(done.user_id, done.id, done.items[0].question_id, SECRET, now)
    done = attempts.submit(done, now)
    card_id = next(iter(syllabus.cards))
    reviews.review_card(user, syllabus, card_id, 3, now)
    question = next(q for q in syllabus.questions.values() if q.type == "single")
    wrong = "ABCD"[next(i for i in range(4) if i not in question.keys)]
    practice.answer(user.id, syllabus, question.id, wrong, "chapter", now)
    wrongbook.toggle_bookmark(user.id, "question", question.id)
    lesson = syllabus.active_lessons()[0]
    lessons.mark_read(user.id, lesson.id, now)
    return {"user": user, "open": open_attempt, "judge": judge.question_id, "done": done,
            "card": card_id, "question": question, "lesson": lesson}  # fmt: skip


@pytest.fixture
def attacker(client, auth):
    """A, another candidate, signed in; ``token`` for the API by session, ``bearer`` by token."""
    user = gen_user(email="a@example.com", name="攻击者甲", cohort=gen_cohort())
    auth.login("a@example.com")
    bearer = {"Authorization": f"Bearer {accounts.issue_api_token(user)}"}
    return {"user": user, "token": csrf_token(client, "/auth/password"), "bearer": bearer}


def attempt_state(attempt_id: int):
    db.session.expire_all()
    attempt = db.session.get(Attempt, attempt_id)
    items = [(i.question_id, i.answer, i.ticked, i.mark, i.status) for i in attempt.items]
    return attempt.submitted_at, attempt.score, attempt.passed, items


def _hidden(response, victim) -> None:
    assert response.status_code == 404, response.status_code
    body = response.get_data(as_text=True)
    assert SECRET not in body and "b@example.com" not in body and "受害者乙" not in body


def test_anothers_attempts_look_missing_on_the_web(client, auth, victim, attacker):
    token = attacker["token"]
    for attempt in (victim["open"], victim["done"]):
        before = attempt_state(attempt.id)
        base = f"/attempts/{attempt.id}"
        question = attempt.items[0].question_id
        _hidden(client.get(base), victim)
        _hidden(client.get(f"{base}/result"), victim)
        form = {f"answer-{victim['judge']}": "false", "action": "submit", "csrf_token": token}
        _hidden(client.post(f"{base}/save", data=form), victim)
        _hidden(client.post(f"{base}/submit", data={"csrf_token": token}), victim)
        ticks = {"ticked": ["0", "1"], "csrf_token": token}
        _hidden(client.post(f"{base}/mark/{question}", data=ticks), victim)
        assert attempt_state(attempt.id) == before
    # The attacker's own list of papers does not link to the victim's.
    page = client.get("/exams").get_data(as_text=True)
    assert f"/attempts/{victim['done'].id}" not in page and SECRET not in page
    # The owner still sees the answer on the same page: the checks above are not vacuous.
    auth.logout()
    auth.login("b@example.com")
    result = client.get(f"/attempts/{victim['done'].id}/result")
    assert result.status_code == 200 and SECRET in result.get_data(as_text=True)


@pytest.mark.parametrize("by", ["session", "bearer"])
def test_anothers_attempts_look_missing_over_the_api(client, victim, attacker, by):
    headers = {"X-CSRFToken": attacker["token"]} if by == "session" else attacker["bearer"]
    own = client.post("/api/v1/attempts", json={"blueprint": "quick-quiz"}, headers=headers)
    assert own.status_code == 201
    mine = own.get_json()["id"]
    states = {a.id: attempt_state(a.id) for a in (victim["open"], victim["done"])}
    highest = db.session.scalar(select(func.max(Attempt.id)))
    for guess in range(1, highest + 3):  # every id there is, and a couple that are not yet
        response = client.get(f"/api/v1/attempts/{guess}", headers=headers)
        if guess == mine:
            assert response.status_code == 200 and response.get_json()["id"] == mine
            continue
        _hidden(response, victim)
        assert response.get_json()["error"]["status"] == 404
        answer = {"answer": False}
        put = f"/api/v1/attempts/{guess}/answers/{victim['judge']}"
        _hidden(client.put(put, json=answer, headers=headers), victim)
        _hidden(client.post(f"/api/v1/attempts/{guess}/submit", headers=headers), victim)
    assert {i: attempt_state(i) for i in states} == states


def _progress(user_id: int, card_id: str):
    db.session.expire_all()
    row = db.session.scalar(
        select(CardProgress).where(CardProgress.user_id == user_id, CardProgress.card_id == card_id)
    )
    return None if row is None else (row.state, row.reps, row.revision, row.due, row.stability)


def test_reviewing_and_undoing_touch_only_ones_own_cards(client, victim, attacker):
    headers = {"X-CSRFToken": attacker["token"]}
    card, b, a = victim["card"], victim["user"].id, attacker["user"].id
    before = _progress(b, card)
    # Nothing of the attacker's to undo: the victim's last review is not theirs to take back.
    assert client.post("/api/v1/cards/reviews/undo", headers=headers).status_code == 404
    # Naming the victim's revision gets a conflict; rating without one makes the attacker's own.
    url = f"/api/v1/cards/{card}/reviews"
    assert before[2] == 1
    assert client.post(url, json={"rating": 1, "revision": 1}, headers=headers).status_code == 409
    answer = client.post(url, json={"rating": 1}, headers=headers)
    assert answer.status_code == 200 and answer.get_json()["revision"] == 1
    assert _progress(a, card) is not None and _progress(b, card) == before
    assert client.post("/api/v1/cards/reviews/undo", headers=headers).status_code == 200
    assert client.post("/api/v1/cards/reviews/undo", headers=headers).status_code == 404
    assert _progress(b, card) == before
    undone = select(func.count()).where(ReviewLog.user_id == b, ReviewLog.undone_at.is_not(None))
    assert db.session.scalar(undone) == 0
    stats = client.get("/api/v1/me/cards/stats").get_json()
    assert sum(day["count"] for day in stats["reviews_per_day"]) == 0


def test_bookmarks_are_ones_own(client, victim, attacker):
    question, b = victim["question"], victim["user"].id
    assert "还没有收藏的题" in client.get("/practice/bookmarks/all").get_data(as_text=True)
    form = {"kind": "question", "item_id": question.id, "csrf_token": attacker["token"]}
    for expected in (1, 0):  # the attacker's toggle adds and removes the attacker's bookmark
        assert client.post("/practice/bookmark", data=form).status_code == 302
        assert wrongbook.bookmarks(attacker["user"].id, "question") == [question.id] * expected
        assert wrongbook.bookmarks(b, "question") == [question.id]
    assert db.session.scalar(select(func.count()).select_from(Bookmark)) == 1


def test_the_wrong_answer_book_and_reading_are_ones_own(client, victim, attacker):
    question = victim["question"]
    book = Audit(client.get("/practice/wrong-book").get_data(as_text=True)).text
    assert question.stem not in book and "错题本" in book
    assert client.get("/api/v1/me/wrong-answers").get_json() == {"wrong_answers": []}
    assert "错题本是空的" in client.get("/practice/wrong/all").get_data(as_text=True)
    assert question.stem not in Audit(client.get("/practice/").get_data(as_text=True)).text
    lesson_page = client.get(f"/lessons/{victim['lesson'].id}").get_data(as_text=True)
    assert "已读于" not in lesson_page and "我已读完本课" in lesson_page
    # The victim's own book still holds it: the checks above are not vacuous.
    assert [e.question_id for e in wrongbook.open_entries(victim["user"].id)] == [question.id]
