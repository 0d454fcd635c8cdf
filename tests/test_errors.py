"""Friendly error pages; JSON under /api/; a 500 rolls back and shows no traceback."""

from sqlalchemy import select

from studyapp.access import public
from studyapp.extensions import db
from studyapp.models import Organisation


def test_404_page_is_friendly_html(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "页面不存在" in response.get_data(as_text=True)


def test_json_clients_get_json_errors(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_500_rolls_back_and_hides_the_traceback(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @public
    def explode():
        db.session.add(Organisation(name="半途而废"))
        db.session.flush()
        raise RuntimeError("secret internals")

    app.add_url_rule("/explode", "explode", explode)
    response = client.get("/explode")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "服务器出错了" in text
    assert "secret internals" not in text and "Traceback" not in text
    assert db.session.scalars(select(Organisation)).all() == []


def test_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_wrong_method_on_a_page_is_a_friendly_405(client):
    response = client.delete("/healthz")
    assert response.status_code == 405
    assert response.mimetype == "text/html"
    assert "GET" in response.headers["Allow"]
