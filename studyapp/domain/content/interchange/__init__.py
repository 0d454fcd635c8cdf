"""Question banks in and out: GIFT, Aiken, CSV and the course's own YAML (no Flask here).

Readers turn a file into drafts (questions without a place in the course) and the problems of
the items that could not convert; ``plan_append`` checks the drafts as part of the whole course
before anything is written; writers export a chapter's questions.
"""

from studyapp.domain.content.interchange.append import AppendPlan, Defaults, plan_append
from studyapp.domain.content.interchange.draft import Draft, ImportResult, draft_of
from studyapp.domain.content.interchange.formats import READERS, WRITERS, read_file

__all__ = [
    "READERS",
    "WRITERS",
    "AppendPlan",
    "Defaults",
    "Draft",
    "ImportResult",
    "draft_of",
    "plan_append",
    "read_file",
]
