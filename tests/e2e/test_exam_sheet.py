"""The exam page's answer sheet, marks, keys and submit dialog, on a desktop and a phone."""

from tests.e2e.conftest import sign_in
from tests.e2e.sizes import SHOTS, SIZES
from tests.factories import DEFAULT_PASSWORD, gen_user


def _start_quiz(live_server, page):
    base_url, app = live_server
    with app.app_context():
        gen_user(email="c@example.com")
    sign_in(page, base_url, "c@example.com", DEFAULT_PASSWORD)
    page.goto(f"{base_url}/exams")
    page.locator("section.paper", has_text="20 题快速小测").locator("button").click()
    page.wait_for_url("**/attempts/*")


def _phone(page) -> bool:
    return page.viewport_size["width"] < 960


def _cell(page, number: int):
    return page.locator(f".sheet-grid .cell >> text='{number}'").first


def _open_sheet(page):
    if _phone(page):
        page.locator(".sheet-toggle").click()
    page.locator(".answer-sheet").wait_for(state="visible")


@SIZES
def test_answer_sheet_marks_and_keys(live_server, page):
    _start_quiz(live_server, page)
    sheet = page.locator(".answer-sheet")
    cells = page.locator(".sheet-grid .cell")
    assert cells.count() == 20
    sections = page.locator("h3.section-title").count()  # the sheet groups cells as the paper does
    assert sections >= 1 and page.locator(".sheet-section").count() == sections
    assert page.locator(".sheet-grid .cell.answered").count() == 0
    assert page.locator(".answered-count").inner_text().replace(" ", "") == "已答0/20"
    if _phone(page):  # a drawer, closed until asked for
        assert sheet.is_hidden()
        assert page.locator(".sheet-toggle").is_visible()
    else:  # a column that stays in view
        assert sheet.is_visible()
        assert sheet.evaluate("node => getComputedStyle(node).position") == "sticky"
        assert page.locator(".sheet-toggle").is_hidden()
    page.evaluate("window.__third = document.querySelectorAll('.sheet-grid .cell')[2]")

    first = page.locator("fieldset.question").nth(0)
    first.click(position={"x": 5, "y": 5})  # focus the first question, no option
    page.keyboard.press("b")
    assert first.locator("input").nth(1).is_checked()
    first.locator(".item-status", has_text="已保存").wait_for()
    page.keyboard.press("ArrowRight")
    second = page.locator("fieldset.question").nth(1)
    page.keyboard.press("1")
    assert second.locator("input").nth(0).is_checked()
    page.keyboard.press("m")
    assert second.locator(".mark").get_attribute("aria-pressed") == "true"
    second.locator(".item-status", has_text="已保存").wait_for()

    assert page.locator(".answered-count").inner_text().replace(" ", "") == "已答2/20"
    assert "answered" in (_cell(page, 1).get_attribute("class") or "")
    assert "marked" in (_cell(page, 2).get_attribute("class") or "")
    assert "已标记" in _cell(page, 2).get_attribute("aria-label")
    assert "未答" in _cell(page, 3).get_attribute("aria-label")
    # Only the changed cells were touched: the third is the very same element.
    assert page.evaluate("window.__third === document.querySelectorAll('.sheet-grid .cell')[2]")

    _open_sheet(page)
    page.screenshot(path=str(SHOTS / f"exam-sheet-{page.viewport_size['width']}.png"))
    _cell(page, 15).click()
    fifteenth = page.locator("fieldset.question").nth(14)
    assert fifteenth.evaluate("node => document.activeElement === node")
    box = fifteenth.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    if _phone(page):
        assert sheet.is_hidden()  # the drawer closes on a jump

    # Scrolled away with the wheel: the keys act on a question in view, not the one left behind.
    page.mouse.wheel(0, 4000)
    page.wait_for_function(
        "() => document.querySelector('.sheet-grid .cell[aria-current]').textContent !== '15'"
    )
    number = int(page.locator(".sheet-grid .cell[aria-current]").inner_text())
    in_view = page.locator("fieldset.question").nth(number - 1)
    page.keyboard.press("a")
    assert in_view.locator("input").first.is_checked()
    assert 0 <= in_view.bounding_box()["y"] < page.viewport_size["height"]
    in_view.locator(".item-status", has_text="已保存").wait_for()

    page.keyboard.press("s")  # the sheet by key, and back to the question with Esc
    assert page.evaluate("document.activeElement.matches('.sheet-grid .cell[aria-current]')")
    page.keyboard.press("Escape")
    assert in_view.evaluate("node => document.activeElement === node")
    if _phone(page):
        assert sheet.is_hidden()

    page.reload()  # marks are kept for this attempt, answers by the server
    assert "marked" in (_cell(page, 2).get_attribute("class") or "")
    assert page.locator(".sheet-grid .cell.answered").count() == 3


@SIZES
def test_submit_dialog_lists_unanswered_and_marked(live_server, page):
    _start_quiz(live_server, page)
    first = page.locator("fieldset.question").nth(0)
    first.locator("input").first.check()
    first.locator(".mark").click()
    first.locator(".item-status", has_text="已保存").wait_for()
    page.locator(".exam-actions .submit-exam").click()
    dialog = page.locator("dialog.submit-dialog")
    assert dialog.is_visible()
    assert "已答 1 题，未答 19 题，标记 1 题" in dialog.locator(".dialog-summary").inner_text()
    assert dialog.locator(".dialog-unanswered .cell").count() == 19
    assert dialog.locator(".dialog-marked .cell").all_inner_texts() == ["1"]
    page.screenshot(path=str(SHOTS / f"exam-submit-{page.viewport_size['width']}.png"))

    dialog.locator(".dialog-unanswered .cell", has_text="7").first.click()  # jump to one
    assert dialog.is_hidden()
    assert page.locator("fieldset.question").nth(6).evaluate("n => document.activeElement === n")

    page.locator(".exam-actions .submit-exam").click()
    dialog.locator(".dialog-confirm").click()
    page.wait_for_url("**/result")
    assert page.locator(".result .score").is_visible()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('exam-marks:'))") == []


@SIZES
def test_a_long_stem_wraps_inside_its_card(live_server, page):
    _start_quiz(live_server, page)
    first = page.locator("fieldset.question").nth(0)
    first.locator("legend").evaluate("node => { node.lastChild.before('X'.repeat(400)); }")
    inner = first.evaluate(
        "node => node.querySelector('legend').getBoundingClientRect().right"
        " <= node.getBoundingClientRect().right + 0.5"
    )
    assert inner
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@SIZES
def test_keyboard_help_opens_with_question_mark(live_server, page):
    _start_quiz(live_server, page)
    help_dialog = page.locator("dialog.shortcuts-help")
    assert help_dialog.is_hidden()
    page.keyboard.press("?")
    assert help_dialog.is_visible()
    assert "上一题 / 下一题" in help_dialog.inner_text()
    page.keyboard.press("b")  # keys do nothing behind the help
    assert page.locator("fieldset.question input:checked").count() == 0
    page.keyboard.press("Escape")
    assert help_dialog.is_hidden()
