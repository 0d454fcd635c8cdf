"""The grammar of an item's ``source:``: seed pages and listed references.

A source is one part or several separated by ``;`` (or a full-width ``；``). Each part is either
a seed document with an optional page (``"000 P16"``, ``"000 P16-18"``, ``"003"``) or the id of a
reference listed in course.yaml's ``references:`` with an optional locator (``"xfz-law 第二十四条"``,
``"kotler-mm P45"``). The checker resolves every part against course.yaml.
"""

from __future__ import annotations

import re

from studyapp.domain.content.text import N_

SEED_PATTERN = re.compile(r"^\d{3}( P\d+(-\d+)?)?$")
REFERENCE_PATTERN = re.compile(r"^[a-z][a-z0-9-]{1,39}( [^;；\s][^;；]{0,59})?$")
REFERENCE_ID = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
SEPARATOR = re.compile(r"[;；]")
SOURCE_EXPECTED = N_(
    '资料编号和页码，如 "000 P16"、"000 P16-18"，无页码时只写编号 "003"；'
    '或 course.yaml 中 references 的 id 加可选的位置，如 "xfz-law 第二十四条"；'
    "多个出处用“; ”分隔"
)


def source_parts(value: str) -> list[str]:
    """``"000 P16; xfz-law 第二十四条"`` → ``["000 P16", "xfz-law 第二十四条"]``."""
    return [part.strip() for part in SEPARATOR.split(value) if part.strip()]


def malformed_part(value: str) -> str | None:
    """The first part of ``value`` that is neither a seed page nor a reference, if any."""
    parts = source_parts(value)
    if not parts:
        return value
    for part in parts:
        if not (SEED_PATTERN.match(part) or REFERENCE_PATTERN.match(part)):
            return part
    return None


def split_part(part: str) -> tuple[str, str]:
    """``"000 P16"`` → ``("000", "P16")``; ``"xfz-law 第二十四条"`` → ``("xfz-law", "第二十四条")``."""
    code, _sep, locator = part.partition(" ")
    return code, locator.strip()
