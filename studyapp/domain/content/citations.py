"""Citations as people read them: document titles and pages instead of ``000 P22`` or ref ids.

Authors cite inside explanations, card backs and lessons the way ``source:`` does: a seed
document's number with an optional page (``（001 P17）``, ``出自 003``) or a reference id in
brackets (``（xfz-law 第二十四条）``). ``humanise`` rewrites those for a reader; ``source_text``
does the same for a whole ``source:`` value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from studyapp.domain.content.sources import source_parts, split_part

# A seed number (000–999) not part of a larger number ("2 000＝", "19000", "2003"), with a page
# or page range: "001 P17", "000 P23-25", "001 P43-P61".
SEED_IN_TEXT = re.compile(
    r"(?P<open>（)?(?<![0-9A-Za-z.,/:-])(?<![0-9] )(?P<code>\d{3})"
    r"(?: ?P(?P<first>\d+)(?:[-–~～]P?(?P<last>\d+))?)?(?![0-9%÷＝=×.])(?P<close>）)?"
)
# A reference id alone in brackets, with an optional locator: "（ldoce）", "（sbgd-1995 第四条）".
REFERENCE_IN_TEXT = re.compile(
    r"（(?P<code>[a-z][a-z0-9-]{1,39})(?: (?P<locator>[^（）;；]{1,60}))?）"
)
PAGE_LOCATOR = re.compile(r"^P(?P<first>\d+)(?:[-–]P?(?P<last>\d+))?$")
BOOK_TITLE = re.compile(r"《[^》]+》")
AUTHOR_YEAR = re.compile(r"^(?P<author>[A-Z][\w'’-]+)[^()]*?\((?P<year>\d{4})\)")

PageLabel = Callable[[str, str | None], str]


def chinese_pages(first: str, last: str | None) -> str:
    return f"第 {first}–{last} 页" if last else f"第 {first} 页"


def short_reference(citation: str) -> str:
    """A reference's full citation shortened to what fits in a sentence: its first
    《book title》, else "Author (year)", else the citation up to its first full stop."""
    book = BOOK_TITLE.search(citation)
    if book:
        return book.group(0)
    author = AUTHOR_YEAR.match(citation)
    if author:
        return f"{author.group('author')} ({author.group('year')})"
    head = re.split(r"(?<=[a-z)）])\. |。", citation, maxsplit=1)[0]
    return head if len(head) <= 60 else head[:57] + "…"


def book(title: str) -> str:
    """A seed document's title in book marks unless it carries its own: ``《…》``."""
    return title if "《" in title else f"《{title}》"


def joined(title: str, where: str) -> str:
    """A title and its page or article: no space after a closing book mark (``》第 5 页``)."""
    if not where:
        return title
    return f"{title}{where}" if title.endswith("》") else f"{title} {where}"


def locator_text(locator: str, pages: PageLabel = chinese_pages) -> str:
    """``"P16"`` → ``"第 16 页"``; any other locator (``"第二十四条"``) as written."""
    match = PAGE_LOCATOR.match(locator)
    return pages(match.group("first"), match.group("last")) if match else locator


def source_text(
    value: str,
    seeds: Mapping[str, str],
    references: Mapping[str, str],
    pages: PageLabel = chinese_pages,
) -> str:
    """A ``source:`` value for a reader: ``"000 P16; xfz-law 第二十四条"`` → the documents'
    titles with their pages or articles, ``；``-separated. Unknown parts stay as written."""
    labels = []
    for part in source_parts(value):
        code, locator = split_part(part)
        title = seeds.get(code) or (
            short_reference(references[code]) if code in references else None
        )
        if title is None:
            labels.append(part)
            continue
        labels.append(f"{title} {locator_text(locator, pages)}".strip())
    return "；".join(labels) or value


def humanise(
    text: str,
    seeds: Mapping[str, str],
    references: Mapping[str, str],
    pages: PageLabel = chinese_pages,
) -> str:
    """Free text with its seed numbers and bracketed reference ids replaced by titles.

    A citation right after the document's own title (``《客服专业人员技术要求》（003）``)
    is dropped, or keeps only its page, rather than naming the document twice."""

    def seed(match: re.Match[str]) -> str:
        title = seeds.get(match.group("code"))
        if title is None:
            return match.group(0)
        page = pages(match.group("first"), match.group("last")) if match.group("first") else ""
        before = text[max(0, match.start() - 40) : match.start()]
        named = title.strip("《》") in before or any(
            name and name in before for name in BOOK_TITLE.findall(title)
        )
        label = page if named else joined(book(title), page)
        opened, closed = match.group("open") or "", match.group("close") or ""
        if not label and opened and closed:
            return ""
        return f"{opened}{label}{closed}"

    def reference(match: re.Match[str]) -> str:
        citation = references.get(match.group("code"))
        if citation is None:
            return match.group(0)
        locator = match.group("locator")
        where = locator_text(locator, pages) if locator else ""
        return f"（{joined(short_reference(citation), where)}）"

    return SEED_IN_TEXT.sub(seed, REFERENCE_IN_TEXT.sub(reference, text))
