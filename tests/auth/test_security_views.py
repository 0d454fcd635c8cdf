"""账户安全 page: a candidate creates, sees and revokes API tokens and signs other devices out."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from studyapp.auth import sessions
from studyapp.extensions import db
from studyapp.models import ApiToken
from studyapp.models.types import utcnow
from tests.conftest import csrf_token
from tests.factories import gen_user

# Sessions and tokens expire: every test runs at each frozen instant (tests/conftest.py).
pytestmark = pytest.mark.clock


def test_a_token_is_created_shown_once_listed_and_revoked(client, auth):
    gen_user(email="a@example.com")
    auth.login("a@example.com")
    token = csrf_token(client, "/account/security")
    page = client.post(
        "/account/security", data={"name": "HR 导出", "days": "30", "csrf_token": token}
    ).get_data(as_text=True)
    shown = re.search(r'<code id="new-token">(sa_[^<]+)</code>', page).group(1)
    assert "HR 导出" in page and "有效" in page
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {shown}"}).status_code == 200
    again = client.get("/account/security").get_data(as_text=True)
    assert shown not in again  # never shown a second time
    row = db.session.scalar(select(ApiToken))
    revoke = client.post(
        f"/account/security/tokens/{row.id}/revoke", data={"csrf_token": csrf_token(client, "/")}
    )
    assert revoke.status_code == 302
    assert "已吊销" in client.get("/account/security").get_data(as_text=True)
    anonymous = client.application.test_client()
    assert (
        anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {shown}"}).status_code == 401
    )


def test_a_bad_lifetime_is_refused_with_the_field_named(client, auth):
    gen_user(email="a@example.com")
    auth.login("a@example.com")
    token = csrf_token(client, "/account/security")
    response = client.post(
        "/account/security", data={"name": "x", "days": "99999", "csrf_token": token}
    )
    assert response.status_code == 400
    assert db.session.scalar(select(ApiToken)) is None


def test_someone_elses_token_cannot_be_revoked(client, auth):
    owner = gen_user(email="owner@example.com")
    sessions.issue_api_token(owner, "theirs")
    gen_user(email="a@example.com")
    auth.login("a@example.com")
    row = db.session.scalar(select(ApiToken))
    response = client.post(
        f"/account/security/tokens/{row.id}/revoke", data={"csrf_token": csrf_token(client, "/")}
    )
    assert response.status_code == 404
    assert sessions.token_state(row, utcnow()) == "active"


def test_other_devices_are_signed_out_and_this_one_stays(app, client, auth):
    user = gen_user(email="a@example.com")
    phone = app.test_client()
    auth.login("a@example.com")
    phone_auth = type(auth)(phone)
    phone_auth.login("a@example.com")
    assert phone.get("/api/v1/me").status_code == 200
    page = client.get("/account/security").get_data(as_text=True)
    assert page.count("<tr><td>") == 2 and "本设备" in page
    client.post(
        "/account/security/sessions/end-others", data={"csrf_token": csrf_token(client, "/")}
    )
    assert phone.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me").status_code == 200
    assert len(sessions.live_sessions(user.id, utcnow())) == 1
