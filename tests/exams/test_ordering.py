"""排序题 through the app: a paper of them sat through the API and the form fallback, practice,
the result page, and item analysis (issue 18: the type added through the registry only)."""

from __future__ import annotations

from sqlalchemy import select

from studyapp.extensions import db
from studyapp.models import AttemptItem
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from studyapp.trainer import analysis
from tests.conftest import csrf_token
from tests.factories import gen_user

LETTERS = "ABCDEFGH"


def _keys(attempt_id: int) -> dict[str, list[str]]:
    items = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id))
    return {i.question_id: [LETTERS[k] for k in i.snapshot["keys"]] for i in items}


def _bearer(user):
    from studyapp.auth import sessions

    return {"Authorization": f"Bearer {sessions.issue_api_token(user, 'test')}"}


def test_a_paper_of_ordering_questions_is_sat_and_scored(client):
    headers = _bearer(gen_user())
    started = client.post(
        "/api/v1/attempts", json={"blueprint": "practice-ordering"}, headers=headers
    )
    assert started.status_code == 201
    attempt = started.get_json()
    assert {q["type"] for q in attempt["questions"]} == {"ordering"}
    keys = _keys(attempt["id"])
    for n, question in enumerate(attempt["questions"]):
        answer = keys[question["question_id"]] if n else keys[question["question_id"]][::-1]
        url = f"/api/v1/attempts/{attempt['id']}/answers/{question['question_id']}"
        assert client.put(url, json={"answer": answer}, headers=headers).status_code == 200
    bad = client.put(url, json={"answer": ["A"]}, headers=headers)
    assert bad.status_code == 400 and "排序题" in bad.get_json()["error"]["message"]
    result = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=headers).get_json()
    assert result["score"] == 80 and result["passed"] is True
    first = result["questions"][0]
    assert first["status"] == "wrong" and first["key"] == keys[first["question_id"]]


def test_the_take_page_posts_positions_and_the_result_shows_the_order(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    start = client.post(
        "/exams/practice-ordering/start", data={"csrf_token": csrf_token(client, "/exams")}
    )
    url = start.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert 'data-shape="order"' in page and "<select" in page
    attempt_id = int(url.rsplit("/", 1)[1])
    keys = _keys(attempt_id)
    form = {"action": "submit", "csrf_token": csrf_token(client, url)}
    for question_id, key in keys.items():
        for position, letter in enumerate(key, start=1):
            form[f"answer-{question_id}-{letter}"] = str(position)
    done = client.post(f"{url}/save", data=form)
    result = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "正确顺序" in result and "你的顺序" in result
    assert client.get(f"/api/v1/attempts/{attempt_id}").get_json()["score"] == 100


def test_practice_scores_an_ordering_question(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    syllabus = current_syllabus()
    question = syllabus.questions["career.q054"]
    ids = [q.id for q in syllabus.questions_of("career")]
    url = f"/practice/chapter/career?i={ids.index(question.id)}"
    page = client.get(url).get_data(as_text=True)
    assert "为每一项选择它的顺序" in page
    from studyapp.domain.exams.snapshot import practice_snapshot

    snap = practice_snapshot(question)
    form = {"csrf_token": csrf_token(client, url)}
    for position, shown in enumerate(snap.keys, start=1):
        form[f"answer-{LETTERS[shown]}"] = str(position)
    answered = client.post(url, data=form).get_data(as_text=True)
    assert "status-right" in answered and question.explanation in answered


def test_item_analysis_takes_ordering_items(app, client):
    headers = _bearer(gen_user())
    for _ in range(3):
        attempt = client.post(
            "/api/v1/attempts", json={"blueprint": "practice-ordering"}, headers=headers
        ).get_json()
        client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=headers)
    responses = analysis.load_responses("practice-ordering", "all")
    assert len(responses) == 3
    items = [r for attempt in responses for r in attempt.responses]
    assert len(items) == 15 and all(r.options == 0 and r.mark == 0 for r in items)
    cache = analysis.compute("practice-ordering", "all", utcnow())
    assert cache.attempts == 3
