"""The flashcard review page driven with the keyboard in a real browser."""

import pytest
from sqlalchemy import func, select

from studyapp.extensions import db
from studyapp.models import ReviewLog
from tests.content_fixtures import write_course
from tests.e2e.conftest import sign_in
from tests.factories import DEFAULT_PASSWORD, gen_user


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def _reviews(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count(ReviewLog.id)).where(ReviewLog.undone_at.is_(None))
        )


def test_reveal_rate_and_undo_with_the_keyboard(content_dir, live_server, page):
    base_url, app = live_server
    with app.app_context():
        gen_user(email="c@example.com")
    sign_in(page, base_url, "c@example.com", DEFAULT_PASSWORD)
    page.goto(f"{base_url}/cards/")

    front = page.locator(".card-front")
    front.wait_for(state="visible")
    assert front.inner_text() == "问"
    assert page.locator(".card-back").is_hidden()

    page.keyboard.press("Space")
    assert page.locator(".card-back").inner_text() == "答"
    assert page.locator(".rate.good small").inner_text() == "10分钟"

    page.keyboard.press("3")  # Good: the cloze card comes next
    page.locator(".cloze-blank").wait_for()
    assert "服务业占比约 [" in front.inner_text()
    assert _reviews(app) == 1
    assert "已保存" in page.locator(".review-status").inner_text()

    page.keyboard.press("Space")
    assert page.locator(".cloze-answer").inner_text() == "70%"
    page.keyboard.press("1")  # Again
    page.locator(".recall-list").wait_for(state="attached")  # the list card
    assert _reviews(app) == 2

    page.keyboard.press("u")  # undo the Again: the cloze card is back
    page.locator(".cloze-blank").wait_for()
    assert "已撤销" in page.locator(".review-status").inner_text()
    assert _reviews(app) == 1


def test_a_list_card_lets_the_candidate_tick_what_they_recalled(content_dir, live_server, page):
    base_url, app = live_server
    with app.app_context():
        gen_user(email="c@example.com")
    sign_in(page, base_url, "c@example.com", DEFAULT_PASSWORD)
    page.goto(f"{base_url}/cards/")
    for _ in range(2):  # rate the first two cards Good to reach the list card
        page.locator(".reveal").click()
        page.locator(".rate.good").click()
    page.locator(".reveal").click()
    boxes = page.locator(".recall-list input[type=checkbox]")
    assert boxes.count() == 4
    boxes.nth(0).check()
    boxes.nth(1).check()
    assert "想起了 2 / 4 项" in page.locator(".recalled").inner_text()
    assert "suggested" in page.locator(".rate.again").get_attribute("class")
    boxes.nth(2).check()
    boxes.nth(3).check()
    assert "suggested" in page.locator(".rate.good").get_attribute("class")
    page.locator(".rate.good").click()
    page.locator(".finished").wait_for()  # three cards learned, the rest wait ten minutes
    assert _reviews(app) == 3
