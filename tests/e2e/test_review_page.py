"""The flashcard review page: counters after every card, today's total, what 忘记 does, a visible
key hint, more new cards after the day's limit, and the keyboard help."""

import pytest

from studyapp.extensions import db
from studyapp.models import StudySettings
from tests.content_fixtures import write_course
from tests.e2e.conftest import sign_in
from tests.e2e.sizes import SHOTS, SIZES
from tests.factories import DEFAULT_PASSWORD, gen_user


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def _open(live_server, page, new_per_day=20):
    base_url, app = live_server
    with app.app_context():
        user = gen_user(email="c@example.com")
        db.session.add(StudySettings(user_id=user.id, new_per_day=new_per_day))
        db.session.commit()
    sign_in(page, base_url, "c@example.com", DEFAULT_PASSWORD)
    page.goto(f"{base_url}/cards/")
    page.locator(".card-front").wait_for(state="visible")


def _counts(page) -> str:
    return page.locator(".counts").inner_text().replace(" ", "")


@SIZES
def test_counters_and_todays_total_follow_every_card(content_dir, live_server, page):
    _open(live_server, page)
    assert _counts(page) == "0·0·3"
    assert "今天已复习 0 张" in page.locator(".done-today").inner_text()
    page.locator(".reveal").click()
    again_label = page.locator(".rate.again small").inner_text()
    note = page.locator(".again-note").inner_text()
    assert note == f"选“忘记”的卡片约 {again_label}后再次出现，今天会再复习。"
    page.screenshot(path=str(SHOTS / f"review-revealed-{page.viewport_size['width']}.png"))
    page.locator(".rate.good").click()
    page.locator(".done-today", has_text="今天已复习 1 张").wait_for()
    page.locator(".counts", has_text="2").wait_for()
    assert _counts(page) == "0·0·2"
    page.locator(".reveal").click()
    page.locator(".rate.again").click()
    page.locator(".done-today", has_text="今天已复习 2 张").wait_for()
    assert _counts(page) == "0·0·1"


@SIZES
def test_the_space_hint_is_visible(content_dir, live_server, page):
    _open(live_server, page)
    reveal_key = page.locator(".reveal kbd")
    assert reveal_key.inner_text() == "空格"
    assert reveal_key.evaluate("node => getComputedStyle(node).color") == "rgb(255, 255, 255)"
    assert "空格 显示答案" in page.locator(".hint-keys").inner_text()
    assert page.locator(".hint-keys").is_visible()


@SIZES
def test_more_new_cards_after_the_days_limit(content_dir, live_server, page):
    _open(live_server, page, new_per_day=1)
    assert _counts(page) == "0·0·1"
    page.keyboard.press("Space")
    page.keyboard.press("4")  # Easy: out of today's queue
    finished = page.locator(".finished")
    finished.wait_for()
    more = finished.locator(".study-more")
    page.screenshot(path=str(SHOTS / f"review-more-{page.viewport_size['width']}.png"))
    assert more.inner_text() == "再学 10 张新卡片"
    more.click()
    page.locator(".card-front").wait_for(state="visible")
    assert _counts(page) == "0·0·2"  # the two cards left, on top of the limit
    page.keyboard.press("Space")
    page.keyboard.press("4")
    page.locator(".done-today", has_text="今天已复习 2 张").wait_for()
    assert _counts(page) == "0·0·1"


@SIZES
def test_keyboard_help_on_the_review_page(content_dir, live_server, page):
    _open(live_server, page)
    page.keyboard.press("?")
    help_dialog = page.locator("dialog.shortcuts-help")
    assert help_dialog.is_visible()
    assert "忘记 / 困难 / 记得 / 简单" in help_dialog.inner_text()
    page.keyboard.press("Space")  # behind the help, nothing happens to the card
    assert page.locator(".card-back").is_hidden()
    page.keyboard.press("Escape")
    page.keyboard.press("Space")
    assert page.locator(".card-back").is_visible()


@SIZES
def test_cards_rated_again_are_announced_not_a_finished_day(content_dir, live_server, page):
    _open(live_server, page)
    for done in range(1, 4):
        page.keyboard.press("Space")
        page.keyboard.press("1")  # 忘记: back in a minute
        page.locator(".done-today", has_text=f"今天已复习 {done} 张").wait_for()
    page.locator(".finished").wait_for()
    back = page.locator(".coming-back")
    assert back.is_visible()
    assert back.inner_text() == "还有 3 张卡片约 1 分钟后回来，到时会自动出现，请稍候。"
    assert page.locator(".done-heading").is_hidden()
