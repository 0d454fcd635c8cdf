"""What the throughput and load benches share: a fresh database, gunicorn, a load generator.

``fresh_database`` builds a database by the real migrations (SQLite in a temporary folder, or a
private PostgreSQL schema dropped at the end) and publishes content/; ``in_app`` runs e.g.
``create_cohort`` inside the app in a spawned child. ``drive`` runs client processes, each with
one or more sessions (threads with their own keep-alive connection) of a behaviour
``f(client, argument, rng)`` that sends requests until ``Client.request`` raises ``TimeUp``;
every request is timed under a route name, and ``Phase.figures`` sums them up. Nothing from
studyapp is imported at module level: the generator's processes import this module.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import math
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from statistics import quantiles
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.trust.live_server import LiveServer, server_env  # noqa: E402

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DATABASES = ("sqlite", "postgresql")
PASSWORD = "bench-pass-1"


def databases(choice: str) -> tuple[str, ...]:
    """``--database sqlite|postgresql|both`` as the list of databases to run."""
    return DATABASES if choice == "both" else (choice,)


# -- setting up the database ------------------------------------------------------------------
def run_flask(env: dict, *args: str) -> None:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def postgres_schema() -> tuple[str, callable]:
    """The URL of a new empty schema, and the function that drops it."""
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return f"{PG_URL}?options=-csearch_path%3D{schema}", drop


@contextlib.contextmanager
def fresh_database(kind: str, prefix: str = "bench-"):
    """Yields (server environment, temporary folder): migrated, content published."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    drop_schema = None
    try:
        if kind == "postgresql":
            url, drop_schema = postgres_schema()
        else:
            url = f"sqlite:///{folder / 'bench.sqlite3'}"
        env = server_env(url, str(folder))
        run_flask(env, "db", "upgrade")
        run_flask(env, "content", "reload")
        yield env, folder
    finally:
        if drop_schema is not None:
            drop_schema()
        shutil.rmtree(folder, ignore_errors=True)


def in_app(env: dict, function, *args):
    """``function(*args)`` in an app context of a fresh process pointed at ``env``'s database."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_call_in_app, env, function, args).result()


def _call_in_app(env: dict, function, args: tuple):
    os.environ.update(env)
    from studyapp import create_app
    from studyapp.extensions import db

    app = create_app()
    with app.app_context():
        try:
            return function(*args)
        finally:
            db.session.remove()
            db.engine.dispose()


def create_cohort(count: int, cards_each: int, seed: int, with_hr: bool = False) -> dict:
    """In the app: a cohort whose exam is 45 days away, ``count`` candidates in it each with an
    API token and ``cards_each`` cards of their own, and if asked an HR user of its organisation.
    Returns {"cohort_id", "candidates": [(token, card ids)], "hr": {"email", "token"} | None}."""
    from studyapp.auth import organisations, services, sessions
    from studyapp.extensions import db
    from studyapp.syllabus import current_syllabus

    rng = random.Random(seed)
    syllabus = current_syllabus()
    card_ids = sorted(card.id for card in syllabus.cards.values() if not card.retired)
    organisation = organisations.create_organisation("压测机构")
    cohort = organisations.create_cohort(organisation, "压测班", date.today() + timedelta(days=45))
    candidates = []
    for n in range(count):
        user = services.create_user(f"bench{n}@example.com", f"考生{n}", PASSWORD)
        services.add_membership(user, cohort)
        db.session.commit()
        token = sessions.issue_api_token(user, "bench")
        candidates.append((token, rng.sample(card_ids, cards_each)))
    hr = None
    if with_hr:
        user = services.create_user("hr@example.com", "人事", PASSWORD, "hr", organisation.id)
        db.session.commit()
        hr = {"email": user.email, "token": sessions.issue_api_token(user, "bench")}
    return {"cohort_id": cohort.id, "candidates": candidates, "hr": hr}


# -- the load generator -----------------------------------------------------------------------
class TimeUp(Exception):
    """The phase is over: the session stops instead of sending another request."""


class Client:
    """One keep-alive connection with a cookie jar; every request is timed under its route."""

    def __init__(self, port: int, stop_at: float = math.inf, token: str | None = None):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.stop_at = stop_at
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.cookies: dict[str, str] = {}
        self.stats: dict[str, tuple[list, Counter]] = {}

    def request(self, route, method, path, payload=None, headers=None, form=None):
        """(status, body); status 0 when the connection failed."""
        started = time.perf_counter()
        if started >= self.stop_at:
            raise TimeUp
        headers = {**self.headers, **(headers or {})}
        body = None
        if payload is not None:
            body, headers["Content-Type"] = json.dumps(payload), "application/json"
        elif form is not None:
            body, headers["Content-Type"] = urlencode(form), "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data, status = response.read(), response.status
            for cookie in response.headers.get_all("Set-Cookie") or ():
                name, _, value = cookie.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value
            if response.will_close:  # gunicorn's sync workers close after each response
                self.connection.close()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            status, data = 0, b""
        latencies, statuses = self.stats.setdefault(route, ([], Counter()))
        latencies.append(time.perf_counter() - started)
        statuses[status] += 1
        return status, data

    def json(self, route, method, path, payload=None):
        """The decoded answer of a 2xx response, else None."""
        status, data = self.request(route, method, path, payload)
        return json.loads(data) if 200 <= status < 300 else None

    def close(self) -> None:
        self.connection.close()


def healthz(client: Client, _argument, _rng) -> None:
    """The trivial route, back to back: the baseline every bench compares against."""
    while True:
        client.request("healthz", "GET", "/healthz")


def split(items: list, parts: int) -> list[list]:
    return [items[i::parts] for i in range(parts)]


class Phase:
    """What the clients of one or more runs recorded, and the CPU time spent meanwhile."""

    def __init__(self) -> None:
        self.stats: dict[str, tuple[list, Counter]] = {}
        self.server_cpu = self.client_cpu = 0.0

    def add(self, stats: dict, server_cpu: float = 0.0, client_cpu: float = 0.0) -> Phase:
        for route, (latencies, statuses) in stats.items():
            mine = self.stats.setdefault(route, ([], Counter()))
            mine[0].extend(latencies)
            mine[1].update(statuses)
        self.server_cpu += server_cpu
        self.client_cpu += client_cpu
        return self

    def figures(self, seconds: float, route: str | None = None) -> dict:
        """One route's figures, or (None) those of every request together."""
        chosen = [self.stats[route]] if route else list(self.stats.values())
        latencies = [x for lat, _ in chosen for x in lat]
        statuses = sum((s for _, s in chosen), Counter())
        return summarise(latencies, statuses, seconds, self.server_cpu, self.client_cpu)


def drive(server: LiveServer, behaviour, plans: list[list], seconds: float) -> Phase:
    """Runs ``behaviour`` for ``seconds``: one process per plan, one session per plan item."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(plans)), context.Queue()
    common = (server.port, behaviour, barrier, seconds, results)
    processes = [
        context.Process(target=_process, args=(*common, sessions, 1000 + i))
        for i, sessions in enumerate(plans)
    ]
    server_cpu = server.cpu_seconds()
    for process in processes:
        process.start()
    collected = [results.get(timeout=seconds + 120) for _ in processes]
    server_cpu = server.cpu_seconds() - server_cpu
    for process in processes:
        process.join()
    phase = Phase().add({}, server_cpu=server_cpu)
    for stats, cpu in collected:
        phase.add(stats, client_cpu=cpu)
    return phase


def _process(port, behaviour, barrier, seconds, results, sessions, seed) -> None:
    barrier.wait()
    cpu_from = time.process_time()
    stop_at = time.perf_counter() + seconds
    clients = [Client(port, stop_at) for _ in sessions]
    threads = [
        threading.Thread(
            target=_session, args=(behaviour, client, argument, random.Random(seed + 7919 * n))
        )
        for n, (client, argument) in enumerate(zip(clients, sessions, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase = Phase()
    for client in clients:
        client.close()
        phase.add(client.stats)
    results.put((phase.stats, time.process_time() - cpu_from))


def _session(behaviour, client: Client, argument, rng: random.Random) -> None:
    try:
        behaviour(client, argument, rng)
    except TimeUp:
        pass
    except Exception:  # a bug of the bench: shown, and counted as an error
        traceback.print_exc()
        client.stats.setdefault("(session crashed)", ([], Counter()))[1][-1] += 1


def alternate(server: LiveServer, routes: dict, warmup: float, seconds: float, rounds: int):
    """{name: figures} for {name: (behaviour, plans)}, driven after a warm-up each in rounds
    that alternate them, so that other load on the machine hits all alike."""
    for behaviour, plans in routes.values():
        drive(server, behaviour, plans, warmup)  # not counted
    phases = {name: Phase() for name in routes}
    for _round in range(rounds):
        for name, (behaviour, plans) in routes.items():
            run = drive(server, behaviour, plans, seconds / rounds)
            phases[name].add(run.stats, run.server_cpu, run.client_cpu)
    return {name: phase.figures(seconds) for name, phase in phases.items()}


# -- figures ------------------------------------------------------------------------------------
def summarise(latencies, statuses, seconds, server_cpu=0.0, client_cpu=0.0) -> dict:
    """Errors: every answer outside 2xx, and every failed connection (status 0)."""
    latencies = sorted(latencies)
    cuts = quantiles(latencies, n=100) if len(latencies) > 1 else (latencies or [math.nan]) * 99
    return {
        "requests": len(latencies),
        "rate": len(latencies) / seconds,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "errors": sum(n for status, n in statuses.items() if not 200 <= status < 300),
        "statuses": dict(sorted(statuses.items())),
        "server_ms": server_cpu * 1000 / max(len(latencies), 1),
        "client_cpu": client_cpu / seconds,
    }


def report_line(name: str, figures: dict) -> None:
    print(
        f"{name:<8} {figures['rate']:8.1f} req/s   p50 {figures['p50']:6.1f} ms   "
        f"p95 {figures['p95']:6.1f} ms   errors {figures['errors']}   "
        f"server CPU {figures['server_ms']:5.2f} ms/request   "
        f"load generator {figures['client_cpu']:.2f} CPU   statuses {figures['statuses']}"
    )
