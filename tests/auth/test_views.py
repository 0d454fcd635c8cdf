"""Sign-in, registration, password change and joining a cohort, driven through the pages."""

from sqlalchemy import func, select

from studyapp.extensions import db
from studyapp.models import Membership, User
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD, gen_cohort, gen_user


def _register(client, **fields):
    data = {
        "name": "李四",
        "email": "lisi@example.com",
        "password": "long-enough-1",
        "confirm": "long-enough-1",
        "invite_code": "",
        "csrf_token": csrf_token(client, "/auth/register"),
    }
    data.update(fields)
    return client.post("/auth/register", data=data)


def _user_count() -> int:
    return db.session.scalar(select(func.count(User.id)))


def test_register_with_invite_code_joins_cohort_and_signs_in(client):
    cohort = gen_cohort()
    response = _register(client, invite_code=cohort.invite_code.lower())
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "lisi@example.com"))
    assert user.role == "candidate"
    assert user.cohort.id == cohort.id
    assert client.get("/").get_data(as_text=True).count("李四") >= 1


def test_register_with_bad_invite_code_creates_nothing(client):
    gen_cohort()
    response = _register(client, invite_code="NOPE2345")
    assert response.status_code == 400
    assert "邀请码无效" in response.get_data(as_text=True)
    assert _user_count() == 0


def test_register_with_disabled_invite_code_is_refused(client):
    cohort = gen_cohort()
    cohort.invite_enabled = False
    db.session.commit()
    response = _register(client, invite_code=cohort.invite_code)
    assert response.status_code == 400
    assert _user_count() == 0


def test_register_duplicate_email_is_refused_case_insensitively(client):
    gen_user(email="lisi@example.com")
    response = _register(client, email="LiSi@Example.com")
    assert response.status_code == 400
    assert "该邮箱已注册" in response.get_data(as_text=True)
    assert _user_count() == 1


def test_register_short_password_and_mismatch_are_refused(client):
    response = _register(client, password="short", confirm="short")
    assert response.status_code == 400
    assert _user_count() == 0
    response = _register(client, confirm="something-else")
    assert "两次输入的密码不一致" in response.get_data(as_text=True)
    assert _user_count() == 0


def test_register_without_csrf_token_is_refused(client):
    response = client.post(
        "/auth/register",
        data={"name": "x", "email": "x@example.com", "password": "p" * 10, "confirm": "p" * 10},
    )
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    assert _user_count() == 0


def test_login_and_logout(client, auth):
    gen_user(email="a@example.com")
    response = auth.login("a@example.com")
    assert response.status_code == 302
    assert client.get("/api/v1/me").get_json()["email"] == "a@example.com"
    assert auth.logout().status_code == 302
    assert client.get("/api/v1/me").status_code == 401


def test_login_with_wrong_password_says_so(client, auth):
    gen_user(email="a@example.com")
    response = auth.login("a@example.com", "wrong-password")
    assert response.status_code == 400
    assert "邮箱或密码不正确" in response.get_data(as_text=True)
    assert client.get("/api/v1/me").status_code == 401


def test_login_of_deactivated_account_is_refused(client, auth):
    user = gen_user(email="a@example.com")
    user.active = False
    db.session.commit()
    assert auth.login("a@example.com").status_code == 400


def test_login_redirects_only_to_own_paths(client):
    gen_user(email="a@example.com")
    token = csrf_token(client)
    data = {"email": "a@example.com", "password": DEFAULT_PASSWORD, "csrf_token": token}
    response = client.post("/auth/login?next=https://evil.example/", data=data)
    assert response.headers["Location"] == "/"


def test_login_follows_next_to_own_path(client):
    gen_user(email="a@example.com")
    token = csrf_token(client)
    data = {"email": "a@example.com", "password": DEFAULT_PASSWORD, "csrf_token": token}
    response = client.post("/auth/login?next=/auth/password", data=data)
    assert response.headers["Location"] == "/auth/password"


def test_login_is_rate_limited(app, client):
    gen_user(email="a@example.com")
    token = csrf_token(client)
    data = {"email": "a@example.com", "password": "wrong-password", "csrf_token": token}
    statuses = [client.post("/auth/login", data=data).status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    assert "操作过于频繁" in client.post("/auth/login", data=data).get_data(as_text=True)


def test_change_password(client, auth):
    user = gen_user(email="a@example.com")
    auth.login("a@example.com")
    token = csrf_token(client, "/auth/password")
    wrong = client.post(
        "/auth/password",
        data={
            "current_password": "not-it-at-all",
            "new_password": "brand-new-pass",
            "confirm": "brand-new-pass",
            "csrf_token": token,
        },
    )
    assert wrong.status_code == 400
    assert "当前密码不正确" in wrong.get_data(as_text=True)
    right = client.post(
        "/auth/password",
        data={
            "current_password": DEFAULT_PASSWORD,
            "new_password": "brand-new-pass",
            "confirm": "brand-new-pass",
            "csrf_token": token,
        },
    )
    assert right.status_code == 302
    auth.logout()
    assert auth.login(user.email, DEFAULT_PASSWORD).status_code == 400
    assert auth.login(user.email, "brand-new-pass").status_code == 302


def test_join_cohort_with_code(client, auth):
    gen_user(email="a@example.com")
    cohort = gen_cohort()
    auth.login("a@example.com")
    token = csrf_token(client, "/auth/join")
    bad = client.post("/auth/join", data={"invite_code": "WRONG234", "csrf_token": token})
    assert bad.status_code == 400
    assert "邀请码无效" in bad.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Membership.id))) == 0
    good = client.post("/auth/join", data={"invite_code": cohort.invite_code, "csrf_token": token})
    assert good.status_code == 302
    assert client.get("/api/v1/me").get_json()["cohort_id"] == cohort.id
