"""What an organisation bank costs a request: the syllabus a candidate of an organisation with
a published bank is served (one database look-up for the organisation's newest release, the
merged syllabus loaded once per pair of content hashes) against the shared syllabus alone.

A fresh SQLite database in a temporary folder, the real content/ and a bank of 200 questions
published for one organisation. Each round times N fresh request contexts (so the per-request
memo starts empty) calling ``banks.served`` for that organisation, then N calling it for an
organisation without a bank (the shared syllabus plus the same look-up); rounds alternate.
Printed: microseconds per request for each, the first (uncached) merged load, and LAST
``overhead=`` the bank request's time / the no-bank request's time (medians of the rounds).

    .venv/bin/python bench/bank_serving.py [--requests 2000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studyapp import create_app  # noqa: E402
from studyapp.domain.content.interchange import Defaults  # noqa: E402
from studyapp.extensions import db  # noqa: E402
from studyapp.syllabus import banks  # noqa: E402
from studyapp.trainer import banks as bank_service  # noqa: E402
from tests.factories import gen_organisation  # noqa: E402


def _per_request(app, store, organisation_id, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        with app.test_request_context():
            banks.served(store, organisation_id)
    return (time.perf_counter() - started) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3"})
    with app.app_context():
        db.create_all()
        store = app.extensions["syllabus_store"]
        with_bank, without = gen_organisation("有题库"), gen_organisation("没有题库")
        chapter = store.syllabus().chapter_list()[0].id
        source = next(iter(store.syllabus().course.sources))
        text = "\n\n".join(f"机构题{i}？{{=甲 ~乙 ~丙 ~丁 ####因为。}}" for i in range(200))
        staged = bank_service.stage(with_bank.id, text.encode(), "bank.gift", chapter, None,
                                    Defaults(source), False, "bench")  # fmt: skip
        bank_service.publish(with_bank.id, staged.release.id, "bench")
        banks._MERGED.clear()  # time the first load honestly
        started = time.perf_counter()
        with app.test_request_context():
            assert banks.served(store, with_bank.id).release is not None
        print(f"first merged load (uncached): {(time.perf_counter() - started) * 1000:.0f} ms")
        rounds: dict[str, list[float]] = {"bank": [], "no bank": []}
        for _ in range(args.rounds):
            rounds["bank"].append(_per_request(app, store, with_bank.id, args.requests))
            rounds["no bank"].append(_per_request(app, store, without.id, args.requests))
        medians = {name: statistics.median(values) for name, values in rounds.items()}
        for name, value in medians.items():
            print(f"{name}: {value:.0f} µs per request (median of {args.rounds} rounds)")
        print(f"overhead={medians['bank'] / medians['no bank']:.2f}")


if __name__ == "__main__":
    main()
