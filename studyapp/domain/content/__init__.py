"""The syllabus as plain Python: files in, an immutable checked syllabus (or its problems) out."""

from typing import Any

from studyapp.domain.content.files import ContentFiles
from studyapp.domain.content.model import Syllabus
from studyapp.domain.content.problems import Problem

__all__ = ["ContentFiles", "LoadResult", "Problem", "Syllabus", "load_syllabus"]


def __getattr__(name: str) -> Any:
    """The loader on first use: it needs the question types, which need this package's model,
    so importing it here eagerly would make the two packages import each other."""
    if name in ("LoadResult", "load_syllabus"):
        from studyapp.domain.content import loader

        return getattr(loader, name)
    raise AttributeError(name)
