"""The exams API: papers, attempts, answers, submission and the wrong-answer book."""

import json

import pytest

from studyapp.auth import sessions as accounts
from tests.factories import gen_user


@pytest.fixture
def headers(app):
    return {"Authorization": f"Bearer {accounts.issue_api_token(gen_user(email='c@example.com'))}"}


def test_blueprints_list_the_papers(client, headers):
    papers = {
        p["id"]: p
        for p in client.get("/api/v1/blueprints", headers=headers).get_json()["blueprints"]
    }
    mock = papers["mock-theory"]
    assert (mock["questions"], mock["time_limit"]) == (125, 90)
    assert mock["total"] == pytest.approx(100)
    assert [(p["title"], p["pass_mark"]) for p in mock["parts"]] == [("理论知识（含职业道德）", 60)]


def test_no_key_reaches_the_client_before_submission(client, headers):
    started = client.post("/api/v1/attempts", json={"blueprint": "quick-quiz"}, headers=headers)
    assert started.status_code == 201
    body = started.get_json()
    text = json.dumps(body, ensure_ascii=False)
    for leak in ('"key"', "explanation", "judge_answer", "keys", "model_answer", "key_points"):
        assert leak not in text
    page = client.get(f"/api/v1/attempts/{body['id']}", headers=headers).get_json()
    assert "explanation" not in json.dumps(page, ensure_ascii=False)
    assert page["status"] == "in_progress" and 0 < page["remaining_seconds"] <= 1200


def test_save_resume_and_submit(client, headers):
    body = client.post(
        "/api/v1/attempts", json={"blueprint": "quick-quiz"}, headers=headers
    ).get_json()
    attempt_id = body["id"]
    question = next(q for q in body["questions"] if q["type"] == "single")
    url = f"/api/v1/attempts/{attempt_id}/answers/{question['question_id']}"
    for _ in range(2):  # idempotent
        saved = client.put(url, json={"answer": "B"}, headers=headers)
        assert saved.status_code == 200 and saved.get_json()["answer"] == "B"
    again = client.post("/api/v1/attempts", json={"blueprint": "quick-quiz"}, headers=headers)
    assert again.status_code == 200 and again.get_json()["id"] == attempt_id  # resumed
    resumed = {q["question_id"]: q["answer"] for q in again.get_json()["questions"]}
    assert resumed[question["question_id"]] == "B"
    result = client.post(f"/api/v1/attempts/{attempt_id}/submit", headers=headers).get_json()
    assert result["status"] == "submitted" and result["total"] == 100
    reviewed = next(q for q in result["questions"] if q["question_id"] == question["question_id"])
    assert reviewed["key"] and reviewed["explanation"] and reviewed["status"] in ("right", "wrong")
    late = client.put(url, json={"answer": "A"}, headers=headers)
    assert late.status_code == 409 and "已交卷" in late.get_json()["error"]["message"]
    assert (
        client.post(f"/api/v1/attempts/{attempt_id}/submit", headers=headers).get_json() == result
    )


def test_bad_requests_are_explained(client, headers):
    assert (
        client.post("/api/v1/attempts", json={"blueprint": "nope"}, headers=headers).status_code
        == 404
    )
    assert client.post("/api/v1/attempts", json={}, headers=headers).status_code == 400
    body = client.post(
        "/api/v1/attempts", json={"blueprint": "quick-quiz"}, headers=headers
    ).get_json()
    question = next(q for q in body["questions"] if q["type"] == "multiple")
    url = f"/api/v1/attempts/{body['id']}/answers/{question['question_id']}"
    wrong = client.put(url, json={"answer": "AC"}, headers=headers)
    assert wrong.status_code == 400 and "选项字母的列表" in wrong.get_json()["error"]["message"]
    assert client.put(url, json={}, headers=headers).status_code == 400
    assert (
        client.put(
            f"/api/v1/attempts/{body['id']}/answers/x.y", json={"answer": "A"}, headers=headers
        ).status_code
        == 404
    )
    assert client.get("/api/v1/attempts/999999", headers=headers).status_code == 404


def test_another_candidates_attempt_is_not_found(client, headers):
    body = client.post(
        "/api/v1/attempts", json={"blueprint": "quick-quiz"}, headers=headers
    ).get_json()
    other = {"Authorization": f"Bearer {accounts.issue_api_token(gen_user())}"}
    assert client.get(f"/api/v1/attempts/{body['id']}", headers=other).status_code == 404
    assert client.post(f"/api/v1/attempts/{body['id']}/submit", headers=other).status_code == 404


def test_wrong_answers_endpoint(client, headers):
    body = client.post(
        "/api/v1/attempts", json={"blueprint": "quick-quiz"}, headers=headers
    ).get_json()
    judge = next(q for q in body["questions"] if q["type"] == "judge")
    url = f"/api/v1/attempts/{body['id']}/answers/{judge['question_id']}"
    client.put(url, json={"answer": True}, headers=headers)
    result = client.post(f"/api/v1/attempts/{body['id']}/submit", headers=headers).get_json()
    status = next(q for q in result["questions"] if q["question_id"] == judge["question_id"])[
        "status"
    ]
    book = client.get("/api/v1/me/wrong-answers", headers=headers).get_json()["wrong_answers"]
    assert (judge["question_id"] in [e["question_id"] for e in book]) == (status == "wrong")
