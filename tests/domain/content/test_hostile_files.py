"""Every reader of untrusted text (the content tree, lesson front matter, YAML, GIFT, Aiken and CSV
imports) answers every hostile file with problems, within 2 s and 200 MB, without crashing.

The readers run in a separate process (tests/hostile/runner.py) that forks a child per file and
reader, so a crash or a bomb is measured instead of taking the test run down.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import cases
from tests.hostile.runner import READERS

ROOT = Path(__file__).resolve().parents[3]
SECONDS = 2.0
MEGABYTES = 200


@pytest.fixture(scope="module")
def runs() -> dict[tuple[str, str], dict]:
    completed = subprocess.run(
        [sys.executable, "-m", "tests.hostile.runner"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    results = [json.loads(line) for line in completed.stdout.splitlines()]
    return {(r["case"], r["reader"]): r for r in results}


@pytest.mark.parametrize("case", [name for name, _data in cases()])
def test_each_reader_refuses_the_hostile_file_quickly_and_clearly(runs, case):
    for reader in READERS:
        run = runs[(case, reader)]
        where = f"{case} / {reader}"
        assert run["outcome"] == "ok", f"{where}: {run}"
        # CPU time, not the wall clock: a CI machine busy with other work must not fail this;
        # a reader that stalls without using the CPU is killed at 20 s by the runner.
        assert run["cpu_seconds"] < SECONDS, f"{where}: {run['cpu_seconds']:.2f} s of CPU"
        assert run["peak_mb"] < MEGABYTES, f"{where}: {run['peak_mb']:.0f} MB"
        assert run["problems"] >= 1, f"{where}: accepted without a word"
        assert all(len(message) < 2000 for message in run["sample"]), where


def test_the_alias_bomb_is_named_at_its_line(runs):
    run = runs[("alias bomb, 8 levels (429 bytes)", "content questions.yaml")]
    assert run["sample"] == [
        "chapters/basics/questions.yaml:5: 别名展开的内容过多（超过 10000 项）（应为：少用别名（*名字），直接写出内容）"
    ]


def test_deep_nesting_is_named_not_crashed(runs):
    for reader in ("content questions.yaml", "content course.yaml", "import yaml"):
        sample = runs[("30,000 [", reader)]["sample"]
        assert any("嵌套超过 64 层" in message for message in sample), sample


def test_the_corpus_really_is_hostile_to_an_unguarded_reader():
    """The bomb is a bomb: PyYAML's own loader expands it past the budget the readers keep."""
    import yaml

    bomb = dict(cases())["alias bomb, 7 levels"]
    loaded = yaml.load(bomb, Loader=yaml.CSafeLoader)

    def count(value) -> int:
        return 1 + sum(count(v) for v in value) if isinstance(value, list) else 1

    assert count(loaded["a4"]) > 10_000
