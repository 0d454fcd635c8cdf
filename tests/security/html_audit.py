"""Reading a page the way a browser would, to find anything in it that could run code."""

from __future__ import annotations

import re
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
ACTIVE_TAGS = {"iframe", "object", "embed", "frame", "base", "meta-refresh"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text")
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")  # browsers skip these inside "java script:"


class Audit(HTMLParser):
    """``problems``: scripts not from /static/, event handlers, javascript: URLs, frames.
    ``text``: what the page shows, entities decoded (escaped markup reads as its source)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._text: list[str] = []
        self._in_script = False
        self.feed(html)
        self.close()

    @property
    def text(self) -> str:
        return "".join(self._text)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            scheme = _IGNORED_IN_SCHEME.sub("", value or "").lower()
            if name in URL_ATTRIBUTES and scheme.startswith(SCRIPT_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._in_script = True
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(f"<script src={src!r}>")
        if tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._in_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            if data.strip():
                self.problems.append(f"inline script {data.strip()[:60]!r}")
            return
        self._text.append(data)


def audited(response, *shown: str) -> Audit:
    """The page parsed; fails on anything active, or when ``shown`` is not there as text."""
    assert response.status_code == 200, response.status_code
    audit = Audit(response.get_data(as_text=True))
    assert audit.problems == [], f"{response.request.path}: {audit.problems}"
    missing = [text for text in shown if text not in audit.text]
    assert missing == [], f"{response.request.path}: not shown as text: {missing}"
    return audit
