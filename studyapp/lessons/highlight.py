"""Search results as people read them: the searched term marked in the snippet."""

from __future__ import annotations

import re

from markupsafe import Markup, escape


def highlight(text: str, term: str) -> Markup:
    """``text`` escaped, each case-insensitive occurrence of ``term`` in ``<mark>``."""
    term = term.strip()
    if not term:
        return escape(text)
    pattern = re.compile(re.escape(term), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup("<mark>%s</mark>") % match.group(0))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
