"""Exam day: a whole cohort starts the same mock exam in one minute and submits in the last one.

For each database (SQLite in a temporary folder, then a private PostgreSQL schema; one of them
with ``--db``) a fresh database is set up by the real migrations with content/ published and
one cohort of ``--candidates`` candidates (default 300), each with an API token, and served by
``gunicorn -w 2 wsgi:app`` in production config (bench/harness.py). Then, time compressed:

  start:   every candidate starts the 125-question mock-theory (``POST /api/v1/attempts``) at a
           random moment of the first ``--start-window`` seconds (60);
  save:    each saves answers (``PUT …/answers/<question>``) one after another, a random
           answer valid for the type, about one every ``--save-interval`` seconds (2 s; in the
           real 90 minutes one every 40 s or so: 20× compressed), now and then changing one;
  submit:  each submits (``POST …/submit``) at a random moment of the last ``--submit-window``
           seconds (30) of the ``--duration`` (150 s from the first start).

Each candidate is one thread with its own connection, spread over client processes. After the
run the database is checked: every acknowledged save must be the item's stored answer (answers
lost: must be 0) and every attempt submitted (must be 0 open). Then, on the same server and
one request at a time, ``--calibrate`` further candidates each start, save every answer of and
submit a paper, giving the server's CPU time per start, save and submit; start and submit are
expressed in saves (targets: start <= 10, submit <= 15).

    .venv/bin/python bench/exam_day.py [--db sqlite|postgres|both] [--candidates 300]

Printed per database: start, save and submit p50/p95/p99 and errors during the burst (target: p99
< 2 s, 0 errors), answers lost and attempts unsubmitted, server CPU per request. LAST, the worse
database's ``exam_day_submit_over_save_p95=`` (submit p95 / save p95 in the same run).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

import harness
from answer_throughput import random_answer

BLUEPRINT = "mock-theory"
WARM_UP = 6  # candidates whose papers warm the workers up before the burst
DB_CHOICES = {"sqlite": "sqlite", "postgres": "postgresql", "postgresql": "postgresql"}


def create_candidates(count: int) -> list[str]:
    """In the app: a cohort of ``count`` candidates, each with an API token (one password hash
    for all: hashing is what a real sign-up costs, not what this bench measures)."""
    from studyapp.auth import organisations, services, sessions
    from studyapp.extensions import db

    password_hash = services.generate_password_hash(harness.PASSWORD)
    services.generate_password_hash = lambda _password: password_hash
    organisation = organisations.create_organisation("考试日机构")
    cohort = organisations.create_cohort(organisation, "考试日班", None)
    tokens = []
    for n in range(count):
        user = services.create_user(f"examday{n}@example.com", f"考生{n}", harness.PASSWORD)
        services.add_membership(user, cohort)
        db.session.commit()
        tokens.append(sessions.issue_api_token(user, "bench"))
    return tokens


def check_database(acknowledged: dict) -> dict:
    """In the app: answers acknowledged but not stored, and attempts left open."""
    from sqlalchemy import func, select

    from studyapp.extensions import db
    from studyapp.models import Attempt, AttemptItem

    lost = 0
    for attempt_id, saved in acknowledged.items():
        stored = dict(
            db.session.execute(
                select(AttemptItem.question_id, AttemptItem.answer).where(
                    AttemptItem.attempt_id == int(attempt_id)
                )
            ).all()
        )
        lost += sum(1 for question, answer in saved.items() if stored.get(question) != answer)
    burst = Attempt.id.in_([int(attempt_id) for attempt_id in acknowledged])
    open_count = db.session.scalar(
        select(func.count()).select_from(Attempt).where(Attempt.submitted_at.is_(None))
    )
    attempts = db.session.scalar(select(func.count()).select_from(Attempt).where(burst))
    return {"lost": lost, "unsubmitted": open_count, "attempts": attempts}


def _sleep_until(moment: float) -> None:
    delay = moment - time.time()
    if delay > 0:
        time.sleep(delay)


def candidate(client: harness.Client, plan: dict, rng: random.Random) -> None:
    """One candidate's morning: start at its moment, save answers at its pace, submit at its
    moment; what the server acknowledged goes to a file for the check."""
    client.headers = {"Authorization": f"Bearer {plan['token']}"}
    _sleep_until(plan["start_at"])
    attempt = client.json("start", "POST", "/api/v1/attempts", {"blueprint": BLUEPRINT})
    saved: dict[str, object] = {}
    if attempt is not None:
        questions = [(q["question_id"], q["type"], len(q["options"])) for q in attempt["questions"]]
        order = rng.sample(questions, len(questions))
        next_save = time.time() + rng.expovariate(1 / plan["save_interval"])
        while next_save < plan["submit_at"]:
            _sleep_until(next_save)
            question = order.pop() if order and rng.random() < 0.9 else rng.choice(questions)
            path = f"/api/v1/attempts/{attempt['id']}/answers/{question[0]}"
            answer = random_answer(question, rng)
            if answer is None:
                continue  # clearing is not what this bench is about
            status, body = client.request("save", "PUT", path, {"answer": answer})
            if status == 200:
                saved[question[0]] = json.loads(body)["answer"]
            next_save = time.time() + rng.expovariate(1 / plan["save_interval"])
        _sleep_until(plan["submit_at"])
        client.request("submit", "POST", f"/api/v1/attempts/{attempt['id']}/submit")
        Path(plan["acks"], f"{attempt['id']}.json").write_text(json.dumps(saved))


def plans_for(tokens: list[str], args, acks: Path) -> list[list[dict]]:
    rng = random.Random(23)
    first = time.time() + 5.0  # every client process is up and waiting by then
    end = first + args.duration
    plans = [
        {
            "token": token,
            "start_at": first + rng.uniform(0, args.start_window),
            "submit_at": end - rng.uniform(0, args.submit_window),
            "save_interval": args.save_interval,
            "acks": str(acks),
        }
        for token in tokens
    ]
    return harness.split(plans, args.clients)


def warm_up(server: harness.LiveServer, tokens: list[str]) -> None:
    """A few papers started, answered and submitted, so that every worker has loaded the
    syllabus before the burst (a server on exam morning has been up for a while)."""
    for token in tokens:
        client = harness.Client(server.port, token=token)
        paper = client.json("start", "POST", "/api/v1/attempts", {"blueprint": BLUEPRINT})
        for q in paper["questions"][:5]:
            answer = random_answer((q["question_id"], q["type"], len(q["options"])), random)
            path = f"/api/v1/attempts/{paper['id']}/answers/{q['question_id']}"
            client.request("save", "PUT", path, {"answer": answer})
        client.request("submit", "POST", f"/api/v1/attempts/{paper['id']}/submit")
        client.close()


def calibrate(server: harness.LiveServer, tokens: list[str]) -> dict:
    """Server CPU per start, save and submit, one request at a time (nothing else running)."""
    clients = [harness.Client(server.port, token=token) for token in tokens]
    cpu: dict[str, float] = {"start": 0.0, "save": 0.0, "submit": 0.0}
    counts = dict.fromkeys(cpu, 0)
    rng = random.Random(5)
    papers = []
    before = server.cpu_seconds()
    for client in clients:
        papers.append(client.json("start", "POST", "/api/v1/attempts", {"blueprint": BLUEPRINT}))
    cpu["start"], counts["start"] = server.cpu_seconds() - before, len(clients)
    before = server.cpu_seconds()
    for client, paper in zip(clients, papers, strict=True):
        for q in paper["questions"]:
            question = (q["question_id"], q["type"], len(q["options"]))
            answer = random_answer(question, rng)
            path = f"/api/v1/attempts/{paper['id']}/answers/{question[0]}"
            client.request("save", "PUT", path, {"answer": answer})
            counts["save"] += 1
    cpu["save"] = server.cpu_seconds() - before
    before = server.cpu_seconds()
    for client, paper in zip(clients, papers, strict=True):
        client.request("submit", "POST", f"/api/v1/attempts/{paper['id']}/submit")
    cpu["submit"], counts["submit"] = server.cpu_seconds() - before, len(clients)
    errors = sum(
        n
        for client in clients
        for _lat, statuses in client.stats.values()
        for status, n in statuses.items()
        if not 200 <= status < 300
    )
    for client in clients:
        client.close()
    per = {route: cpu[route] * 1000 / max(counts[route], 1) for route in cpu}
    return {"ms": per, "errors": errors}


def measure(database: str, args) -> float:
    started = time.perf_counter()
    with harness.fresh_database(database, "exam-day-") as (env, folder):
        tokens = harness.in_app(env, create_candidates, args.candidates + args.calibrate + WARM_UP)
        burst, spare = tokens[: args.candidates], tokens[args.candidates : -WARM_UP]
        acks = folder / "acks"
        acks.mkdir()
        with harness.LiveServer(env, folder / "gunicorn.log") as server:
            warm_up(server, tokens[-WARM_UP:])
            print(
                f"{database}: {args.candidates} candidates start {BLUEPRINT} within "
                f"{args.start_window:g} s, save one answer per ~{args.save_interval:g} s each, "
                f"submit in the last {args.submit_window:g} s of {args.duration:g} s; "
                f"{args.clients} client processes, gunicorn -w 2, {os.cpu_count()} CPUs, load "
                f"average {os.getloadavg()[0]:.1f} "
                f"(set up in {time.perf_counter() - started:.1f} s)",
                flush=True,
            )
            phase = harness.drive(
                server, candidate, plans_for(burst, args, acks), args.duration + 30
            )
            acknowledged = {p.stem: json.loads(p.read_text()) for p in acks.glob("*.json")}
            check = harness.in_app(env, check_database, acknowledged)
            calibration = calibrate(server, spare)
    seconds = args.duration
    figures = {route: phase.figures(seconds, route) for route in ("start", "save", "submit")}
    for route, fig in figures.items():
        print(
            f"  {route:<7} {fig['requests']:6d} requests   p50 {fig['p50']:7.1f} ms   "
            f"p95 {fig['p95']:7.1f} ms   p99 {fig['p99']:7.1f} ms   errors {fig['errors']}   "
            f"statuses {fig['statuses']}"
        )
    crashed = sum(phase.stats.get("(session crashed)", ([], {}))[1].values())
    total = phase.figures(seconds)
    ms = calibration["ms"]
    print(
        f"  burst: {total['requests']} requests, errors {total['errors']}, sessions crashed "
        f"{crashed}, server CPU {total['server_ms']:.2f} ms/request on average; "
        f"answers acknowledged {sum(len(v) for v in acknowledged.values())}, "
        f"answers lost {check['lost']}, attempts {check['attempts']}, "
        f"unsubmitted {check['unsubmitted']}"
    )
    print(
        f"  server CPU per request (one at a time, {args.calibrate} papers): start "
        f"{ms['start']:.1f} ms = {ms['start'] / ms['save']:.1f} saves (target <= 10), save "
        f"{ms['save']:.2f} ms, submit {ms['submit']:.1f} ms = {ms['submit'] / ms['save']:.1f} "
        f"saves (target <= 15); errors {calibration['errors']}"
    )
    worst_p99 = max(fig["p99"] for fig in figures.values())
    ratio = figures["submit"]["p95"] / figures["save"]["p95"]
    print(
        f"{database}: worst p99 {worst_p99:.0f} ms (target < 2000), submit/save p95 {ratio:.2f}",
        flush=True,
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--candidates", type=int, default=300)
    parser.add_argument("--start-window", type=float, default=60.0)
    parser.add_argument("--submit-window", type=float, default=30.0)
    parser.add_argument("--duration", type=float, default=150.0)
    parser.add_argument("--save-interval", type=float, default=2.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--calibrate", type=int, default=20)
    args = parser.parse_args()
    chosen = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    ratios = {name: measure(DB_CHOICES[name], args) for name in chosen}
    worst = max(ratios, key=ratios.get)
    print(f"worse of the databases: {worst}")
    print(f"exam_day_submit_over_save_p95={ratios[worst]:.2f}")


if __name__ == "__main__":
    main()
