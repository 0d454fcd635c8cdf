"""The syllabus as plain Python: files in, an immutable checked syllabus (or its problems) out."""

from studyapp.domain.content.files import ContentFiles
from studyapp.domain.content.loader import LoadResult, load_syllabus
from studyapp.domain.content.model import Syllabus
from studyapp.domain.content.problems import Problem

__all__ = ["ContentFiles", "LoadResult", "Problem", "Syllabus", "load_syllabus"]
