"""The HR cohort page for a large cohort: seeding, building the aggregates, and page latency.

For each database (SQLite in a temporary folder; PostgreSQL in a fresh schema dropped at the end)
the schema is built by the real migrations, then one cohort is seeded in bulk (COPY on
PostgreSQL, executemany on SQLite): 1,000 candidates (5 % never started, 10 % idle for 8–30
days), 1,000,000 review-log rows over 60 days with their card_progress rows, 50 practice answers
and some lesson reads per candidate, and 20,000 submitted attempts (mock exams and quizzes with
their scores; without items, which the cohort page never reads). The aggregates are then built
by ``stats.rebuild`` (what ``flask hr rebuild-stats`` runs) and every prediction by the code
``flask hr refresh`` runs. An HR user then requests the cohort page through the Flask test
client (sorted and filtered variants in turn) in two states:

  fresh:  every cached prediction is current (the state after ``flask hr refresh``);
  stale:  every prediction is stale, as on the first views of a study day before the refresh,
          so each request spends its budget (HR_PREDICTION_BUDGET_MS) recomputing some.

    .venv/bin/python bench/hr_dashboard.py [--database sqlite|postgresql|both] [--requests 40]

Prints seeding and build times and p50/p95 per database and state; LAST, ``p95_ms=`` the worst
p95 of all. Target: p95 < 150 ms.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import quantiles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import text  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from bench.harness import postgres_schema  # noqa: E402
from studyapp import create_app  # noqa: E402
from studyapp.auth import organisations, services  # noqa: E402
from studyapp.domain.exams.scoring import paper_shape  # noqa: E402
from studyapp.extensions import db  # noqa: E402
from studyapp.hr import readiness, stats  # noqa: E402
from studyapp.models import CandidateStats  # noqa: E402
from studyapp.syllabus import current_syllabus  # noqa: E402
from tests.conftest import CSRF_RE  # noqa: E402

CANDIDATES, REVIEWS, ATTEMPTS, PRACTICE_PER_CANDIDATE = 1000, 1_000_000, 20_000, 50
DAYS = 60
NOW = datetime.now(UTC).replace(microsecond=0)
UTC_NOW = NOW.replace(tzinfo=None)  # the bulk rows hold naive UTC, as UTCDateTime stores it
RATINGS = [1] * 12 + [2] * 13 + [3] * 65 + [4] * 10  # Again, Hard, Good, Easy, as Anki logs show
PAGES = ("", "?sort=pass&dir=desc", "?risk=at_risk", "?status=in_progress&sort=last_active")


def candidate_plans(rng: random.Random) -> list[dict]:
    """Who studies how much: review counts add up to REVIEWS, attempts to ATTEMPTS."""
    plans = []
    for i in range(CANDIDATES):
        started = rng.random() >= 0.05
        idle = rng.randint(8, 30) if started and rng.random() < 0.10 else rng.randint(0, 2)
        plans.append({"index": i, "started": started, "idle": idle,
                      "weight": rng.lognormvariate(0, 0.6) if started else 0.0})  # fmt: skip
    total = sum(p["weight"] for p in plans)
    for plan in plans:
        plan["reviews"] = round(REVIEWS * plan["weight"] / total)
        plan["attempts"] = round(ATTEMPTS * plan["weight"] / total)
    return plans


def seed(engine, syllabus, rng: random.Random) -> tuple[int, str]:
    """Bulk rows for one cohort; returns (cohort id, HR e-mail)."""
    organisation = organisations.create_organisation("基准机构")
    cohort = organisations.create_cohort(organisation, "千人班", (NOW + timedelta(days=20)).date())
    services.create_user("hr@bench.example", "HR", "bench-password-1", "hr", organisation.id)
    db.session.commit()
    plans = candidate_plans(rng)
    password = generate_password_hash("bench-password-1")
    joined = UTC_NOW - timedelta(days=DAYS + 5)
    users = [(f"t{p['index']}@bench.example", f"学员{p['index']:04d}", password, "candidate",
              True, joined) for p in plans]  # fmt: skip
    bulk(engine, "user_account",
         ("email", "name", "password_hash", "role", "active", "created_at"), users)  # fmt: skip
    with engine.connect() as connection:
        ids = dict(connection.execute(text("SELECT email, id FROM user_account")).all())
    for plan in plans:
        plan["user_id"] = ids[f"t{plan['index']}@bench.example"]
    bulk(engine, "membership", ("user_id", "cohort_id", "joined_at"),
         [(p["user_id"], cohort.id, joined) for p in plans])  # fmt: skip
    card_ids = [c.id for c in syllabus.cards.values() if not c.retired]
    questions = [q.id for q in syllabus.questions.values() if q.type != "short" and not q.retired]
    progress, reviews = [], []
    for plan in plans:
        if plan["reviews"]:
            met = card_ids[: min(len(card_ids), max(20, plan["reviews"] // 4), plan["reviews"])]
            progress_rows, review_rows = study_rows(plan, met, len(progress), rng, syllabus)
            progress += progress_rows
            reviews.append(review_rows)
    bulk(engine, "card_progress", PROGRESS_COLUMNS, progress)
    if engine.dialect.name == "postgresql":  # the ids were given: move the sequence past them
        with engine.begin() as connection:
            connection.execute(text("SELECT setval(pg_get_serial_sequence('card_progress', 'id'),"
                                    " (SELECT max(id) FROM card_progress))"))  # fmt: skip
    bulk(engine, "review_log", REVIEW_COLUMNS, (row for rows in reviews for row in rows))
    practice, reads, attempts = [], [], []
    lessons = [lesson.id for lesson in syllabus.active_lessons()]
    blueprints = [syllabus.blueprints["quick-quiz"], syllabus.blueprints["mock-theory"]]
    shapes = {b.id: json.dumps(paper_shape(b)) for b in blueprints}
    for plan in (p for p in plans if p["started"]):
        last = UTC_NOW - timedelta(days=plan["idle"])
        for _ in range(PRACTICE_PER_CANDIDATE):
            at = last - timedelta(days=rng.uniform(0, DAYS - plan["idle"]))
            practice.append((plan["user_id"], rng.choice(questions), "chapter",
                             float(rng.random() < 0.65), at, syllabus.content_hash))  # fmt: skip
        for lesson in lessons[: rng.randint(1, len(lessons))]:
            reads.append((plan["user_id"], lesson, last - timedelta(days=rng.uniform(0, 40))))
        for _ in range(plan["attempts"]):
            blueprint = rng.choice(blueprints)
            done = last - timedelta(days=rng.uniform(0, DAYS - plan["idle"]))
            score = round(blueprint.total * min(1.0, max(0.0, rng.gauss(0.62, 0.12))))
            attempts.append((plan["user_id"], blueprint.id, blueprint.kind, shapes[blueprint.id],
                             syllabus.content_hash, done - timedelta(minutes=30), done, False,
                             float(score), blueprint.total, score >= 0.6 * blueprint.total))  # fmt: skip
    bulk(
        engine,
        "practice_answer",
        ("user_id", "question_id", "mode", "fraction", "answered_at", "content_hash"),
        practice,
    )
    bulk(engine, "lesson_read", ("user_id", "lesson_id", "read_at"), reads)
    bulk(engine, "attempt", ("user_id", "blueprint_id", "kind", "shape", "content_hash",
                             "started_at", "submitted_at", "auto_submitted", "score", "total",
                             "passed"), attempts)  # fmt: skip
    return cohort.id, "hr@bench.example"


PROGRESS_COLUMNS = ("id", "user_id", "card_id", "state", "stability", "difficulty", "due",
                    "last_review", "reps", "lapses", "revision")  # fmt: skip
REVIEW_COLUMNS = ("user_id", "card_id", "progress_id", "rating", "reviewed_at", "duration_ms",
                  "content_hash", "state_before", "stability_before", "difficulty_before",
                  "interval_before", "state_after", "stability_after", "difficulty_after",
                  "due_after", "interval_after", "revision_after")  # fmt: skip


def study_rows(plan, met, first_id, rng, syllabus):
    """Card states and review-log rows of one candidate: reviews spread over the study days."""
    last = UTC_NOW - timedelta(days=plan["idle"])
    span = (DAYS - plan["idle"]) * 86400
    moments = sorted(last - timedelta(seconds=rng.random() * span) for _ in range(plan["reviews"]))
    per_card = {card: [] for card in met}
    for i, moment in enumerate(moments):
        per_card[met[i % len(met)]].append(moment)
    progress, reviews = [], []
    for offset, (card, times) in enumerate(per_card.items()):
        pid, stability = first_id + offset + 1, rng.uniform(0.5, 4)
        for n, at in enumerate(times):
            interval = stability
            rating = RATINGS[int(rng.random() * len(RATINGS))]
            grown = stability * (0.3 if rating == 1 else 1.5 + 1.5 * rng.random())
            stability = min(365.0, max(0.5, grown))
            reviews.append((plan["user_id"], card, pid, rating, at, 2000 + int(rng.random() * 13000),
                            syllabus.content_hash, 2, interval, 5.0, interval, 2, stability, 5.0,
                            at + timedelta(days=stability), stability, n + 1))  # fmt: skip
        due = times[-1] + timedelta(days=stability)
        progress.append((pid, plan["user_id"], card, 2, stability, 5.0, due, times[-1],
                         len(times), 0, len(times)))  # fmt: skip
    return progress, reviews


def bulk(engine, table: str, columns, rows, chunk: int = 50_000) -> None:
    """COPY on PostgreSQL, executemany on SQLite; times are naive UTC."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "postgresql":
            cursor.execute(
                "SELECT column_name, udt_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND table_name = %s",
                (table,),
            )
            types = dict(cursor.fetchall())
            # A bulk load of rows known to be consistent: skip the per-row foreign-key triggers.
            cursor.execute("SET session_replication_role = replica")
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
            with cursor.copy(sql) as copy:
                copy.set_types([types[name] for name in columns])  # binary: no text parsing
                for row in rows:
                    copy.write_row(row)
            cursor.execute("RESET session_replication_role")  # the pooled connection is reused
        else:
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            batch = []
            for row in rows:
                batch.append([_sqlite(v) for v in row])
                if len(batch) >= chunk:
                    cursor.executemany(sql, batch)
                    batch = []
            cursor.executemany(sql, batch)
        raw.commit()
    finally:
        raw.close()


def _sqlite(value):
    if isinstance(value, datetime):
        return str(value)  # "YYYY-MM-DD HH:MM:SS[.ffffff]", as SQLAlchemy writes and reads it
    return int(value) if isinstance(value, bool) else value


def measure(client, cohort_id: int, requests: int) -> tuple[float, float]:
    timings = []
    for i in range(requests + len(PAGES)):  # the first round warms up
        url = f"/hr/cohorts/{cohort_id}{PAGES[i % len(PAGES)]}"
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        if i >= len(PAGES):
            timings.append(elapsed)
    cuts = quantiles(timings, n=100)
    return cuts[49], cuts[94]


def _app(url: str):
    # As in production: the syllabus is looked up in the database every 5 s, not every call.
    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "TESTING": False, "SYLLABUS_POLL_SECONDS": 5.0}
    )


def prepare(name: str, url: str, answer) -> None:
    """Schema, rows, aggregates and predictions; run in a child process, so that the one that
    measures starts with a heap like a server worker's rather than one that held the seed."""
    app = _app(url)
    with app.app_context():
        upgrade()
        syllabus = current_syllabus()
        started = time.perf_counter()
        cohort_id, email = seed(db.engine, syllabus, random.Random(20250601))
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        print(f"[{name}] seeded in {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        users = stats.rebuild()
        db.session.execute(text("ANALYZE"))  # as autovacuum would after such a change
        db.session.commit()
        print(f"[{name}] stats.rebuild (flask hr rebuild-stats): {users} candidates in "
              f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
        started = time.perf_counter()
        blueprint = syllabus.blueprints["mock-theory"]
        ids = db.session.scalars(db.select(CandidateStats.user_id)).all()
        done = readiness.refresh_stale(ids, syllabus, blueprint, NOW, math.inf)
        spent = time.perf_counter() - started
        print(f"[{name}] predictions (flask hr refresh): {len(done)} in {spent:.1f} s, "
              f"{1000 * spent / max(1, len(done)):.1f} ms each", flush=True)  # fmt: skip
        db.session.remove()
        db.engine.dispose()
    answer.put((cohort_id, email))


def run(name: str, url: str, requests: int) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    child = context.Process(target=prepare, args=(name, url, answer))
    child.start()
    cohort_id, email = answer.get()
    child.join()
    app = _app(url)
    results = {}
    with app.app_context():
        client = app.test_client()
        login = client.get("/auth/login").get_data(as_text=True)
        token = CSRF_RE.search(login).group(1)
        client.post("/auth/login", data={"email": email, "password": "bench-password-1",
                                         "csrf_token": token})  # fmt: skip
        for state in ("fresh", "stale"):
            if state == "stale":
                db.session.execute(text("UPDATE candidate_stats SET prediction_stale = true"))
                db.session.commit()
            p50, p95 = measure(client, cohort_id, requests)
            results[f"{name} {state}"] = p95
            print(f"[{name}] cohort page, {state} predictions: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        db.session.remove()
        db.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--requests", type=int, default=40)
    options = parser.parse_args()
    results = {}
    if options.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            results |= run("sqlite", f"sqlite:///{folder}/bench.sqlite3", options.requests)
    if options.database in ("postgresql", "both"):
        url, drop_schema = postgres_schema()
        try:
            results |= run("postgresql", url, options.requests)
        finally:
            drop_schema()
    worst = max(results, key=results.get)
    print(f"worst p95: {worst} (target < 150 ms)")
    print(f"p95_ms={results[worst]:.1f}")


if __name__ == "__main__":
    main()
