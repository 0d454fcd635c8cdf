"""Two app servers behind nginx, started by deploy/start as the README's production section
says, on PostgreSQL and Redis. Through the proxy, over HTTPS: sign-out and the sign-in limits
hold on both servers, a content publish reaches both, and a candidate sitting a mock exam and
reviewing cards carries on through the other server when one is killed (SIGKILL), with every
acknowledged answer and review intact.

nginx runs in the foreground as deploy/start's child, with its own files in a temporary folder
and on free ports. Skipped where nginx, openssl, PostgreSQL (TEST_DATABASE_URL) or Redis
(TEST_REDIS_URL) is missing, unless REQUIRE_NGINX is set (.ci/run sets it): then it fails.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import create_engine, text

from studyapp import create_app
from studyapp.extensions import db
from studyapp.syllabus import current_syllabus
from tests.conftest import CSRF_RE, PG_URL
from tests.factories import DEFAULT_PASSWORD, gen_user
from tests.trust.live_server import PROJECT_ROOT, free_port
from tests.trust.test_attempt_restart import an_answer
from tests.trust.test_faults import _inconsistencies

REDIS_URL = os.environ.get("TEST_REDIS_URL")
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
PAPER = "mock-theory"
LOGIN_RATE_LIMIT = 10  # the shipped "10 per minute", per address
FAILURES_PER_ACCOUNT = 10  # the shipped LOGIN_FAILURES_PER_ACCOUNT
POLL_SECONDS = 5.0  # the shipped SYLLABUS_POLL_SECONDS
# Each run signs in from addresses of its own: Redis keeps the per-address counts for a minute.
NETWORK = f"127.{random.randint(1, 254)}.{random.randint(0, 254)}"


def _missing() -> list[str]:
    missing = []
    if NGINX is None:
        missing.append("nginx (apt-get install nginx-light)")
    if shutil.which("openssl") is None:
        missing.append("openssl")
    if not PG_URL:
        missing.append("PostgreSQL (TEST_DATABASE_URL)")
    if not REDIS_URL:
        missing.append("Redis (TEST_REDIS_URL)")
    return missing


# -- a browser's side of HTTPS: cookies, the CSRF token, an address of its own ------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body or b"{}")

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass
class Browser:
    """Talks to the site through nginx (HTTPS, the certificate verified) from ``address``, or
    straight to one app server (plain HTTP, as nginx does) with the same cookies."""

    site: Deployment
    address: str
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str | None = None

    def request(self, method: str, path: str, body=None, form=None, server: int | None = None):
        headers = {"Accept": "application/json" if form is None else "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            body = json.dumps(body)
            headers["Content-Type"] = "application/json"
        if method != "GET":
            headers["X-CSRFToken"] = self.csrf or ""
            headers["Referer"] = f"{self.site.url}/"  # a same-site page, as a browser says
        if server is None:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.site.https_port, timeout=20, context=self.site.tls,
                source_address=(self.address, 0),
            )  # fmt: skip
        else:
            port = self.site.app_ports[server]
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            connection.close()
        if server is None:
            self._keep_cookies(answer.headers)
        return answer

    def _keep_cookies(self, headers) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def open_page(self, path: str) -> Answer:
        page = self.request("GET", path)
        match = CSRF_RE.search(page.text)
        if match:
            self.csrf = match.group(1)
        return page

    def sign_in(self, email: str, password: str = DEFAULT_PASSWORD, remember=False) -> Answer:
        self.open_page("/auth/login")
        form = {"email": email, "password": password, "csrf_token": self.csrf}
        if remember:
            form["remember"] = "y"
        answer = self.request("POST", "/auth/login", form=form)
        if answer.status == 302:
            self.open_page("/")  # the home page's token, for the API calls that follow
        return answer

    def sign_out(self) -> Answer:
        return self.request("POST", "/auth/logout", form={"csrf_token": self.csrf})


# -- the deployment: deploy/start with an environment file like the README's ------------------


@dataclass
class Deployment:
    database_url: str
    run_dir: Path
    env_file: Path
    app_ports: list[int]
    https_port: int
    log: Path
    process: subprocess.Popen
    tls: ssl.SSLContext | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def pid_of(self, server: int) -> int:
        return int((self.run_dir / f"server-{self.app_ports[server]}.pid").read_text())

    def access_log(self, server: int) -> list[str]:
        log = self.run_dir / f"server-{self.app_ports[server]}.log"
        return [line for line in log.read_text().splitlines() if '"' in line]

    def wait_for(self, pattern: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.log.read_text()):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"deploy/start never said {pattern!r}:\n{self.log.read_text()}")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    missing = _missing()
    if missing and os.environ.get("REQUIRE_NGINX"):
        pytest.fail(f"REQUIRE_NGINX is set but this machine lacks {', '.join(missing)}")
    if missing:
        pytest.skip(f"no multi-server deployment without {', '.join(missing)}")
    # A database of its own (a schema), empty: deploy/start runs the migrations, as in the README.
    schema = f"deploy_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    database_url = f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    folder = tmp_path_factory.mktemp("deployment")
    env_file = folder / "studyapp.env"
    env_file.write_text(
        "STUDYAPP_CONFIG=production\n"
        f"SECRET_KEY={secrets.token_hex(32)}\n"
        f"DATABASE_URL={database_url}\n"
        f"RATELIMIT_STORAGE_URI={REDIS_URL}\n"
        "FLASK_TRUSTED_PROXIES=1\n"
        "STUDYAPP_WORKERS=2\n"
    )
    env_file.chmod(0o600)
    ports = set()
    while len(ports) < 4:
        ports.add(free_port())
    app_1, app_2, https, plain = sorted(ports)
    log = folder / "start.log"
    command = [
        sys.executable, str(PROJECT_ROOT / "deploy" / "start"), "--env-file", str(env_file),
        "--app-ports", f"{app_1},{app_2}", "--https", f"127.0.0.1:{https}",
        "--http", f"127.0.0.1:{plain}", "--run-dir", str(folder / "run"),
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "STUDYAPP_"))}
    with open(log, "wb") as output:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=output,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    site = Deployment(database_url, folder / "run", env_file, [app_1, app_2], https, log, process)
    try:
        site.wait_for(r"studyapp: ready at", timeout=120)
        site.tls = ssl.create_default_context(cafile=site.run_dir / "tls" / "self-signed.crt")
        yield site
    finally:
        _stop(site)
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    assert process.returncode == 0, f"deploy/start did not stop cleanly:\n{log.read_text()}"


@pytest.fixture
def site_db(deployment):
    """An app context on the deployment's database, for the test's own rows and queries."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": deployment.database_url})
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _stop(site: Deployment) -> None:
    if site.process.poll() is None:
        site.process.send_signal(signal.SIGTERM)
        try:
            site.process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(site.process.pid, signal.SIGKILL)
            site.process.wait(10)
    for pid_file in site.run_dir.glob("*.pid"):  # only if deploy/start could not clean up
        with contextlib.suppress(ValueError, ProcessLookupError, PermissionError):
            os.killpg(int(pid_file.read_text()), signal.SIGKILL)
    nginx_pid = site.run_dir / "nginx" / "nginx.pid"
    if nginx_pid.exists():
        with contextlib.suppress(ValueError, ProcessLookupError):
            os.kill(int(nginx_pid.read_text()), signal.SIGKILL)


def _served_by_each(site: Deployment, address: str, method: str, path: str) -> list[int]:
    """How many such requests from ``address`` each app server's access log shows."""
    needle = f'{address} "{method} {path} '
    return [sum(needle in line for line in site.access_log(n)) for n in (0, 1)]


# -- the tests ----------------------------------------------------------------------------


def test_sign_out_and_sign_in_limits_hold_on_both_servers(site_db, deployment):
    site = deployment
    gen_user(email="a@example.com")
    gen_user(email="b@example.com")

    # One sign-in through the proxy; its cookies work on either server (one SECRET_KEY, the
    # session a database row) and stop working on both once it signs out on one of them.
    browser = Browser(site, f"{NETWORK}.2")
    assert browser.sign_in("a@example.com", remember=True).status == 302
    stolen = dict(browser.cookies)
    assert {"session", "remember_token"} <= set(stolen)
    for server in (0, 1):
        assert (
            browser.request("GET", "/api/v1/me", server=server).json()["email"] == "a@example.com"
        )
    assert browser.sign_out().status == 302
    for cookies in (stolen, {"remember_token": stolen["remember_token"]}):
        thief = Browser(site, f"{NETWORK}.3", cookies=dict(cookies))
        assert [thief.request("GET", "/api/v1/me", server=n).status for n in (0, 1)] == [401, 401]
        assert thief.request("GET", "/api/v1/me").status == 401

    # Flask-Limiter's per-address limit is counted in Redis: ten sign-ins from one address over
    # both servers, then the eleventh is refused, while another address may still try.
    guesser = Browser(site, f"{NETWORK}.4")
    statuses = [
        guesser.sign_in(f"nobody{n}@example.com", "wrong-password").status
        for n in range(LOGIN_RATE_LIMIT + 1)
    ]
    assert statuses == [400] * LOGIN_RATE_LIMIT + [429]
    assert "操作过于频繁" in guesser.sign_in("nobody@example.com", "wrong-password").text
    assert all(_served_by_each(site, guesser.address, "POST", "/auth/login")), "one server only"
    assert Browser(site, f"{NETWORK}.5").sign_in("b@example.com", "wrong-password").status == 400

    # Failed sign-ins per account are counted in the database: ten failures from ten addresses
    # over both servers lock the account, even for the right password from an eleventh.
    failures = [
        Browser(site, f"{NETWORK}.{10 + n}").sign_in("b@example.com", "wrong-password").status
        for n in range(FAILURES_PER_ACCOUNT - 1)
    ]
    assert failures == [400] * (FAILURES_PER_ACCOUNT - 1)  # with the one from .5 above: ten
    served = [
        sum(_served_by_each(site, f"{NETWORK}.{10 + n}", "POST", "/auth/login")[server]
            for n in range(FAILURES_PER_ACCOUNT - 1))
        for server in (0, 1)
    ]  # fmt: skip
    assert all(served), f"the failures went to one server only: {served}"
    locked = Browser(site, f"{NETWORK}.30").sign_in("b@example.com")
    assert locked.status == 429 and "登录失败次数过多" in locked.text


def test_a_content_publish_reaches_both_servers(site_db, deployment, tmp_path):
    site = deployment
    gen_user(email="reader@example.com")
    browser = Browser(site, f"{NETWORK}.40")
    assert browser.sign_in("reader@example.com").status == 302

    def titles(server: int) -> set[str]:
        answer = browser.request("GET", "/api/v1/blueprints", server=server)
        return {b["title"] for b in answer.json()["blueprints"] if b["id"] == PAPER}

    old_title = titles(0).pop()
    assert titles(1) == {old_title}
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    paper = content / "exams" / f"{PAPER}.yaml"
    new_title = f"{old_title}（2027 版）"
    changed = re.sub(r"(?m)^title: .*$", f"title: {new_title}", paper.read_text(), count=1)
    assert changed != paper.read_text()
    paper.write_text(changed)

    # The README's command, from any machine with the environment file: deploy/flask.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "STUDYAPP_"))}
    env.update(STUDYAPP_ENV_FILE=str(site.env_file), FLASK_CONTENT_DIR=str(content))
    published = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "deploy" / "flask"), "content", "reload"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert published.returncode == 0, published.stdout + published.stderr
    assert "已发布新版本" in published.stdout
    at = time.monotonic()

    # Every worker of both servers looks for a new release at most POLL_SECONDS apart.
    seen = {}
    while len(seen) < 2 and time.monotonic() - at < POLL_SECONDS + 5:
        for server in (0, 1):
            if server not in seen and titles(server) == {new_title}:
                seen[server] = time.monotonic() - at
        time.sleep(0.2)
    assert sorted(seen) == [0, 1], f"the publish reached servers {sorted(seen)} only"
    time.sleep(max(0.0, POLL_SECONDS + 0.5 - (time.monotonic() - at)))
    for server in (0, 1):  # each worker of each server, whichever answers
        assert all(titles(server) == {new_title} for _ in range(6))
    blueprints = browser.request("GET", "/api/v1/blueprints").json()["blueprints"]
    assert new_title in {b["title"] for b in blueprints}


class Candidate(threading.Thread):
    """Through the proxy: saves answers to the open paper, or reviews a card, one request after
    another until told to stop. A request whose server died under it has an unknown outcome;
    the candidate goes on, as the page does."""

    def __init__(self, browser: Browser, attempt: dict, cards: list[str], seed: int):
        super().__init__(daemon=True)
        self.browser, self.attempt, self.cards = browser, attempt, cards
        self.rng = random.Random(seed)
        self.stop = threading.Event()
        self.answers: list[tuple[str, object, bool]] = []  # (question, answer, acknowledged)
        self.reviews: list[tuple[str, int]] = []  # (card, revision) acknowledged
        self.unknown: list[tuple[float, str]] = []  # (when, what) of each unknown outcome
        self.error: str | None = None

    def run(self) -> None:
        while not self.stop.is_set():
            if self.rng.random() < 0.7:
                question = self.rng.choice(self.attempt["questions"])
                answer = an_answer(question, self.rng)
                path = f"/api/v1/attempts/{self.attempt['id']}/answers/{question['question_id']}"
                outcome = self._send("PUT", path, {"answer": answer})
                acknowledged = outcome is not None and outcome.status == 200
                self.answers.append((question["question_id"], answer, acknowledged))
            else:
                card = self.rng.choice(self.cards)
                body = {"rating": self.rng.choice([1, 2, 3, 3, 4]), "duration_ms": 2000}
                outcome = self._send("POST", f"/api/v1/cards/{card}/reviews", body)
                if outcome is not None and outcome.status == 200:
                    self.reviews.append((card, outcome.json()["revision"]))
            if self.error:
                return

    def _send(self, method: str, path: str, body: dict) -> Answer | None:
        try:
            outcome = self.browser.request(method, path, body)
        except (OSError, http.client.HTTPException) as error:
            self.unknown.append((time.monotonic(), f"{method} {path}: {error!r}"))
            return None
        if outcome.status == 502:  # nginx: the server died with this request in hand
            self.unknown.append((time.monotonic(), f"{method} {path}: 502"))
        elif outcome.status != 200:
            self.error = f"{method} {path}: {outcome.status} {outcome.body[:300]!r}"
        return outcome

    @property
    def saves(self) -> int:
        return sum(acknowledged for _, _, acknowledged in self.answers)


def test_a_candidate_carries_on_when_a_server_is_killed_mid_exam(site_db, deployment):
    site = deployment
    cards = sorted(current_syllabus().cards)[:10]
    users = [gen_user(email=f"sitter{n}@example.com") for n in range(3)]
    candidates = []
    for n, user in enumerate(users):
        browser = Browser(site, f"{NETWORK}.{50 + n}")
        assert browser.sign_in(user.email).status == 302
        started = browser.request("POST", "/api/v1/attempts", {"blueprint": PAPER})
        assert started.status == 201, started.body
        candidates.append(Candidate(browser, started.json(), cards, seed=n))
    for candidate in candidates:
        candidate.start()

    def progress() -> tuple[int, int]:
        return sum(c.saves for c in candidates), sum(len(c.reviews) for c in candidates)

    def wait_for(saves: int, reviews: int, timeout: float) -> None:
        give_up = time.monotonic() + timeout
        while time.monotonic() < give_up and any(c.is_alive() for c in candidates):
            done = progress()
            if done[0] >= saves and done[1] >= reviews:
                return
            time.sleep(0.02)

    try:
        wait_for(saves=40, reviews=15, timeout=60)
        before = progress()
        killed_at = time.monotonic()
        os.killpg(site.pid_of(0), signal.SIGKILL)  # master and workers, requests in hand
        site.wait_for(rf"port {site.app_ports[0]} exited \(killed by SIGKILL\)", timeout=10)
        wait_for(saves=before[0] + 40, reviews=before[1] + 15, timeout=60)
    finally:
        for candidate in candidates:
            candidate.stop.set()
        for candidate in candidates:
            candidate.join(30)
    after = progress()
    assert [c.error for c in candidates] == [None] * len(candidates)
    assert before[0] >= 40 and after[0] - before[0] >= 40, f"saves {before} then {after}"
    assert after[1] - before[1] >= 15, f"reviews {before} then {after}"
    # Only requests in the killed server's hands as it died can fail (a POST; nginx passes a PUT
    # on to the other server): a moment's worth, then the candidate carries on unharmed.
    unknown = [(round(at - killed_at, 2), what) for c in candidates for at, what in c.unknown]
    assert all(0 <= delay < 2.0 for delay, _ in unknown), unknown
    assert len(unknown) <= 3 * len(candidates), unknown

    # deploy/start starts the killed server again; it serves the same candidate at once.
    site.wait_for(rf"port {site.app_ports[0]} answers again", timeout=30)
    for candidate in candidates:
        attempt = candidate.attempt
        again = candidate.browser.request("GET", f"/api/v1/attempts/{attempt['id']}", server=0)
        assert again.status == 200 and again.json()["status"] == "in_progress"

        # Every acknowledged answer is there: per question the last acknowledged one, or one
        # sent after it whose outcome is unknown (None: nothing acknowledged, nothing landed).
        resumed = candidate.browser.request("GET", f"/api/v1/attempts/{attempt['id']}").json()
        stored = {q["question_id"]: q["answer"] for q in resumed["questions"]}
        possible: dict[str, list] = {question: [None] for question in stored}
        for question, answer, acknowledged in candidate.answers:
            possible[question] = [answer] if acknowledged else [*possible[question], answer]
        lost = [q for q, answers in possible.items() if stored[q] not in answers]
        assert lost == [], f"answers lost or from nowhere: {lost}"

        submitted = candidate.browser.request("POST", f"/api/v1/attempts/{attempt['id']}/submit")
        assert submitted.status == 200 and submitted.json()["status"] == "submitted"
        assert submitted.json()["score"] is not None

    logged = set(
        db.session.execute(text("SELECT user_id, card_id, revision_after FROM review_log"))
    )
    for user, candidate in zip(users, candidates, strict=True):
        missing = [(c, rev) for c, rev in candidate.reviews if (user.id, c, rev) not in logged]
        assert missing == [], f"acknowledged reviews of {user.email} missing from review_log"
    assert _inconsistencies() == []
