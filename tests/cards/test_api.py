"""The flashcard API: due queue, reviews, undo and statistics, as a client sees them."""

import pytest
from sqlalchemy import select

from studyapp.auth import sessions as accounts
from studyapp.extensions import db
from studyapp.models import StudySettings, User
from tests.content_fixtures import write_course
from tests.factories import gen_user


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


@pytest.fixture
def headers(app):
    user = gen_user(email="c@example.com")
    return {"Authorization": f"Bearer {accounts.issue_api_token(user)}"}


def test_due_lists_new_cards_with_everything_to_show_them(client, headers):
    body = client.get("/api/v1/cards/due?limit=2", headers=headers).get_json()
    assert body["counts"] == {"learning": 0, "review": 0, "new": 3}
    assert [card["card_id"] for card in body["cards"]] == ["basics.card.one", "basics.card.two"]
    first, cloze = body["cards"]
    assert first["content"] == {"front": "问", "back": "答"}
    assert first["state"] == "new" and first["revision"] == 0
    assert first["lesson"]["url"] == "/lessons/basics.intro"
    assert set(first["intervals"]) == {"1", "2", "3", "4"}
    assert first["intervals"]["3"]["seconds"] == 600
    assert cloze["content"]["segments"] == [
        {"text": "服务业占比约 "},
        {"answer": "70%", "hint": None},
        {"text": "。"},
    ]


def test_review_then_conflict_then_undo(client, headers):
    url = "/api/v1/cards/basics.card.one/reviews"
    response = client.post(
        url, json={"rating": 3, "duration_ms": 4200, "revision": 0}, headers=headers
    )
    assert response.status_code == 200
    state = response.get_json()
    assert (state["state"], state["revision"], state["reps"]) == ("learning", 1, 1)
    assert state["stability"] > 0 and state["due"]
    stale = client.post(url, json={"rating": 1, "revision": 0}, headers=headers)
    assert stale.status_code == 409
    assert "别处复习过" in stale.get_json()["error"]["message"]
    undone = client.post("/api/v1/cards/reviews/undo", headers=headers)
    assert undone.status_code == 200 and undone.get_json()["state"] == "new"
    assert client.post("/api/v1/cards/reviews/undo", headers=headers).status_code == 404


def test_bad_review_requests_are_explained(client, headers):
    url = "/api/v1/cards/basics.card.one/reviews"
    cases = [
        ({"rating": 5}, "rating 应为 1 到 4"),
        ({"rating": "3"}, "rating 应为 1 到 4"),
        ({}, "缺少字段 rating"),
        ({"rating": 3, "mood": "good"}, "未知字段：mood"),
        ({"rating": 3, "duration_ms": -1}, "duration_ms"),
    ]
    for payload, words in cases:
        response = client.post(url, json=payload, headers=headers)
        assert response.status_code == 400, payload
        assert words in response.get_json()["error"]["message"]
    missing = client.post(
        "/api/v1/cards/basics.card.nope/reviews", json={"rating": 3}, headers=headers
    )
    assert missing.status_code == 404
    assert client.get("/api/v1/cards/due?limit=0", headers=headers).status_code == 400
    assert client.get("/api/v1/cards/due?mode=cram", headers=headers).status_code == 400
    assert client.get("/api/v1/me/cards/stats", headers=headers).get_json()["by_state"]["new"] == 3


def test_stats_after_reviews(client, headers):
    client.post("/api/v1/cards/basics.card.one/reviews", json={"rating": 3}, headers=headers)
    stats = client.get("/api/v1/me/cards/stats", headers=headers).get_json()
    assert stats["by_state"] == {"new": 2, "learning": 1, "young": 0, "mature": 0, "relearning": 0}
    assert stats["reviews_per_day"][-1]["count"] == 1
    assert stats["mastery"]["basics"] == pytest.approx(1 / 3)


def test_anonymous_callers_get_401(client):
    assert client.get("/api/v1/cards/due").status_code == 401
    assert (
        client.post("/api/v1/cards/basics.card.one/reviews", json={"rating": 3}).status_code == 401
    )


def test_due_takes_extra_new_cards_beyond_the_limit(client, headers):
    user = db.session.scalars(select(User).where(User.email == "c@example.com")).one()
    db.session.add(StudySettings(user_id=user.id, new_per_day=1))
    db.session.commit()
    assert client.get("/api/v1/cards/due", headers=headers).get_json()["counts"]["new"] == 1
    body = client.get("/api/v1/cards/due?extra=1", headers=headers).get_json()
    assert body["counts"]["new"] == 2
    assert client.get("/api/v1/cards/due?extra=-1", headers=headers).status_code == 400
