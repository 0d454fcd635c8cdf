"""客户服务管理师 study platform: the application factory."""

import os
import secrets
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from studyapp.config import CONFIGS, database_url_from_env

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    # STUDYAPP_INSTANCE_PATH puts the instance folder (SQLite file, dev secret) elsewhere.
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("STUDYAPP_INSTANCE_PATH"),
    )
    config_name = os.environ.get("STUDYAPP_CONFIG", "development")
    if test_config is not None:
        config_name = "testing"
    app.config.from_object(CONFIGS[config_name])
    os.makedirs(app.instance_path, exist_ok=True)

    app.config["SQLALCHEMY_DATABASE_URI"] = database_url_from_env() or (
        "sqlite:///" + os.path.join(app.instance_path, "studyapp.sqlite3")
    )
    app.config["CONTENT_DIR"] = str(PROJECT_ROOT / "content")
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)
    _ensure_secret_key(app, config_name)
    _trust_proxies(app)

    _init_parts(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES reverse proxies, the client's address and scheme are the ones they
    forward; without this every sign-in would count against the proxy's own address."""
    count = app.config["TRUSTED_PROXIES"]
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 5:
        raise RuntimeError(
            f"TRUSTED_PROXIES must be a whole number from 0 to 5 (got {count!r}): how many "
            "reverse proxies in front of the app set X-Forwarded-For, e.g. FLASK_TRUSTED_PROXIES=1"
        )
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def _ensure_secret_key(app: Flask, config_name: str) -> None:
    if app.config.get("SECRET_KEY"):
        return
    if config_name == "production":
        raise RuntimeError("SECRET_KEY must be set in production (environment variable SECRET_KEY)")
    # Development: one key per checkout, kept in instance/ so sessions survive restarts.
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text().strip()


def _init_parts(app: Flask) -> None:
    from studyapp import (
        access,
        admin,
        api,
        auth,
        cards,
        database,
        demo,
        errors,
        exams,
        hr,
        i18n,
        lessons,
        main,
        navigation,
        security,
        syllabus,
        trainer,
    )

    database.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    auth.init_app(app)
    # Request hooks run in this order: a bearer token signs the caller in, then the role check,
    # then CSRF, so that a refused role is told "forbidden" whatever the form carried.
    api.init_app(app)
    access.init_app(app)
    security.init_app(app)
    navigation.init_app(app)
    syllabus.init_app(app)
    main.init_app(app)
    lessons.init_app(app)
    cards.init_app(app)
    exams.init_app(app)
    hr.init_app(app)
    trainer.init_app(app)
    admin.init_app(app)
    demo.init_app(app)
