"""A mock exam survives its server: gunicorn killed (SIGKILL) while a candidate saves answers,
then started again on the same database; every acknowledged answer and the deadline are there."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from datetime import datetime

from studyapp.auth import sessions as accounts
from tests.factories import gen_user
from tests.trust.live_server import LiveServer, server_env

PAPER = "mock-theory"


def request(port: int, method: str, path: str, token: str, body=None) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        data = None if body is None else json.dumps(body)
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def an_answer(question: dict, rng: random.Random):
    """A valid answer for the question's type, different from one call to the next."""
    letters = [option["letter"] for option in question["options"]]
    if question["type"] == "judge":
        return rng.choice([True, False])
    if question["type"] == "multiple":
        return sorted(rng.sample(letters, rng.randint(1, len(letters))))
    if question["type"] == "short":
        return f"要点{rng.randint(1, 10**6)}：先倾听，再复述客户的诉求。"
    return rng.choice(letters)


class Answerer(threading.Thread):
    """Saves answers one after another until the server stops answering.

    ``acknowledged`` holds the last answer per question that the server confirmed with 200;
    ``in_flight`` the one sent when the server died, whose outcome is unknown.
    """

    def __init__(self, port: int, token: str, attempt: dict, seed: int):
        super().__init__(daemon=True)
        self.port, self.token, self.attempt = port, token, attempt
        self.rng = random.Random(seed)
        self.acknowledged: dict[str, object] = {}
        self.saves = 0
        self.in_flight: tuple[str, object] | None = None
        self.error: str | None = None

    def run(self) -> None:
        path = f"/api/v1/attempts/{self.attempt['id']}/answers/"
        while True:
            question = self.rng.choice(self.attempt["questions"])
            answer = an_answer(question, self.rng)
            self.in_flight = (question["question_id"], answer)
            try:
                status, body = request(
                    self.port, "PUT", path + question["question_id"], self.token, {"answer": answer}
                )
            except (OSError, http.client.HTTPException):
                return  # killed mid-request: this save may or may not have landed
            if status != 200:
                self.error = f"{status} {body}"
                return
            assert body["answer"] == answer
            self.acknowledged[question["question_id"]] = answer
            self.saves += 1
            self.in_flight = None


def test_killed_server_keeps_every_saved_answer_and_the_deadline(app, database_url, tmp_path):
    users = [gen_user(email=f"examinee{n}@example.com") for n in range(3)]
    tokens = [accounts.issue_api_token(user) for user in users]
    env = server_env(database_url, str(tmp_path))
    log = tmp_path / "gunicorn.log"

    with LiveServer(env, log) as server:
        started = [
            request(server.port, "POST", "/api/v1/attempts", t, {"blueprint": PAPER})
            for t in tokens
        ]
        assert [status for status, _ in started] == [201] * len(tokens)
        attempts = [body for _, body in started]
        assert all(a["deadline"] and a["remaining_seconds"] > 60 for a in attempts)
        answerers = [
            Answerer(server.port, token, attempt, seed)
            for seed, (token, attempt) in enumerate(zip(tokens, attempts, strict=True))
        ]
        for answerer in answerers:
            answerer.start()
        give_up = time.monotonic() + 30
        while sum(a.saves for a in answerers) < 60 and time.monotonic() < give_up:
            time.sleep(0.02)
        server.kill()  # master and workers, with saves in flight
        for answerer in answerers:
            answerer.join(30)
    assert [a.error for a in answerers] == [None] * len(answerers)
    assert sum(a.saves for a in answerers) >= 30, "too few saves before the kill"

    time.sleep(1.5)  # the clock runs on while the server is down
    with LiveServer(env, log) as server:  # a cold start on the same database
        for token, attempt, answerer in zip(tokens, attempts, answerers, strict=True):
            status, resumed = request(
                server.port, "GET", f"/api/v1/attempts/{attempt['id']}", token
            )
            assert status == 200
            assert resumed["status"] == "in_progress"
            assert resumed["deadline"] == attempt["deadline"], "the deadline moved"
            expected = _remaining(attempt["deadline"])
            assert abs(resumed["remaining_seconds"] - expected) <= 2
            assert resumed["remaining_seconds"] < attempt["remaining_seconds"]
            stored = {q["question_id"]: q["answer"] for q in resumed["questions"]}
            for question_id, answer in answerer.acknowledged.items():
                possible = [answer]
                if answerer.in_flight and answerer.in_flight[0] == question_id:
                    possible.append(answerer.in_flight[1])
                assert stored[question_id] in possible, f"answer to {question_id} lost"
            never_saved = set(stored) - set(answerer.acknowledged)
            if answerer.in_flight:
                never_saved.discard(answerer.in_flight[0])
            assert all(stored[q] is None for q in never_saved), "an answer appeared from nowhere"

            # The resumed attempt goes on as before: one more save, then submission scores it.
            question = resumed["questions"][0]
            path = f"/api/v1/attempts/{attempt['id']}/answers/{question['question_id']}"
            answer = an_answer(question, random.Random(7))
            assert request(server.port, "PUT", path, token, {"answer": answer})[0] == 200
            status, result = request(
                server.port, "POST", f"/api/v1/attempts/{attempt['id']}/submit", token
            )
            assert status == 200 and result["status"] == "submitted"
            assert result["score"] is not None


def _remaining(deadline: str) -> float:
    return (
        datetime.fromisoformat(deadline) - datetime.now(datetime.fromisoformat(deadline).tzinfo)
    ).total_seconds()
