"""The code's shape, held by test as well as by `make lint` (import-linter, ruff, mypy):
modules under 300 lines, functions under 60, views never imported as libraries."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1] / "studyapp"
MODULE_LINES, FUNCTION_LINES = 300, 60


def _modules():
    return sorted(ROOT.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_and_functions_stay_small(path):
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MODULE_LINES, f"{path}: split it"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            assert length <= FUNCTION_LINES, f"{path}:{node.lineno} {node.name} has {length} lines"


def _is_views(module: str) -> bool:
    return module.rsplit(".", 1)[-1] in ("views",) or module.endswith("_views")


def test_views_are_never_imported_as_libraries():
    """Only the package that registers a view module's blueprint imports it (its __init__, or
    its own views module that registers the package's other routes in one place)."""
    graph = grimp.build_graph("studyapp")
    wrong = []
    for module in sorted(m for m in graph.modules if _is_views(m)):
        package = module.rsplit(".", 1)[0]
        for importer in graph.find_modules_that_directly_import(module):
            same_package = importer.rsplit(".", 1)[0] == package
            if importer != package and not (same_package and _is_views(importer)):
                wrong.append(f"{importer} imports {module}")
    assert wrong == []
