"""Real-browser tests: the app served on a local port, driven by Playwright in Debian's Chromium.

The browser comes from the system (``/usr/bin/chromium``); nothing is downloaded. Without it the
tests are skipped, unless ``REQUIRE_BROWSER`` is set (``.ci/run`` sets it), when they fail.
A failing test leaves a screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from studyapp import create_app
from studyapp.extensions import db

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"REQUIRE_BROWSER is set but {CHROMIUM} does not exist")
    skip = pytest.mark.skip(reason=f"no browser at {CHROMIUM} (install Debian's chromium)")
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture
def live_server(sqlite_template, tmp_path, request):
    """The app on a free local port with its own SQLite copy; yields (base_url, app)."""
    path = tmp_path / "e2e.sqlite3"
    shutil.copyfile(sqlite_template, path)
    config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}
    content_dir = (
        request.node.funcargs.get("content_dir") if "content_dir" in request.fixturenames else None
    )
    if content_dir is not None:
        config["CONTENT_DIR"] = str(content_dir)
    app = create_app(config)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        page = item.funcargs.get("page")
        if page is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{item.name}.png"), full_page=True)


@pytest.fixture
def page(browser, request):
    viewport = getattr(request, "param", None) or {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/auth/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    # Candidates land on "/", staff on their role's home (HR's cohorts, trainers' content…).
    page.wait_for_url(lambda url: url.startswith(base_url) and "/auth/login" not in url)
