"""Every role's pages at 360 px wide: nothing wider than the screen (a wide table scrolls in its
own box or becomes cards) and no table header squeezed to one character per line."""

import pytest

from tests.e2e.world import BANK, pages, seed, shot, sign_in_as

PHONE = {"width": 360, "height": 740}
# The page's horizontal overflow, and headers of two or more characters narrower than two
# characters (they would wrap one character per line).
MEASURE = """() => {
  const doc = document.documentElement;
  const pen = document.createElement("canvas").getContext("2d");
  const squeezed = [...document.querySelectorAll("th")].filter((th) => {
    const text = th.textContent.trim();
    const style = getComputedStyle(th);
    const width = th.getBoundingClientRect().width;
    const inner = width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    pen.font = style.font;
    return text.length >= 2 && width > 0 && inner + 1 < pen.measureText(text.slice(0, 2)).width;
  }).map((th) => th.textContent.trim());
  return { overflow: doc.scrollWidth - doc.clientWidth, squeezed };
}"""


def _import_preview(page, base_url: str, tmp_path) -> dict:
    """The trainer's import preview (a POST) measured like the other pages."""
    bank = tmp_path / "题库.gift"
    bank.write_text(BANK, encoding="utf-8")
    page.goto(f"{base_url}/trainer/import")
    page.set_input_files("input[name=file]", str(bank))
    page.click("main form button[type=submit]")
    page.locator("#result").wait_for()
    shot(page, "phone-trainer-import-preview")
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("page", [PHONE], indirect=True)
def test_no_page_is_wider_than_a_phone(live_server, page, tmp_path):
    base_url, app = live_server
    ids = seed(app)
    problems = {}
    for role, paths in pages(ids).items():
        sign_in_as(page, base_url, role)
        for path in paths:
            response = page.goto(f"{base_url}{path}")
            assert response.status < 400, (path, response.status)
            found = page.evaluate(MEASURE)
            if found["overflow"] > 0 or found["squeezed"]:
                problems[path] = found
            shot(
                page,
                f"phone-{role}-{path.strip('/').replace('/', '-').replace('?', '-') or 'home'}",
            )
        if role == "trainer":
            found = _import_preview(page, base_url, tmp_path)
            if found["overflow"] > 0 or found["squeezed"]:
                problems["/trainer/import (preview)"] = found
    assert problems == {}
