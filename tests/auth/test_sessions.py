"""Sessions and tokens end when they should, on every worker at once (issue 15, findings 3, 4, 7
and 9). A "worker" here is a second app built on the same database, as gunicorn's workers are.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from studyapp import create_app
from studyapp.auth import services, sessions
from studyapp.extensions import db
from studyapp.models import ApiToken, UserSession
from studyapp.models.types import utcnow
from tests.conftest import AuthActions, FreshGlobalsClient, csrf_token
from tests.factories import DEFAULT_PASSWORD, gen_user

# Sessions and tokens expire: every test runs at each frozen instant (tests/conftest.py).
pytestmark = pytest.mark.clock

NOW = "2026-12-06 07:30:00"


def _worker(database_url: str, **config):
    worker = create_app({"SQLALCHEMY_DATABASE_URI": database_url, **config})
    worker.test_client_class = FreshGlobalsClient
    return worker


def _me(client) -> int:
    return client.get("/api/v1/me").status_code


def _login(client, email="a@example.com", password=DEFAULT_PASSWORD, remember=False):
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    if remember:
        data["remember"] = "y"
    return client.post("/auth/login", data=data)


def _cookie(client, name: str) -> str:
    cookie = client.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    return cookie.value


def _change_password(client, current: str, new: str):
    data = {"current_password": current, "new_password": new, "confirm": new}
    data["csrf_token"] = csrf_token(client, "/auth/password")
    return client.post("/auth/password", data=data)


def test_a_logged_out_session_cookie_is_refused(app, client):
    gen_user(email="a@example.com")
    _login(client)
    old = _cookie(client, "session")
    assert _me(client) == 200
    AuthActions(client).logout()
    thief = app.test_client()
    thief.set_cookie("session", old)
    assert _me(thief) == 401


def test_the_remember_me_cookie_alone_dies_with_logout(app, client):
    gen_user(email="a@example.com")
    _login(client, remember=True)
    remember = _cookie(client, "remember_token")
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember)
    assert _me(fresh) == 200  # the cookie works on its own while the session lives
    AuthActions(client).logout()
    later = app.test_client()
    later.set_cookie("remember_token", remember)
    assert _me(later) == 401


def test_a_password_change_ends_every_other_session_and_keeps_this_one(app, client):
    gen_user(email="a@example.com")
    other = app.test_client()
    _login(other, remember=True)
    old_session, old_remember = _cookie(other, "session"), _cookie(other, "remember_token")
    _login(client)
    assert _change_password(client, DEFAULT_PASSWORD, "brand-new-pass-2").status_code == 302
    assert _me(client) == 200
    for name, value in (("session", old_session), ("remember_token", old_remember)):
        stale = app.test_client()
        stale.set_cookie(name, value)
        assert _me(stale) == 401, name


def test_the_old_password_is_refused_on_another_worker_right_after_a_change(app, database_url):
    gen_user(email="a@example.com")
    first, second = _worker(database_url).test_client(), _worker(database_url).test_client()
    _login(first)
    _login(second)
    assert _me(second) == 200  # the second worker has just loaded the account
    assert _change_password(first, DEFAULT_PASSWORD, "password-b-22").status_code == 302
    # The second worker's session was ended by the change.
    assert _me(second) == 401
    _login(second, password="password-b-22")
    refused = _change_password(second, DEFAULT_PASSWORD, "password-c-33")
    assert refused.status_code == 400
    assert "当前密码不正确" in refused.get_data(as_text=True)
    assert services.authenticate("a@example.com", "password-b-22") is not None


def test_a_deactivated_account_is_refused_at_once_by_every_worker(app, database_url):
    user = gen_user(email="a@example.com")
    token = sessions.issue_api_token(user, "script")
    worker = _worker(database_url).test_client()
    _login(worker)
    assert _me(worker) == 200
    bearer = {"Authorization": f"Bearer {token}"}
    assert worker.get("/api/v1/me", headers=bearer).status_code == 200
    user.active = False
    db.session.commit()
    assert _me(worker) == 401
    assert worker.get("/api/v1/me", headers=bearer).status_code == 401


def test_cookies_from_before_sessions_existed_sign_nobody_in(app, client):
    user = gen_user(email="a@example.com")
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)  # what Flask-Login kept before: the account id
        session["_fresh"] = True
    assert _me(client) == 401


@freeze_time(NOW, tick=True)
def test_sessions_expire(app, client):
    gen_user(email="a@example.com")
    _login(client)
    assert _me(client) == 200
    row = db.session.scalar(select(UserSession))
    assert row.expires_at - row.created_at == sessions.SESSION_LIFETIME
    with freeze_time(utcnow() + sessions.SESSION_LIFETIME + timedelta(seconds=1)):
        assert _me(client) == 401


def test_tokens_have_a_name_times_and_can_be_revoked(app):
    user = gen_user(email="a@example.com")
    now = utcnow()
    token = sessions.issue_api_token(user, "HR 导出脚本", now, days=30)
    assert token.startswith("sa_")
    stored = db.session.scalar(select(ApiToken))
    assert token not in stored.token_hash and stored.name == "HR 导出脚本"
    assert stored.expires_at == now + timedelta(days=30)
    assert sessions.user_for_api_token(token, now).id == user.id
    assert sessions.user_for_api_token(token + "x", now) is None
    db.session.refresh(stored)
    assert stored.last_used_at == now
    assert sessions.token_state(stored, now) == "active"
    assert sessions.user_for_api_token(token, now + timedelta(days=31)) is None
    assert sessions.token_state(stored, now + timedelta(days=31)) == "expired"
    assert sessions.revoke_api_token(user.id, stored.id, now) is True
    assert sessions.revoke_api_token(user.id, stored.id, now) is False
    assert sessions.user_for_api_token(token, now) is None
    assert [t.id for t in sessions.api_tokens(user.id)] == [stored.id]


def test_nobody_revokes_another_users_token(app):
    owner, other = gen_user(email="a@example.com"), gen_user(email="b@example.com")
    sessions.issue_api_token(owner, "mine")
    token = db.session.scalar(select(ApiToken))
    assert sessions.revoke_api_token(other.id, token.id, utcnow()) is False
    assert sessions.token_state(token, utcnow()) == "active"


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_token_lifetimes_out_of_range_are_refused(app, days):
    with pytest.raises(sessions.TokenError):
        sessions.issue_api_token(gen_user(), "x", utcnow(), days)


def test_the_cli_lists_and_revokes_tokens(app, runner):
    gen_user(email="a@example.com")
    created = runner.invoke(
        args=["users", "token", "a@example.com", "--name", "报表", "--days", "7"]
    )
    assert created.exit_code == 0 and created.output.startswith("sa_")
    listed = runner.invoke(args=["users", "tokens", "a@example.com"])
    token_id = listed.output.split("\t", 1)[0]
    assert "报表" in listed.output and "active" in listed.output
    revoked = runner.invoke(args=["users", "revoke-token", "a@example.com", token_id])
    assert revoked.exit_code == 0
    assert "revoked" in runner.invoke(args=["users", "tokens", "a@example.com"]).output
    again = runner.invoke(args=["users", "revoke-token", "a@example.com", token_id])
    assert again.exit_code != 0 and "no live token" in again.output


def test_failed_sign_ins_are_limited_per_account_across_workers_and_addresses(app, database_url):
    gen_user(email="a@example.com")
    config = {"LOGIN_FAILURES_PER_ACCOUNT": 4, "LOGIN_RATE_LIMIT": "1000 per minute"}
    statuses = []
    for number in range(2):  # two workers, each with its own memory: the count is shared
        client = _worker(database_url, **config).test_client()
        for attempt in range(3):
            client.environ_base["REMOTE_ADDR"] = f"10.0.{number}.{attempt}"
            statuses.append(_login(client, password="wrong-password").status_code)
    assert statuses == [400, 400, 400, 400, 429, 429]
    client = _worker(database_url, **config).test_client()
    client.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    locked = _login(client)  # even the right password waits for the window to pass
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0
    assert "登录失败次数过多" in locked.get_data(as_text=True)


def test_failed_sign_ins_are_limited_per_address_across_accounts(app, database_url):
    for n in range(5):
        gen_user(email=f"u{n}@example.com")
    config = {"LOGIN_FAILURES_PER_ADDRESS": 3, "LOGIN_RATE_LIMIT": "1000 per minute"}
    statuses = []
    for n in range(5):
        client = _worker(database_url, **config).test_client()
        client.environ_base["REMOTE_ADDR"] = "10.1.2.3"
        statuses.append(_login(client, f"u{n}@example.com", "wrong-password").status_code)
    assert statuses == [400, 400, 400, 429, 429]


def test_a_successful_sign_in_clears_the_accounts_count(app, client):
    gen_user(email="a@example.com")
    app.config["LOGIN_FAILURES_PER_ACCOUNT"] = 3
    assert [_login(client, password="nope-nope-1").status_code for _ in range(2)] == [400, 400]
    assert _login(client).status_code == 302
    AuthActions(client).logout()
    assert [_login(client, password="nope-nope-1").status_code for _ in range(2)] == [400, 400]
    assert _login(client).status_code == 302
