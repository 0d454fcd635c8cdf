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
import os
import time

import harness

USERS = 48
CARDS_PER_USER = 60
# Again, Hard, Good, Easy: a plausible mix for a candidate, mostly Good, now and then Again.
RATING_WEIGHTS = {1: 0.12, 2: 0.13, 3: 0.65, 4: 0.10}


def reviews(client: harness.Client, plan: list, rng) -> None:
    """Reviews back to back: a random candidate of this client's, one of their cards."""
    ratings, weights = list(RATING_WEIGHTS), list(RATING_WEIGHTS.values())
    while True:
        token, cards = plan[rng.randrange(len(plan))]
        payload = {
            "rating": rng.choices(ratings, weights)[0],
            "duration_ms": rng.randint(1500, 20000),
        }
        path = f"/api/v1/cards/{rng.choice(cards)}/reviews"
        client.request("reviews", "POST", path, payload, {"Authorization": f"Bearer {token}"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=harness.DATABASES, default="sqlite")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    with harness.fresh_database(args.database, "review-bench-") as (env, folder):
        cohort = harness.in_app(env, harness.create_cohort, USERS, CARDS_PER_USER, 7)
        plans = [[plan] for plan in harness.split(cohort["candidates"], args.clients)]
        print(
            f"{args.database}: {USERS} candidates x {CARDS_PER_USER} cards, {args.clients} client "
            f"processes, gunicorn -w 2, {args.warmup:g} s warm-up + {args.seconds:g} s each "
            f"in {args.rounds} alternating rounds "
            f"(set up in {time.perf_counter() - started:.1f} s, {os.cpu_count()} CPUs)"
        )
        routes = {
            "healthz": (harness.healthz, [[None]] * args.clients),
            "reviews": (reviews, plans),
        }
        with harness.LiveServer(env, folder / "gunicorn.log") as server:
            figures = harness.alternate(server, routes, args.warmup, args.seconds, args.rounds)
    for name, route_figures in figures.items():
        harness.report_line(name, route_figures)
    print(f"ratio={figures['reviews']['rate'] / figures['healthz']['rate']:.3f}")


if __name__ == "__main__":
    main()
