"""Runs every reader on every hostile file, each in a forked child with a memory ceiling, and
prints one JSON line per run: elapsed seconds, peak memory growth, outcome.

    python -m tests.hostile.runner

A child that crashes (signal), raises, runs past the time limit or grows past the ceiling is
reported as such; the parent never dies with it. The forking process is single-threaded.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import sys
import time

from studyapp.domain.content import ContentFiles, load_syllabus
from studyapp.domain.content.interchange.formats import read_file
from tests.content_fixtures import course_files
from tests.hostile.corpus import cases

CEILING = 1024 * 1024 * 1024  # address space a child may add before MemoryError
KILL_AFTER = 20.0  # seconds; far beyond the 2 s the test allows, so a stall is measured


def _content(name: str):
    def read(data: bytes):
        files = {n: t.encode() for n, t in course_files().items()}
        files[name] = data
        result = load_syllabus(ContentFiles(files))
        return len(result.problems), [str(p) for p in result.problems[:3]]

    return read


def _import(format_name: str | None, file_name: str):
    def read(data: bytes):
        result = read_file(data, file_name, format_name)
        said = result.problems + result.warnings  # a draft with a warning is said too
        return len(said), [str(p) for p in said[:3]]

    return read


READERS = {
    "content questions.yaml": _content("chapters/basics/questions.yaml"),
    "content lesson": _content("chapters/basics/lessons/01-intro.md"),
    "content course.yaml": _content("course.yaml"),
    "import yaml": _import("yaml", "bank.yaml"),
    "import gift": _import("gift", "bank.gift"),
    "import aiken": _import("aiken", "bank.txt"),
    "import csv": _import("csv", "bank.csv"),
    "import .txt guessed": _import(None, "bank.txt"),
}


def _kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _child(reader, data: bytes, out: int) -> None:
    soft = _kib("VmSize") * 1024 + CEILING
    resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # reset the peak resident size to the current one
    before = _kib("VmRSS")
    started, cpu = time.perf_counter(), time.process_time()
    try:
        problems, sample = reader(data)
        outcome = {"outcome": "ok", "problems": problems, "sample": sample}
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which fails the test
        outcome = {"outcome": "raised", "error": f"{type(error).__name__}: {error}"[:300]}
    outcome["seconds"] = time.perf_counter() - started
    outcome["cpu_seconds"] = time.process_time() - cpu  # what the reader costs, load or not
    outcome["peak_mb"] = (_kib("VmHWM") - before) / 1024
    os.write(out, json.dumps(outcome).encode())
    os._exit(0)


def run_one(reader, data: bytes) -> dict:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(reader, data, write_end)
    os.close(write_end)
    deadline = time.monotonic() + KILL_AFTER
    chunks = []
    while True:  # read while the child runs: a full pipe must never block it
        left = deadline - time.monotonic()
        ready, _, _ = select.select([read_end], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_end)
            return {"outcome": "stalled", "seconds": KILL_AFTER}
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return {"outcome": f"killed by {signal.Signals(os.WTERMSIG(status)).name}"}
    return json.loads(b"".join(chunks) or b'{"outcome": "no answer"}')


def main() -> None:
    for case, data in cases():
        for reader_name, reader in READERS.items():
            result = run_one(reader, data)
            result.update(case=case, reader=reader_name)
            print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    sys.exit(main())
