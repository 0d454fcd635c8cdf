"""Lesson Markdown to safe HTML: tables, admonitions and a table of contents; no script, ever."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

# A link to another lesson: [文字](lesson:basics.more) or [文字](lesson:basics.more#小节)
LESSON_LINK = re.compile(r"\]\(lesson:([^)\s#]*)(#[^)\s]*)?\)")
EXTENSIONS = ["tables", "admonition", "sane_lists", "fenced_code", "toc", "attr_list", "def_list"]
EXTENSION_CONFIGS = {"toc": {"slugify": slugify_unicode, "toc_depth": "2-3", "permalink": False}}

_ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "strong", "em", "b", "i", "u", "s",
    "del", "ins", "mark", "sub", "sup", "small", "code", "pre", "blockquote", "ul", "ol", "li",
    "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a",
    "img", "div", "span", "abbr",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    title: str


@dataclass(frozen=True)
class RenderedLesson:
    html: str
    toc: tuple[TocEntry, ...]


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},  # relative links (lesson pages) stay
        link_rel="noopener noreferrer",
    )


def _flatten(tokens: list[dict[str, Any]], into: list[TocEntry]) -> None:
    for token in tokens:
        into.append(TocEntry(token["level"], token["id"], token["name"]))
        _flatten(token["children"], into)


def lesson_links(text: str) -> list[tuple[int, str]]:
    """(0-based line, lesson id) of every ``lesson:`` link in a lesson's Markdown."""
    return [(text.count("\n", 0, match.start()), match.group(1))
            for match in LESSON_LINK.finditer(text)]  # fmt: skip


@lru_cache(maxsize=512)
def render_markdown(text: str, lesson_base: str = "/lessons/") -> RenderedLesson:
    """Cached by text: a lesson is rendered once per version, however many read it.
    ``lesson:`` links become links to the lesson pages under ``lesson_base``."""
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    text = LESSON_LINK.sub(lambda m: f"]({lesson_base}{m.group(1)}{m.group(2) or ''})", text)
    html = converter.convert(text)
    toc: list[TocEntry] = []
    _flatten(converter.toc_tokens, toc)
    return RenderedLesson(sanitise(html), tuple(toc))
