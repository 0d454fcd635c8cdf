"""Configuration classes; the environment overrides them through ``FLASK_*`` variables."""

import os
from datetime import timedelta


def database_url_from_env() -> str | None:
    url = os.environ.get("DATABASE_URL")
    # Hosting platforms hand out ``postgres://``; SQLAlchemy wants the driver named.
    if url and url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class Config:
    SQLALCHEMY_DATABASE_URI = None  # filled in by create_app: DATABASE_URL or instance/ SQLite
    # No pre-ping round trip: database.py drops pooled connections the server has closed.
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, object] = {}
    # How long an SQLite write waits for another worker's lock before the request answers 503.
    SQLITE_BUSY_TIMEOUT_MS = 5000
    SECRET_KEY: str | None = None
    CONTENT_DIR = None  # defaults to <project>/content
    # Request bodies: forms and JSON are small; trainer uploads set their own limit.
    MAX_CONTENT_LENGTH = 1024 * 1024
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute"  # sign-in requests per address (Flask-Limiter)
    # Failed sign-ins per 15 minutes, counted in the database by every worker and server.
    LOGIN_FAILURES_PER_ACCOUNT = 10
    LOGIN_FAILURES_PER_ADDRESS = 50
    REMEMBER_COOKIE_DURATION = timedelta(days=30)  # as long as a remembered session lives
    REGISTER_RATE_LIMIT = "5 per minute"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    WTF_CSRF_TIME_LIMIT = None  # a form left open through a long study session still submits
    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"  # times are stored in UTC, shown in China time
    LANGUAGES = ("zh", "en")
    # How often a worker looks in the database for a syllabus reloaded by another process.
    SYLLABUS_POLL_SECONDS = 5.0
    # Reverse proxies in front of the app (deploy/nginx-site.conf: one). Each sets
    # X-Forwarded-For and X-Forwarded-Proto; the app takes the client's address (sign-in limits)
    # and scheme from the last TRUSTED_PROXIES of them. 0: the TCP peer is the client.
    TRUSTED_PROXIES = 0
    # Threads per process fitting candidates' own memory parameters (studyapp/cards/fitting.py;
    # a row claim lets only one of them fit a user), and how often each looks for work.
    FIT_WORKERS = 1
    FIT_POLL_SECONDS = 300.0
    # Every worker's sweeper submits attempts past their deadline and grace this often (seconds;
    # 0: off), one sweep at a time across workers and servers (studyapp/exams/sweep.py).
    EXAM_SWEEP_SECONDS = 30.0
    EXAM_SWEEP_LOCK = "auto"  # postgres (advisory lock) on PostgreSQL, else file; or redis


class DevelopmentConfig(Config):
    DEBUG = True


class TestingConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = True  # tests send tokens like a browser; the csrf tests rely on it
    RATELIMIT_STORAGE_URI = "memory://"
    SECRET_KEY = "test-secret-key"
    SYLLABUS_POLL_SECONDS = 0.0
    FIT_WORKERS = 0
    EXAM_SWEEP_SECONDS = 0.0  # tests sweep by calling it (a test of the thread turns it on)


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
