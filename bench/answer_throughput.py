"""Answer saves per second under gunicorn, against a trivial route of the same server.

For each database (SQLite in a temporary folder, then a private schema in PostgreSQL; one of them
with ``--database``) a fresh database is set up as bench/review_throughput.py does it: the real
migrations, content/ published with ``flask content reload``, candidates of a cohort each with an
API token, ``gunicorn -w 2 wsgi:app`` in production config. Before anything is timed, every
candidate starts a mock-theory paper (125 questions) through ``POST /api/v1/attempts``. The same
load generator then drives each route for a fixed time after a warm-up, in rounds that alternate
the two routes:
  healthz:  ``GET /healthz`` (no database, no login);
  answers:  ``PUT /api/v1/attempts/<id>/answers/<question>`` with a bearer token, each client
            process its own candidates: a random question of the candidate's paper and a valid
            answer for its type drawn afresh each time, so saved answers keep changing (and now
            and then one is cleared with null).
Printed per database and route: requests/s, latency, errors, the server's CPU time per request
and the generator's own CPU use; per database its ratio = answers/s / healthz/s. LAST,
``ratio=`` the WORSE (lower) of the databases' ratios. Target: ratio >= 0.40 on each database.

    .venv/bin/python bench/answer_throughput.py [--database sqlite|postgresql|both] [--seconds 15]
"""

from __future__ import annotations

import argparse
import os
import time

import harness

USERS = 48
BLUEPRINT = "mock-theory"
LETTERS = "ABCDEFGH"
SHORT_ANSWERS = (
    "首先倾听客户诉求并致歉，其次核实情况、提出解决方案，最后跟踪回访，确认客户满意。",
    "服务质量包括可靠性、响应性、保证性、移情性和有形性五个方面。",
    "建立客户档案，分类管理，定期回访，及时处理投诉，提升客户忠诚度。",
)


def random_answer(question: tuple, rng):
    """A valid answer to ``question`` = (id, type, number of options); None now and then."""
    _id, kind, options = question
    if rng.random() < 0.03:
        return None  # the candidate clears the answer
    if kind == "single":
        return rng.choice(LETTERS[:options])
    if kind == "multiple":
        return sorted(rng.sample(LETTERS[:options], rng.randint(2, options)))
    if kind == "judge":
        return rng.random() < 0.5
    return rng.choice(SHORT_ANSWERS)


def questions_of(attempt: dict) -> list[tuple]:
    """(id, type, number of options) of every question of an attempt as the API shows it."""
    return [(q["question_id"], q["type"], len(q["options"])) for q in attempt["questions"]]


def start_papers(port: int, candidates: list, blueprint: str) -> list[tuple]:
    """(token, attempt id, questions) per candidate, each having started ``blueprint``."""
    papers = []
    for token, _cards in candidates:
        client = harness.Client(port, token=token)
        attempt = client.json("start", "POST", "/api/v1/attempts", {"blueprint": blueprint})
        client.close()
        if attempt is None:
            raise RuntimeError(f"starting {blueprint} failed: {client.stats}")
        papers.append((token, attempt["id"], questions_of(attempt)))
    return papers


def answers(client: harness.Client, plan: list, rng) -> None:
    """Answer saves back to back: a random candidate of this client's, a random question."""
    while True:
        token, attempt_id, questions = plan[rng.randrange(len(plan))]
        question = rng.choice(questions)
        path = f"/api/v1/attempts/{attempt_id}/answers/{question[0]}"
        payload = {"answer": random_answer(question, rng)}
        client.request("answers", "PUT", path, payload, {"Authorization": f"Bearer {token}"})


def measure(database: str, args) -> float:
    """Sets up, drives and reports one database; returns its ratio."""
    started = time.perf_counter()
    with harness.fresh_database(database, "answer-bench-") as (env, folder):
        cohort = harness.in_app(env, harness.create_cohort, USERS, 0, 7)
        with harness.LiveServer(env, folder / "gunicorn.log") as server:
            papers = start_papers(server.port, cohort["candidates"], BLUEPRINT)
            print(
                f"{database}: {USERS} candidates each in a {BLUEPRINT} paper of "
                f"{len(papers[0][2])} questions, {args.clients} client processes, gunicorn -w 2, "
                f"{args.warmup:g} s warm-up + {args.seconds:g} s each in {args.rounds} "
                f"alternating rounds (set up in {time.perf_counter() - started:.1f} s, "
                f"{os.cpu_count()} CPUs)"
            )
            routes = {
                "healthz": (harness.healthz, [[None]] * args.clients),
                "answers": (answers, [[plan] for plan in harness.split(papers, args.clients)]),
            }
            figures = harness.alternate(server, routes, args.warmup, args.seconds, args.rounds)
    for name, route_figures in figures.items():
        harness.report_line(name, route_figures)
    ratio = figures["answers"]["rate"] / figures["healthz"]["rate"]
    print(f"{database}: ratio {ratio:.3f} (target >= 0.40)", flush=True)
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=(*harness.DATABASES, "both"), default="both")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ratios = {database: measure(database, args) for database in harness.databases(args.database)}
    worst = min(ratios, key=ratios.get)
    print(f"worse of the databases: {worst}")
    print(f"ratio={ratios[worst]:.3f}")


if __name__ == "__main__":
    main()
