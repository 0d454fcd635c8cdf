"""A candidate's wrong-answer book and bookmarks in a real browser, desktop and phone: grouped
by chapter and type, filtered, my answer beside the key, redo as practice, removal; no
internal codes (seed numbers, type or paper ids) on the pages a candidate reads."""

import re

import pytest

from tests.e2e.world import seed, shot, sign_in_as

SIZES = [{"width": 1280, "height": 800}, {"width": 390, "height": 844}]
RAW_CODES = re.compile(r"\b00[0-4] P\d+|\b(judge|single|multiple)\b|mock-theory|quick-quiz")


@pytest.mark.parametrize("page", SIZES, indirect=True)
def test_the_wrong_book_and_bookmarks(live_server, page):
    base_url, app = live_server
    ids = seed(app)  # a submitted quiz with nothing answered, one practice mistake, bookmarks
    width = page.viewport_size["width"]
    sign_in_as(page, base_url, "candidate")

    page.goto(f"{base_url}/practice/wrong-book")
    groups = page.locator("section.book-chapter")
    assert groups.count() >= 2 and groups.first.locator("h3").count() >= 1
    entry = page.locator("article.book-entry").first
    assert "你的答案" in entry.inner_text() and "正确答案" in entry.inner_text()
    assert entry.locator(".explanation").is_visible()
    assert "连续答对 0 / 3 次" in entry.inner_text()
    assert not RAW_CODES.search(page.locator("main").inner_text())
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    shot(page, f"wrong-book-{width}")

    page.select_option("select[name=type]", "judge")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**type=judge**")
    headings = page.locator("article.book-entry").count()
    assert headings >= 1 and page.locator("h3").all_inner_texts()[0].startswith("判断题")
    shot(page, f"wrong-book-judge-{width}")
    page.click("main a.button.primary")  # redo these as practice
    page.wait_for_url("**/practice/wrong/all~judge**")
    assert f"1 / {headings}" in page.locator("main").inner_text()

    page.goto(f"{base_url}/practice/wrong-book")
    before = page.locator("article.book-entry").count()
    page.locator("article.book-entry").first.locator("button", has_text="移出错题本").click()
    page.wait_for_load_state()
    assert "已移出错题本" in page.locator(".flash").inner_text()
    assert page.locator("article.book-entry").count() == before - 1

    page.goto(f"{base_url}/practice/bookmarks")
    assert page.locator(".bookmark-list li").count() == 2
    shot(page, f"bookmarks-{width}")
    page.locator(".bookmark-list li").first.locator("button").click()
    page.wait_for_load_state()
    assert page.locator(".bookmark-list li").count() == 1

    page.goto(f"{base_url}/attempts/{ids['attempt']}/result")
    assert not RAW_CODES.search(page.locator("main").inner_text())
    shot(page, f"result-{width}")
