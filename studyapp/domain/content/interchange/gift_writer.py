"""Questions written as Moodle GIFT, read back by ``gift.read`` as the same drafts.

Single choice is ``=key ~wrong``; multiple choice gives each key an equal share
(``~%33.33333%``) and each wrong answer ``~%-100%``, as Moodle writes multiple-answer questions;
judge is ``{TRUE}``/``{FALSE}``; fill lists its accepted answers ``{=甲 =乙}`` (Moodle's short
answer). Short questions (key points) and ordering have no GIFT form and are not written. The
explanation is the general feedback ``####…``; the id is the ``::title::`` and, with the source,
lesson, levels and tags, goes in a ``// [id:…] [source:…] [lesson:…] [levels:…] [tag:…]``
comment (Moodle keeps the id and tags and ignores the rest), so export → import is lossless.
"""

from __future__ import annotations

from collections.abc import Iterable

from studyapp.domain.content.interchange.draft import Draft
from studyapp.domain.content.interchange.gift import FORMAT_MARKER


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    text = text.replace("\r", "").replace("\n", "\\n")
    # Text that happens to start like a format marker or a comment stays text.
    return "[moodle]" + text if FORMAT_MARKER.match(text) or text.startswith("//") else text


def _weight(key_count: int) -> str:
    return f"{100 / key_count:.5f}".rstrip("0").rstrip(".")


def _answers(draft: Draft) -> list[str]:
    if draft.type == "single":
        return [("=" if i in draft.keys else "~") + escape(o) for i, o in enumerate(draft.options)]
    if draft.type == "multiple":
        right = f"~%{_weight(len(draft.keys))}%"
        return [(right if i in draft.keys else "~%-100%") + escape(option)
                for i, option in enumerate(draft.options)]  # fmt: skip
    return ["=" + escape(answer) for answer in draft.accepted]


def _field(name: str, value: str) -> str:
    return f"[{name}:{value.replace(']', chr(92) + ']')}]"


def _metadata(draft: Draft) -> str:
    fields = [_field("id", draft.id)] if draft.id else []
    if draft.source:
        fields.append(_field("source", draft.source))
    if draft.lesson:
        fields.append(_field("lesson", draft.lesson))
    if draft.levels:
        fields.append(_field("levels", ",".join(str(level) for level in draft.levels)))
    fields += [_field("tag", tag) for tag in draft.tags]
    return "// " + " ".join(fields) if fields else ""


def write_item(draft: Draft) -> str:
    lines = [_metadata(draft)] if _metadata(draft) else []
    head = (f"::{escape(draft.title)}::" if draft.title else "") + escape(draft.stem)
    feedback = "####" + escape(draft.explanation)
    if draft.type == "judge":
        lines.append(f"{head}{{{'TRUE' if draft.answer else 'FALSE'}{feedback}}}")
    else:
        lines.append(head + "{")
        lines += ["\t" + answer for answer in _answers(draft)]
        lines += ["\t" + feedback, "}"]
    return "\n".join(lines)


def write(drafts: Iterable[Draft], comments: tuple[str, ...] = (), category: str = "") -> str:
    """The drafts, after optional ``//`` comment lines and a ``$CATEGORY:`` for Moodle."""
    blocks = ["\n".join(f"// {comment}" for comment in comments)] if comments else []
    if category:
        blocks.append(f"$CATEGORY: {category}")
    blocks += [write_item(draft) for draft in drafts]
    return "\n\n".join(blocks) + "\n"
