"""The /api/v1 shell: bearer tokens, session auth with CSRF on writes, JSON errors, OpenAPI."""

from studyapp.auth import sessions
from tests.conftest import csrf_token
from tests.factories import gen_user


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_openapi_document_lists_every_api_route(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    documented = {
        (path, method.upper()) for path, ops in document["paths"].items() for method in ops
    }
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1") or rule.endpoint == "api.openapi_document":
            continue
        path = rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, f"{method} {path} is not in openapi.json"


def test_bearer_token_signs_in_without_a_cookie_session(client):
    user = gen_user(email="a@example.com")
    token = sessions.issue_api_token(user)
    response = client.get("/api/v1/me", headers=_bearer(token))
    assert response.status_code == 200
    assert response.get_json()["email"] == "a@example.com"
    assert "session" not in response.headers.get("Set-Cookie", "")
    # The token did not open a session for later requests.
    assert client.get("/api/v1/me").status_code == 401


def test_bad_tokens_get_json_401(client):
    for header in ("Bearer nope", "Basic abc", "Bearer "):
        response = client.get("/api/v1/me", headers={"Authorization": header})
        assert response.status_code == 401
        body = response.get_json()
        assert body["error"]["status"] == 401
        assert body["error"]["message"]


def test_api_errors_are_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404
    response = client.delete("/api/v1/me")
    assert response.status_code == 405
    assert response.is_json


def test_bearer_write_needs_no_csrf(client):
    user = gen_user(email="a@example.com")
    token = sessions.issue_api_token(user)
    response = client.patch("/api/v1/me", json={"locale": "en"}, headers=_bearer(token))
    assert response.status_code == 200
    assert user.locale == "en"


def test_session_write_needs_csrf_token(client, auth):
    user = gen_user(email="a@example.com")
    auth.login("a@example.com")
    refused = client.patch("/api/v1/me", json={"locale": "en"})
    assert refused.status_code == 400
    assert refused.is_json
    assert user.locale is None
    token = csrf_token(client, "/")
    accepted = client.patch("/api/v1/me", json={"locale": "en"}, headers={"X-CSRFToken": token})
    assert accepted.status_code == 200
    assert user.locale == "en"


def test_bad_payloads_say_what_is_wrong_and_change_nothing(client):
    user = gen_user(email="a@example.com")
    headers = _bearer(sessions.issue_api_token(user))
    cases = [
        ("not json", "JSON"),
        ({"locale": "fr"}, "zh 或 en"),
        ({"colour": "red"}, "colour"),
    ]
    for payload, expected in cases:
        kwargs = {"data": payload} if isinstance(payload, str) else {"json": payload}
        response = client.patch("/api/v1/me", headers=headers, **kwargs)
        assert response.status_code == 400
        assert expected in response.get_json()["error"]["message"]
    assert user.locale is None
