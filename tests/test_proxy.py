"""Behind a reverse proxy (deploy/): the client's address and scheme are the forwarded ones when,
and only when, TRUSTED_PROXIES says how many proxies set them."""

from __future__ import annotations

import pytest

from studyapp import create_app
from tests.conftest import FreshGlobalsClient, csrf_token
from tests.factories import gen_user

PROXY = "127.0.0.1"  # the TCP peer every request comes from: the proxy


def _server(database_url: str, **config):
    server = create_app({"SQLALCHEMY_DATABASE_URI": database_url, **config})
    server.test_client_class = FreshGlobalsClient
    return server


def _failed_sign_in(client, forwarded_for: str) -> int:
    data = {
        "email": "a@example.com",
        "password": "wrong-password",
        "csrf_token": csrf_token(client),
    }
    # Over HTTPS, Flask-WTF also wants a same-site Referer, as a browser sends it.
    headers = {
        "X-Forwarded-For": forwarded_for,
        "X-Forwarded-Proto": "https",
        "Referer": "https://localhost/auth/login",
    }
    return client.post("/auth/login", data=data, headers=headers).status_code


def test_sign_in_failures_count_against_the_forwarded_client(app, database_url):
    gen_user(email="a@example.com")
    config = {
        "TRUSTED_PROXIES": 1,
        "LOGIN_FAILURES_PER_ADDRESS": 2,
        "LOGIN_FAILURES_PER_ACCOUNT": 100,
        "LOGIN_RATE_LIMIT": "1000 per minute",
    }
    client = _server(database_url, **config).test_client()
    client.environ_base["REMOTE_ADDR"] = PROXY
    statuses = [_failed_sign_in(client, "10.0.0.1") for _ in range(3)]
    assert statuses == [400, 400, 429]
    assert _failed_sign_in(client, "10.0.0.2") == 400, "another client is not held back"
    # A client may send its own X-Forwarded-For; the proxy's entry is the last one, and counts.
    assert _failed_sign_in(client, "10.0.0.2, 10.0.0.1") == 429


def test_without_trusted_proxies_forwarded_addresses_are_ignored(app, database_url):
    gen_user(email="a@example.com")
    config = {
        "LOGIN_FAILURES_PER_ADDRESS": 2,
        "LOGIN_FAILURES_PER_ACCOUNT": 100,
        "LOGIN_RATE_LIMIT": "1000 per minute",
    }
    client = _server(database_url, **config).test_client()
    client.environ_base["REMOTE_ADDR"] = PROXY
    statuses = [_failed_sign_in(client, f"10.0.0.{n}") for n in range(3)]
    assert statuses == [400, 400, 429], "a forged header must not dodge the limit"


@pytest.mark.parametrize(("trusted", "location"), [(1, "/lessons/"), (0, "/")])
def test_the_forwarded_scheme_is_the_pages_scheme(app, database_url, trusted, location):
    # The language switch returns to the page it was pressed on when the Referer is one of the
    # site's own URLs: behind TLS that is https://…, which the app sees only through the proxy.
    client = _server(database_url, TRUSTED_PROXIES=trusted).test_client()
    client.environ_base.update(REMOTE_ADDR=PROXY)
    client.environ_base.update(HTTP_X_FORWARDED_FOR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    site = "http://study.example.com"  # as the proxy asks the app: plain HTTP, the Host kept
    token = csrf_token(client, f"{site}/")
    response = client.post(
        f"{site}/language",
        data={"locale": "en", "csrf_token": token},
        headers={"Referer": "https://study.example.com/lessons/"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == location


@pytest.mark.parametrize("value", ["yes", -1, 9, True])
def test_trusted_proxies_must_be_a_small_whole_number(value):
    with pytest.raises(RuntimeError, match="TRUSTED_PROXIES must be a whole number"):
        create_app({"TRUSTED_PROXIES": value, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
