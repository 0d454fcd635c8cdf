"""Every question type is complete: the registry is the one list every layer asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.domain.questions import QUESTION_TYPES, TYPE_ALIASES
from studyapp.domain.questions.base import QuestionType

TEMPLATES = Path(__file__).resolve().parents[3] / "studyapp" / "templates"
SHAPES = {"letter", "letters", "truth", "text", "order"}  # what studyapp/static/js/exam.js reads


@pytest.mark.parametrize("name", sorted(QUESTION_TYPES))
def test_each_type_names_everything_the_layers_ask_for(name):
    kind = QUESTION_TYPES[name]
    assert kind.name == name and kind.label and kind.short_label and kind.fields
    assert kind.answer_shape in SHAPES
    template = (TEMPLATES / kind.template).read_text(encoding="utf-8")
    assert "{% macro inputs(" in template and "{% macro review(" in template
    assert "yaml" in kind.formats and "csv" in kind.formats
    assert kind.scorings[0] == "all_or_nothing"
    assert 0 <= kind.guess < 1
    for method in ("read", "draft_fields", "fields_from_values", "yaml_fields",
                   "snapshot_fields", "normalise", "score"):  # fmt: skip
        assert getattr(type(kind), method) is not getattr(QuestionType, method), method


def test_aliases_name_one_type_each():
    seen = {}
    for kind in QUESTION_TYPES.values():
        for alias in (kind.name, *kind.aliases):
            assert seen.setdefault(alias, kind.name) == kind.name, alias
    assert TYPE_ALIASES["排序"] == "ordering" and TYPE_ALIASES["案例分析"] == "short"
