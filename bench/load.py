"""Mixed load: 50 candidates and HR staff at once against gunicorn (2 workers), per endpoint.

For each database (SQLite in a temporary folder, then a private schema in PostgreSQL; one of them
with ``--database``) a fresh database is set up as bench/review_throughput.py does it (migrations,
content/ published, a cohort of 50 candidates each with an API token, and an HR user of the
cohort's organisation), then ``gunicorn -w 2 wsgi:app`` is started in production config and
driven by 52 client sessions at once (threads in a few processes, each with its own keep-alive
connection), think-free unless ``--think`` and ``--hr-think`` ask for pauses between steps:
  candidates (50, bearer tokens), in a loop: fetch due cards and review some of them; then half
            the time sit a paper (quick-quiz, one time in four mock-theory): start it, save
            answers to random questions (changing some), submit it, read the wrong-answer book;
  HR (2), in a loop: ``/hr/cohorts`` and ``/hr/cohorts/<id>`` with the session of a form login,
            ``/api/v1/cohorts/<id>/progress`` with a bearer token.
Nothing is meant to fail: an error is any answer outside 2xx or a failed connection. Think-free
the server is saturated, so latencies are mostly the wait in front of the two workers (about
sessions / throughput); per-endpoint differences show in the tail and with ``--think``.

Baseline: a separate phase before the mixed one, in which the same 52 sessions request
``GET /healthz`` back to back, so that its latencies include the same queueing in front of two
sync workers and its requests/s is what the server manages on a trivial route. (A light probe
during the mixed phase would instead measure the queue the mixed load builds.)

Printed per database: a table of requests, req/s, p50/p95/p99 ms and errors per endpoint, the
totals with the server's CPU time per request; LAST, ``errors=`` the total over every phase and
database (target: 0).

    .venv/bin/python bench/load.py [--database sqlite|postgresql|both] [--seconds 30]
"""

from __future__ import annotations

import argparse
import os
import time

import harness
from answer_throughput import questions_of, random_answer
from review_throughput import RATING_WEIGHTS

CANDIDATES = 50
HR_SESSIONS = 2
CARDS = "/api/v1/cards"
ATTEMPTS = "/api/v1/attempts"


def login(port: int, email: str) -> dict[str, str]:
    """The cookies of a session logged in through the form, as a browser does it."""
    from tests.conftest import CSRF_RE  # imports the app: not in the generator's processes

    client = harness.Client(port)
    page = client.request("login", "GET", "/auth/login")[1].decode()
    token = CSRF_RE.search(page).group(1)
    form = {"email": email, "password": harness.PASSWORD, "csrf_token": token}
    status, _ = client.request("login", "POST", "/auth/login", form=form)
    client.close()
    if status != 302:
        raise RuntimeError(f"login of {email} answered {status}")
    return client.cookies


def pause(rng, mean: float) -> None:
    if mean > 0:
        time.sleep(rng.expovariate(1 / mean))


def candidate(client: harness.Client, argument: tuple, rng) -> None:
    token, think = argument
    client.headers["Authorization"] = f"Bearer {token}"
    ratings, weights = list(RATING_WEIGHTS), list(RATING_WEIGHTS.values())
    while True:
        due = client.json(f"GET {CARDS}/due", "GET", f"{CARDS}/due?limit=10")
        for card in (due or {"cards": []})["cards"][: rng.randint(3, 10)]:
            pause(rng, think)
            payload = {"rating": rng.choices(ratings, weights)[0], "revision": card["revision"],
                       "duration_ms": rng.randint(1500, 20000)}  # fmt: skip
            path = f"{CARDS}/{card['card_id']}/reviews"
            client.request(f"POST {CARDS}/<id>/reviews", "POST", path, payload)
        if rng.random() < 0.5:
            sit_paper(client, rng, think)
        pause(rng, think)


def sit_paper(client: harness.Client, rng, think: float) -> None:
    blueprint = "mock-theory" if rng.random() < 0.25 else "quick-quiz"
    attempt = client.json(f"POST {ATTEMPTS}", "POST", ATTEMPTS, {"blueprint": blueprint})
    if attempt is None:
        return
    questions = questions_of(attempt)
    for _ in range(rng.randint(len(questions) // 4, len(questions))):
        pause(rng, think)
        question = rng.choice(questions)  # some more than once: the answer changes
        path = f"{ATTEMPTS}/{attempt['id']}/answers/{question[0]}"
        payload = {"answer": random_answer(question, rng)}
        client.request(f"PUT {ATTEMPTS}/<id>/answers/<q>", "PUT", path, payload)
    client.request(f"POST {ATTEMPTS}/<id>/submit", "POST", f"{ATTEMPTS}/{attempt['id']}/submit")
    pause(rng, think)
    client.request("GET /api/v1/me/wrong-answers", "GET", "/api/v1/me/wrong-answers")


def hr(client: harness.Client, argument: tuple, rng) -> None:
    cookies, token, cohort_id, think = argument
    client.cookies.update(cookies)
    bearer = {"Authorization": f"Bearer {token}"}
    progress = f"/api/v1/cohorts/{cohort_id}/progress"
    while True:
        client.request("GET /hr/cohorts", "GET", "/hr/cohorts")
        pause(rng, think)
        client.request("GET /hr/cohorts/<id>", "GET", f"/hr/cohorts/{cohort_id}")
        pause(rng, think)
        client.request("GET /api/v1/cohorts/<id>/progress", "GET", progress, headers=bearer)
        pause(rng, think)


def mixed(client: harness.Client, argument: tuple, rng) -> None:
    """One session of the mixed phase: a candidate's or HR's loop."""
    behaviour, person = argument
    behaviour(client, person, rng)


def measure(database: str, args) -> int:
    """Sets up, drives and reports one database; returns its error count."""
    started = time.perf_counter()
    with harness.fresh_database(database, "load-bench-") as (env, folder):
        cohort = harness.in_app(env, harness.create_cohort, CANDIDATES, 0, 11, True)
        with harness.LiveServer(env, folder / "gunicorn.log") as server:
            cookies = login(server.port, cohort["hr"]["email"])
            staff = (cookies, cohort["hr"]["token"], cohort["cohort_id"], args.hr_think)
            people = [(candidate, (token, args.think)) for token, _ in cohort["candidates"]]
            people += [(hr, staff)] * HR_SESSIONS
            plans = harness.split(people, args.clients)
            print(
                f"{database}: {CANDIDATES} candidates + {HR_SESSIONS} HR sessions in "
                f"{args.clients} client processes, gunicorn -w 2, think {args.think:g} s "
                f"(HR {args.hr_think:g} s), {args.warmup:g} s warm-up, {args.baseline:g} s "
                f"healthz baseline, {args.seconds:g} s mixed load (set up in "
                f"{time.perf_counter() - started:.1f} s, {os.cpu_count()} CPUs)"
            )
            baseline_plans = [[None] * len(plan) for plan in plans]
            harness.drive(server, mixed, plans, args.warmup)  # not counted
            baseline = harness.drive(server, harness.healthz, baseline_plans, args.baseline)
            load = harness.drive(server, mixed, plans, args.seconds)
    rows = {route: load.figures(args.seconds, route) for route in sorted(load.stats)}
    rows["all of the above"] = total = load.figures(args.seconds)
    rows["baseline: GET /healthz"] = base = baseline.figures(args.baseline, "healthz")
    report_table(rows)
    errors = total["errors"] + base["errors"]
    print(
        f"{database}: {total['rate']:.1f} req/s mixed = {total['rate'] / base['rate']:.3f} of "
        f"healthz; server CPU {total['server_ms']:.2f} ms/request mixed, {base['server_ms']:.2f} "
        f"healthz; load generator {total['client_cpu']:.2f} CPU; errors {errors}",
        flush=True,
    )
    return errors


def report_table(rows: dict[str, dict]) -> None:
    """One line per route: requests, req/s, p50/p95/p99 in ms, errors and statuses."""
    width = max(len(name) for name in rows) + 2
    print(f"{'endpoint':<{width}}{'requests':>9}{'req/s':>9}{'p50':>9}{'p95':>9}{'p99':>9}"
          f"{'errors':>8}  statuses")  # fmt: skip
    for name, f in rows.items():
        print(f"{name:<{width}}{f['requests']:>9}{f['rate']:>9.1f}{f['p50']:>9.1f}"
              f"{f['p95']:>9.1f}{f['p99']:>9.1f}{f['errors']:>8}  {f['statuses']}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=(*harness.DATABASES, "both"), default="both")
    parser.add_argument("--seconds", type=float, default=30.0, help="mixed load per database")
    parser.add_argument("--baseline", type=float, default=10.0, help="healthz per database")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4, help="client processes")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause of candidates")
    parser.add_argument("--hr-think", type=float, default=0.0, help="mean pause of HR")
    args = parser.parse_args()
    errors = sum(measure(database, args) for database in harness.databases(args.database))
    print(f"errors={errors}")


if __name__ == "__main__":
    main()
