"""Configuration classes and what the environment overrides."""

import pytest

from studyapp import create_app
from studyapp.config import database_url_from_env


def test_production_requires_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("STUDYAPP_CONFIG", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("STUDYAPP_CONFIG", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")


def test_development_generates_and_keeps_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("STUDYAPP_CONFIG", "development")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    monkeypatch.setenv("STUDYAPP_INSTANCE_PATH", str(tmp_path / "instance"))
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_is_normalised(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h:5432/d")
    assert database_url_from_env() == "postgresql+psycopg://u@h:5432/d"
    monkeypatch.delenv("DATABASE_URL")
    assert database_url_from_env() is None


def test_prefixed_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASK_LOGIN_RATE_LIMIT", "3 per minute")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    app = create_app()
    assert app.config["LOGIN_RATE_LIMIT"] == "3 per minute"
