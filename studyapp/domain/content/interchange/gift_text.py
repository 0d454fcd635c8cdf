"""One piece of GIFT text (a stem, an answer, a feedback) as plain text, and what was lost.

Escaped characters become private-use characters while an item is taken apart, as Moodle does
with its "&&058;" placeholders, so an escaped "=" never starts an answer. A ``[html]`` piece
keeps its text: line breaks stay line breaks, a link keeps its words (the address is reported),
media and formatting are reported as dropped, entities such as ``&nbsp;`` become plain spaces.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from studyapp.domain.content.text import N_, Text

_PLACEHOLDERS = {"\\": "\ue000", ":": "\ue001", "#": "\ue002", "=": "\ue003",
                 "{": "\ue004", "}": "\ue005", "~": "\ue006", "n": "\ue007"}  # fmt: skip
_RESTORE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _PLACEHOLDERS.items()})
_ESCAPED = re.compile(r"\\([\\:#={}~n])")
FORMAT_MARKER = re.compile(r"^\[(moodle|html|plain|markdown)\]")
_BREAK = re.compile(r"<br\s*/?>|</p\s*>|</div\s*>|</li\s*>|</h\d\s*>", re.IGNORECASE)
_LINK = re.compile(r"<a\b[^>]*?href\s*=\s*[\"']?([^\"'\s>]+)[^>]*>", re.IGNORECASE)
_MEDIA = re.compile(r"<(img|audio|video|source|object|embed|iframe)\b[^>]*?"
                    r"(?:src|data)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)  # fmt: skip
_MEDIA_FILE = re.compile(r"\.(mp3|mp4|wav|ogg|m4a|webm|png|jpe?g|gif|svg|pdf)$", re.IGNORECASE)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_PLAIN_TAGS = re.compile(r"^</?(p|br|div|li|ul|ol|h\d)\b", re.IGNORECASE)
_INVISIBLE = str.maketrans({"\u00a0": " ", "\u3000": " ", "\u200b": None, "\ufeff": None})

Warn = Callable[..., None]


def escape_marks(text: str) -> str:
    """Escaped control characters as placeholders, before an item is taken apart."""
    return _ESCAPED.sub(lambda m: _PLACEHOLDERS[m.group(1)], text)


def restore(text: str) -> str:
    return text.translate(_RESTORE)


@dataclass(frozen=True)
class Piece:
    format: str  # moodle | html | plain | markdown
    text: str


def _from_html(text: str, warn: Warn | None) -> str:
    notes: list[str] = []
    for address in _LINK.findall(text):
        if _MEDIA_FILE.search(address):
            notes.append(Text("媒体文件已去掉，只保留文字：{address}", address=address))
        else:
            notes.append(Text("链接已去掉，只保留文字：{address}", address=address))
    for tag, address in _MEDIA.findall(text):
        notes.append(
            Text("媒体（<{tag}>）无法导入，已去掉：{address}", tag=tag.lower(), address=address)
        )
    if _SCRIPT.search(text):
        notes.append(N_("脚本或样式（<script>/<style>）已去掉"))
    text = _SCRIPT.sub("", text)
    text = _BREAK.sub("\n", text)
    styled = [tag for tag in _TAG.findall(text) if not _PLAIN_TAGS.match(tag)]
    if styled and not notes:
        notes.append(N_("HTML 格式（加粗、颜色等）已去掉，只保留文字"))
    text = html.unescape(_TAG.sub("", text)).translate(_INVISIBLE)
    text = "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    if warn is not None:
        for note in notes:
            warn(note)
    return re.sub(r"\n{3,}", "\n\n", text)


def piece(raw: str, default_format: str = "moodle", warn: Warn | None = None) -> Piece:
    """(format, plain text) of one piece: its [format] marker removed, escapes restored."""
    raw = raw.strip()
    marker = FORMAT_MARKER.match(raw)
    text_format = marker.group(1) if marker else default_format
    text = raw[marker.end() :] if marker else raw
    text = restore(text)
    text = _from_html(text, warn) if text_format == "html" else text.translate(_INVISIBLE)
    return Piece(text_format, text.strip())
