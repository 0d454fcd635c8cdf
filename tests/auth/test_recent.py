"""The caller of a request, remembered for a few seconds instead of loaded on every request."""

import pytest
from sqlalchemy import update

from studyapp.auth import services
from studyapp.auth.recent import RecentAccounts
from studyapp.extensions import db
from studyapp.models import User
from tests.factories import gen_user
from tests.statements import Statements


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(app):
    clock = Clock()
    app.extensions["recent_accounts"] = RecentAccounts(clock=clock)
    return clock


@pytest.fixture
def bearer(app):
    user = gen_user(email="caller@example.com")
    return user.id, {"Authorization": f"Bearer {services.issue_api_token(user)}"}


def _account_queries(statements):
    return [s for s in statements.text if "FROM user_account" in s]


def test_a_token_used_again_within_seconds_loads_no_account(client, clock, bearer):
    _user_id, headers = bearer
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with Statements() as statements:
        again = client.get("/api/v1/me", headers=headers)
    assert again.get_json()["email"] == "caller@example.com"
    assert _account_queries(statements) == []
    clock.now += 6  # past the five seconds: loaded afresh
    with Statements() as statements:
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert len(_account_queries(statements)) == 1


def test_a_session_cookie_user_is_remembered_too(client, auth, clock):
    gen_user(email="cookie@example.com")
    auth.login("cookie@example.com")
    assert client.get("/").status_code == 200
    with Statements() as statements:
        assert client.get("/api/v1/me").get_json()["email"] == "cookie@example.com"
    assert _account_queries(statements) == []


def test_an_account_deactivated_through_this_process_is_refused_at_once(client, clock, bearer):
    user_id, headers = bearer
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    user = db.session.get(User, user_id)
    user.active = False
    db.session.commit()
    db.session.remove()  # the next request starts from an empty session, as on a server
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_change_made_by_another_process_counts_within_the_seconds_remembered(
    client, clock, bearer
):
    user_id, headers = bearer
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    # Another worker deactivates the account: this process hears nothing of it.
    db.session.execute(update(User).where(User.id == user_id).values(active=False))
    db.session.commit()
    db.session.remove()
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    clock.now += 5
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_remembered_account_is_a_clean_member_of_the_session_and_saves_changes(
    client, clock, bearer
):
    user_id, headers = bearer
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    changed = client.patch("/api/v1/me", json={"locale": "en"}, headers=headers)
    assert changed.status_code == 200
    db.session.expire_all()
    assert db.session.get(User, user_id).locale == "en"
    with Statements() as statements:  # the change made it forget: loaded afresh
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert len(_account_queries(statements)) == 1


def test_the_memory_is_bounded(app):
    memory = RecentAccounts(size=2)
    users = [gen_user() for _ in range(3)]
    for user in users:
        memory.remember(user, f"digest-{user.id}")
    remembered = [memory.user(user.id) for user in users]
    assert remembered[:2] == [None, None] and remembered[2] is users[2]
    assert memory.user_of_token(f"digest-{users[2].id}") is users[2]
