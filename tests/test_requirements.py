"""The two locks: requirements.txt (production) holds what the app imports and no test or
development tool; requirements-dev.txt adds those at the same versions. Read from the files, so
it runs offline; deploy/check-prod-install does the real install (.ci/run runs it)."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_TOOLS = {"pytest", "playwright", "schemathesis", "ruff", "hypothesis", "freezegun"}
# What the production servers import: the app, its entry point, the migrations, gunicorn's config.
RUNTIME_SOURCES = ["studyapp", "wsgi.py", "migrations", "deploy/gunicorn.conf.py"]
BLOCK = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?:\s*\\\n\s+--hash=\S+)*)", re.M)


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock(name: str) -> dict[str, tuple[str, int]]:
    """{distribution: (version, number of hashes)} of a compiled requirements file."""
    text = (ROOT / name).read_text()
    return {_normalise(m[1]): (m[2], m[3].count("--hash=sha256:")) for m in BLOCK.finditer(text)}


def _requested(name: str) -> set[str]:
    """The distributions an .in file asks for, extras and comments aside."""
    names = set()
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(_normalise(re.split(r"[\[<>=!~; ]", line, maxsplit=1)[0]))
    return names


def _imported_top_level_modules() -> set[str]:
    modules = set()
    for source in RUNTIME_SOURCES:
        path = ROOT / source
        for file in [path] if path.is_file() else path.rglob("*.py"):
            for node in ast.walk(ast.parse(file.read_text(), str(file))):
                if isinstance(node, ast.Import):
                    modules.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"studyapp", "wsgi", "__future__"}


def test_the_production_lock_holds_no_test_or_development_tool():
    runtime = _lock("requirements.txt")
    assert set(_lock("requirements-dev.txt")) >= TEST_TOOLS
    assert set(runtime) & TEST_TOOLS == set()
    assert set(runtime) & _requested("requirements-dev.in") == set()


def test_every_locked_package_is_pinned_and_hashed():
    for name in ("requirements.txt", "requirements-dev.txt"):
        lock = _lock(name)
        assert len(lock) > 20, f"{name} looks empty"
        unhashed = [package for package, (_version, hashes) in lock.items() if hashes == 0]
        assert unhashed == [], f"{name}: no hash for {unhashed}"
        lines = [line for line in (ROOT / name).read_text().splitlines() if "==" in line]
        assert len(lines) == len(lock), f"{name}: a pin the pattern missed"


def test_development_runs_the_production_versions():
    runtime, development = _lock("requirements.txt"), _lock("requirements-dev.txt")
    differ = {
        name: (runtime[name][0], development[name][0])
        for name in set(runtime) & set(development)
        if runtime[name][0] != development[name][0]
    }
    assert differ == {}


def test_the_locks_are_compiled_from_their_in_files():
    for source, lock in (("requirements.in", "requirements.txt"),
                         ("requirements-dev.in", "requirements-dev.txt")):  # fmt: skip
        missing = _requested(source) - set(_lock(lock))
        assert missing == set(), f"{source} asks for {missing}: run make lock"


def test_the_production_lock_has_every_package_the_app_imports():
    distributions = packages_distributions()
    modules = _imported_top_level_modules()
    assert {"flask", "sqlalchemy", "yaml", "markdown", "nh3"} <= modules, "the scan missed"
    unknown = sorted(m for m in modules if m not in distributions)
    assert unknown == [], f"imported but installed by no distribution: {unknown}"
    runtime = set(_lock("requirements.txt"))
    missing = {
        module: distributions[module]
        for module in modules
        if not {_normalise(name) for name in distributions[module]} & runtime
    }
    assert missing == {}, "the app imports these, but a production install lacks them"
