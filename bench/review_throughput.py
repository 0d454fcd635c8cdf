"""Card reviews per second under gunicorn, against a trivial route of the same server.

Sets up a fresh database by the real migrations (SQLite in a temporary folder, or a private
schema in PostgreSQL with ``--database postgresql``), publishes content/ with ``flask content
reload``, creates candidates (a cohort with an exam ahead, so reviews go through the exam-date
planner) each with an API token, and starts ``gunicorn -w 2 wsgi:app`` in production config.
The same load generator then drives each route for a fixed time after a warm-up, in rounds
that alternate the two routes:
  healthz:  ``GET /healthz`` (no database, no login);
  reviews:  ``POST /api/v1/cards/<id>/reviews`` with a bearer token, each client process its own
            candidates, each candidate its own cards, ratings 1-4 in realistic proportions.
The generator is several processes with keep-alive ``http.client`` connections. Printed per
route: requests/s, latency, errors, the server's CPU time per request (master and workers, from
/proc) and the generator's own CPU use, so that it can be seen not to be what limits either.
Target: ratio = reviews/s / healthz/s >= 0.40.

    .venv/bin/python bench/review_throughput.py [--database postgresql] [--seconds 15]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from statistics import quantiles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.trust.live_server import LiveServer, server_env  # noqa: E402

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
USERS = 48
CARDS_PER_USER = 60
# Again, Hard, Good, Easy: a plausible mix for a candidate, mostly Good, now and then Again.
RATING_WEIGHTS = {1: 0.12, 2: 0.13, 3: 0.65, 4: 0.10}


# -- the load generator (runs in client processes: nothing from studyapp imported here) ---------
def _client(port, plan, barrier, seconds, seed, results):
    """Sends requests back to back for ``seconds``; ``plan`` None asks for /healthz."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    ratings, weights = list(RATING_WEIGHTS), list(RATING_WEIGHTS.values())
    latencies, statuses = [], Counter()
    barrier.wait()
    cpu_from = time.process_time()
    stop_at = time.perf_counter() + seconds
    while (now := time.perf_counter()) < stop_at:
        if plan is None:
            method, path, body, headers = "GET", "/healthz", None, {}
        else:
            token, cards = plan[rng.randrange(len(plan))]
            rating = rng.choices(ratings, weights)[0]
            payload = {"rating": rating, "duration_ms": rng.randint(1500, 20000)}
            method, path = "POST", f"/api/v1/cards/{rng.choice(cards)}/reviews"
            body = json.dumps(payload)
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            if response.will_close:  # gunicorn's sync workers close after each response
                connection.close()
        except (OSError, http.client.HTTPException):
            connection.close()
            status = 0
        latencies.append(time.perf_counter() - now)
        statuses[status] += 1
    connection.close()
    results.put((latencies, dict(statuses), time.process_time() - cpu_from))


def drive(server: LiveServer, plans: list, seconds: float) -> tuple[list, float]:
    """The clients' results, and the CPU seconds the server spent meanwhile."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(plans)), context.Queue()
    processes = [
        context.Process(
            target=_client, args=(server.port, plan, barrier, seconds, 1000 + i, results)
        )
        for i, plan in enumerate(plans)
    ]
    server_cpu = server.cpu_seconds()
    for process in processes:
        process.start()
    collected = [results.get(timeout=seconds + 120) for _ in processes]
    server_cpu = server.cpu_seconds() - server_cpu
    for process in processes:
        process.join()
    return collected, server_cpu


def summarise(collected: list, server_cpu: float, seconds: float) -> dict:
    latencies = sorted(x for r in collected for x in r[0])
    statuses = Counter()
    for r in collected:
        statuses.update(r[1])
    cuts = quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    return {
        "rate": len(latencies) / seconds,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "errors": sum(n for status, n in statuses.items() if status != 200),
        "statuses": dict(statuses),
        "server_ms": server_cpu * 1000 / max(len(latencies), 1),
        "client_cpu": sum(r[2] for r in collected) / seconds,
    }


# -- setting up the database ------------------------------------------------------------------
def run_flask(env: dict, *args: str) -> None:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def create_candidates(env: dict, count: int, cards_each: int, seed: int) -> list:
    """(token, card ids) per candidate, in a cohort whose exam is 45 days away."""
    os.environ.update(env)
    from studyapp import create_app
    from studyapp.auth import organisations, services
    from studyapp.content import current_syllabus
    from studyapp.extensions import db

    rng = random.Random(seed)
    app = create_app()
    with app.app_context():
        syllabus = current_syllabus()
        card_ids = sorted(card.id for card in syllabus.cards.values() if not card.retired)
        organisation = organisations.create_organisation("压测机构")
        cohort = organisations.create_cohort(
            organisation, "压测班", date.today() + timedelta(days=45)
        )
        candidates = []
        for n in range(count):
            user = services.create_user(f"bench{n}@example.com", f"考生{n}", "bench-pass-1")
            services.add_membership(user, cohort)
            db.session.commit()
            token = services.issue_api_token(user)
            candidates.append((token, rng.sample(card_ids, cards_each)))
        db.session.remove()
        db.engine.dispose()
    return candidates


def postgres_schema() -> tuple[str, callable]:
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


def report(name: str, figures: dict) -> None:
    print(
        f"{name:<8} {figures['rate']:8.1f} req/s   p50 {figures['p50']:6.1f} ms   "
        f"p95 {figures['p95']:6.1f} ms   errors {figures['errors']}   "
        f"server CPU {figures['server_ms']:5.2f} ms/request   "
        f"load generator {figures['client_cpu']:.2f} CPU   statuses {figures['statuses']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="review-bench-"))
    drop_schema = None
    try:
        if args.database == "postgresql":
            url, drop_schema = postgres_schema()
        else:
            url = f"sqlite:///{folder / 'bench.sqlite3'}"
        env = server_env(url, str(folder))
        started = time.perf_counter()
        run_flask(env, "db", "upgrade")
        run_flask(env, "content", "reload")
        candidates = create_candidates(env, USERS, CARDS_PER_USER, seed=7)
        plans = [candidates[i :: args.clients] for i in range(args.clients)]
        print(
            f"{args.database}: {USERS} candidates x {CARDS_PER_USER} cards, {args.clients} client "
            f"processes, gunicorn -w 2, {args.warmup:g} s warm-up + {args.seconds:g} s each "
            f"in {args.rounds} alternating rounds "
            f"(set up in {time.perf_counter() - started:.1f} s, {os.cpu_count()} CPUs)"
        )
        routes = {"healthz": [None] * args.clients, "reviews": plans}
        collected = {name: [] for name in routes}
        server_cpu = dict.fromkeys(routes, 0.0)
        with LiveServer(env, folder / "gunicorn.log") as server:
            for plan in routes.values():
                drive(server, plan, args.warmup)  # warm-up, not counted
            # Rounds alternate the routes, so that other load on the machine hits both alike.
            for _round in range(args.rounds):
                for name, plan in routes.items():
                    results, cpu = drive(server, plan, args.seconds / args.rounds)
                    collected[name] += results
                    server_cpu[name] += cpu
        figures = {
            name: summarise(collected[name], server_cpu[name], args.seconds) for name in routes
        }
        for name, route_figures in figures.items():
            report(name, route_figures)
        print(f"ratio={figures['reviews']['rate'] / figures['healthz']['rate']:.3f}")
    finally:
        if drop_schema is not None:
            drop_schema()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
