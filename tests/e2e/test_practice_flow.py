"""Practice in a real browser: answer on tap, one confirm for multiple choice, coloured options,
keys and swipes to move on, a true 背题 mode and bookmarking that keeps the feedback."""

import pytest
from sqlalchemy import select

from studyapp.extensions import db
from studyapp.models import Bookmark, PracticeAnswer
from tests.content_fixtures import write_course
from tests.e2e.conftest import sign_in
from tests.e2e.sizes import SHOTS, SIZES
from tests.factories import DEFAULT_PASSWORD, gen_user

GREEN = "rgb(236, 253, 243)"
RED = "rgb(254, 243, 242)"


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def _start(live_server, page, path):
    base_url, app = live_server
    with app.app_context():
        gen_user(email="c@example.com")
    sign_in(page, base_url, "c@example.com", DEFAULT_PASSWORD)
    page.goto(f"{base_url}{path}")
    return base_url, app


def _answers(app) -> list:
    with app.app_context():
        return [(a.question_id, a.answer) for a in db.session.scalars(select(PracticeAnswer))]


def _background(locator) -> str:
    return locator.evaluate("node => getComputedStyle(node).backgroundColor")


@SIZES
def test_a_tap_answers_and_the_options_are_coloured(content_dir, live_server, page):
    _base, app = _start(live_server, page, "/practice/chapter/basics?i=0")
    assert page.locator(".submit-answer").is_hidden()  # no separate submit for a single choice
    assert page.locator(".tap-hint").is_visible()
    page.locator("label", has_text="甲").click()  # the wrong one: A
    page.locator(".feedback").wait_for()
    page.wait_for_load_state("load")
    assert "✗ 回答错误" in page.locator(".feedback").inner_text()
    key = page.locator(".key li.key")
    wrong = page.locator(".key li.chosen")
    assert "乙" in key.inner_text() and "✓ 正确答案" in key.inner_text()
    assert "甲" in wrong.inner_text() and "✗ 你的选择" in wrong.inner_text()
    assert _background(key) == GREEN and _background(wrong) == RED
    assert page.locator("input[name=answer]").count() == 0  # the review, not disabled inputs
    assert _answers(app) == [("basics.q001", "A")]
    page.screenshot(path=str(SHOTS / f"practice-feedback-{page.viewport_size['width']}.png"))

    bookmark = page.locator(".bookmark")
    box = bookmark.bounding_box()
    assert bookmark.inner_text() == "☆ 收藏"
    assert bookmark.evaluate("node => node.scrollWidth <= node.clientWidth")  # not clipped
    assert box["height"] < 60  # one line
    bookmark.click()
    page.locator(".bookmark", has_text="★ 已收藏").wait_for()
    assert page.locator(".feedback").is_visible()  # no reload: the feedback is still there
    with app.app_context():
        assert db.session.scalars(select(Bookmark.item_id)).all() == ["basics.q001"]
    page.keyboard.press("f")
    page.locator(".bookmark", has_text="☆ 收藏").wait_for()

    page.locator(".stem").click()  # focus off the bookmark button (Enter would press it)
    page.keyboard.press("Enter")  # next question
    page.locator(".stem", has_text="多选？").wait_for()
    page.wait_for_load_state("load")


@SIZES
def test_multiple_choice_confirms_with_one_action_by_keys(content_dir, live_server, page):
    _base, app = _start(live_server, page, "/practice/chapter/basics?i=1")
    page.keyboard.press("a")
    page.keyboard.press("c")
    assert _answers(app) == []  # picking does not send a multiple choice
    assert page.locator(".submit-answer").is_visible()
    page.keyboard.press("Enter")
    page.locator(".feedback", has_text="正确").wait_for()
    page.wait_for_load_state("load")
    assert page.locator(".key li.key").all_inner_texts() == [
        "A. 甲 ✓ 正确答案 · 你的选择",
        "C. 丙 ✓ 正确答案 · 你的选择",
    ]
    assert _answers(app) == [("basics.q002", ["A", "C"])]
    page.keyboard.press("ArrowRight")
    page.locator(".stem", has_text="判断。").wait_for()
    page.wait_for_load_state("load")
    page.keyboard.press("2")  # 错, sent on the key
    page.locator(".feedback", has_text="错误").wait_for()
    page.wait_for_load_state("load")
    assert "对" in page.locator(".key li.key").inner_text()
    assert "✗ 你的选择" in page.locator(".key li.chosen").inner_text()
    page.keyboard.press("ArrowLeft")
    page.locator(".stem", has_text="多选？").wait_for()
    page.wait_for_load_state("load")


def test_a_swipe_moves_on_on_a_phone(content_dir, browser, live_server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    try:
        _start(live_server, page, "/practice/chapter/basics?i=0")
        page.evaluate(
            """() => {
              const touch = (x) => new Touch({identifier: 1, target: document.body, clientX: x, clientY: 300});
              document.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(320)], changedTouches: [touch(320)]}));
              document.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [touch(80)]}));
            }"""
        )
        page.locator(".stem", has_text="多选？").wait_for()
        page.wait_for_load_state("load")
    finally:
        context.close()


@SIZES
def test_study_mode_shows_the_question_with_its_answer_marked(content_dir, live_server, page):
    _start(live_server, page, "/practice/chapter/basics?i=0&study=1")
    assert page.locator("article input:not([type=hidden])").count() == 0
    key = page.locator(".key li.key")
    assert "乙" in key.inner_text() and "✓ 正确答案" in key.inner_text()
    assert _background(key) == GREEN
    assert "你的答案" not in page.locator("article").inner_text()
    assert page.locator(".explanation").is_visible()
    page.screenshot(path=str(SHOTS / f"practice-study-{page.viewport_size['width']}.png"))
    page.keyboard.press("ArrowRight")
    page.locator(".stem", has_text="多选？").wait_for()
    page.wait_for_load_state("load")
    assert page.locator(".key li.key").count() == 2


@SIZES
def test_keyboard_help_on_a_practice_question(content_dir, live_server, page):
    _start(live_server, page, "/practice/chapter/basics?i=0")
    page.keyboard.press("?")
    help_dialog = page.locator("dialog.shortcuts-help")
    assert help_dialog.is_visible()
    assert "收藏 / 取消收藏" in help_dialog.inner_text()
    page.keyboard.press("b")  # nothing is answered behind the help
    assert page.locator("input[name=answer]:checked").count() == 0
    page.keyboard.press("Escape")
    assert help_dialog.is_hidden()


@SIZES
def test_arrowing_through_options_does_not_answer(content_dir, live_server, page):
    _base, app = _start(live_server, page, "/practice/chapter/basics?i=0")
    page.locator("input[name=answer]").first.focus()
    page.keyboard.press("ArrowDown")  # the browser checks 乙 while moving: not an answer yet
    assert page.locator("input[name=answer]").nth(1).is_checked()
    assert page.locator(".submit-answer").is_visible()
    assert _answers(app) == []
    page.keyboard.press("Enter")
    page.locator(".feedback", has_text="回答正确").wait_for()
    assert _answers(app) == [("basics.q001", "B")]
