"""Faults: a server killed mid-review loses nothing it confirmed and leaves nothing half-done; a
database that is locked or unreachable answers a clear 503 and recovers by itself."""

from __future__ import annotations

import http.client
import json
import random
import sqlite3
import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from studyapp.auth import sessions as accounts
from studyapp.extensions import db
from studyapp.syllabus import current_syllabus
from tests.conftest import PG_URL, AuthActions, csrf_token
from tests.factories import gen_user
from tests.trust.live_server import LiveServer, server_env
from tests.trust.tcp_proxy import TcpProxy

UNAVAILABLE = "数据库暂时不可用"
CLIENTS = 4


class Reviewer(threading.Thread):
    """One candidate reviewing (and now and then undoing) until the server stops answering."""

    def __init__(self, port: int, token: str, cards: list[str], seed: int):
        super().__init__(daemon=True)
        self.port, self.cards, self.rng = port, cards, random.Random(seed)
        self.headers = _bearer(token)
        self.confirmed: list[tuple[str, int]] = []  # (card, revision) of each review answered 200
        self.error: str | None = None

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            while True:
                if self.rng.random() < 0.1:
                    post(connection, "/api/v1/cards/reviews/undo", {}, self.headers)
                    continue
                card = self.rng.choice(self.cards)
                body = {"rating": self.rng.choice([1, 2, 3, 3, 3, 4]), "duration_ms": 3000}
                path = f"/api/v1/cards/{card}/reviews"
                status, answer = post(connection, path, body, self.headers)
                if status != 200:  # one client per candidate: no race, so no 409 either
                    self.error = f"{status} {answer}"
                    return
                self.confirmed.append((card, answer["revision"]))
        except (OSError, http.client.HTTPException):
            return  # the server was killed: this request's outcome is unknown, and that is fine
        finally:
            connection.close()


def post(connection, path: str, body: dict, headers: dict) -> tuple[int, dict]:
    connection.request("POST", path, body=json.dumps(body), headers=headers)
    response = connection.getresponse()
    answer = json.loads(response.read() or b"{}")
    if response.will_close:  # gunicorn's sync workers close after each response
        connection.close()
    return response.status, answer


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def _candidates(count: int) -> list[tuple[int, str]]:
    users = [gen_user(email=f"kill{n}@example.com") for n in range(count)]
    return [(user.id, accounts.issue_api_token(user)) for user in users]


def _inconsistencies() -> list[str]:
    """Progress rows and review_log rows that disagree, found with plain SQL."""
    rows = db.session.execute(
        text("""
            SELECT p.id, p.state, p.due, p.reps, p.revision,
                   (SELECT COUNT(*) FROM review_log l
                     WHERE l.progress_id = p.id AND l.undone_at IS NULL) AS kept,
                   (SELECT COUNT(*) FROM review_log l
                     WHERE l.progress_id = p.id AND l.revision_after > p.revision) AS ahead,
                   last.state_after, last.due_after
            FROM card_progress p
            LEFT JOIN review_log last ON last.id = (
                SELECT MAX(l.id) FROM review_log l
                WHERE l.progress_id = p.id AND l.undone_at IS NULL)
        """)
    ).all()
    problems = []
    for pid, state, due, reps, revision, kept, ahead, state_after, due_after in rows:
        if kept != reps:
            problems.append(f"progress {pid}: reps {reps} but {kept} kept reviews in the log")
        if ahead:
            problems.append(f"progress {pid}: {ahead} logged reviews beyond revision {revision}")
        if kept and (state, due) != (state_after, due_after):
            problems.append(
                f"progress {pid}: {state}/{due} but last review left {state_after}/{due_after}"
            )
    return problems


def test_server_killed_mid_review_keeps_every_confirmed_review_whole(app, database_url, tmp_path):
    candidates = _candidates(CLIENTS)
    cards = sorted(current_syllabus().cards)[:12]  # few cards, so each is reviewed many times
    env = server_env(database_url, str(tmp_path))
    with LiveServer(env, tmp_path / "gunicorn.log") as server:
        reviewers = [
            Reviewer(server.port, token, cards, seed) for seed, (_, token) in enumerate(candidates)
        ]
        for reviewer in reviewers:
            reviewer.start()
        deadline = time.monotonic() + 20
        while sum(len(r.confirmed) for r in reviewers) < 60 and time.monotonic() < deadline:
            time.sleep(0.02)
        server.kill()  # SIGKILL to master and workers, with reviews in flight
        for reviewer in reviewers:
            reviewer.join(30)
    assert [r.error for r in reviewers] == [None] * CLIENTS
    assert sum(len(r.confirmed) for r in reviewers) >= 20, "too few reviews before the kill"

    with LiveServer(env, tmp_path / "gunicorn.log") as server:  # same database, cold start
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
        path = f"/api/v1/cards/{cards[0]}/reviews"
        assert post(connection, path, {"rating": 3}, _bearer(candidates[0][1]))[0] == 200
        connection.close()

    logged = set(
        db.session.execute(text("SELECT user_id, card_id, revision_after FROM review_log")).all()
    )
    for (user_id, _token), reviewer in zip(candidates, reviewers, strict=True):
        missing = [(c, rev) for c, rev in reviewer.confirmed if (user_id, c, rev) not in logged]
        assert missing == [], f"confirmed reviews of user {user_id} missing from review_log"
    assert _inconsistencies() == []


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_locked_sqlite_answers_503_then_recovers(app, database_url, make_app):
    user = gen_user(email="locked@example.com")
    bearer = {"Authorization": f"Bearer {accounts.issue_api_token(user)}"}
    served = make_app(SQLITE_BUSY_TIMEOUT_MS=300)
    client = served.test_client()
    AuthActions(client).login("locked@example.com")
    language = {"locale": "en"}

    # In WAL mode readers never wait; writes do, and both a bearer token (its last use is
    # recorded) and changing the language write.
    holder = sqlite3.connect(make_url(database_url).database, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        api = client.get("/api/v1/me", headers=bearer)
        assert api.status_code == 503
        assert api.headers["Retry-After"]
        assert UNAVAILABLE in api.get_json()["error"]["message"]
        assert time.monotonic() - started < 3  # the configured 0.3 s, not the default 5 s
        page = client.post("/language", data={**language, "csrf_token": csrf_token(client, "/")})
        assert page.status_code == 503
        assert page.mimetype == "text/html" and UNAVAILABLE in page.get_data(as_text=True)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert client.get("/api/v1/me", headers=bearer).get_json()["email"] == "locked@example.com"
    page = client.post("/language", data={**language, "csrf_token": csrf_token(client, "/")})
    assert page.status_code == 302
    db.session.expire_all()
    assert user.locale == "en"


@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_unreachable_postgresql_answers_503_then_recovers(app, database_url, make_app):
    user = gen_user(email="cut@example.com")
    bearer = {"Authorization": f"Bearer {accounts.issue_api_token(user)}"}
    url = make_url(database_url)
    with TcpProxy(url.host, url.port or 5432) as proxy:
        served = make_app(
            SQLALCHEMY_DATABASE_URI=url.set(host="127.0.0.1", port=proxy.port).render_as_string(
                False
            )
        )
        client = served.test_client()
        AuthActions(client).login("cut@example.com")
        assert client.get("/api/v1/me", headers=bearer).status_code == 200
        assert client.get("/").status_code == 200

        proxy.cut()  # pooled connections die, new ones are refused
        api = client.get("/api/v1/me", headers=bearer)
        assert api.status_code == 503
        assert UNAVAILABLE in api.get_json()["error"]["message"]
        page = client.get("/")
        assert page.status_code == 503
        assert page.mimetype == "text/html" and UNAVAILABLE in page.get_data(as_text=True)

        proxy.restore()
        assert client.get("/api/v1/me", headers=bearer).get_json()["email"] == "cut@example.com"
        home = client.get("/")
        assert home.status_code == 200 and UNAVAILABLE not in home.get_data(as_text=True)
