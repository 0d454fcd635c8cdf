"""The quick quiz from start to result in a real browser, answers saved as they are given."""

from sqlalchemy import func, select

from studyapp.extensions import db
from studyapp.models import AttemptItem
from tests.e2e.conftest import sign_in
from tests.factories import DEFAULT_PASSWORD, gen_user


def _saved(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count(AttemptItem.id)).where(AttemptItem.answer.is_not(None))
        )


def test_take_the_quick_quiz_to_its_result(live_server, page):
    base_url, app = live_server
    with app.app_context():
        gen_user(email="c@example.com")
    sign_in(page, base_url, "c@example.com", DEFAULT_PASSWORD)
    page.goto(f"{base_url}/exams")
    page.locator("section.paper", has_text="20 题快速小测").locator("button").click()
    page.wait_for_url("**/attempts/*")
    assert page.locator("fieldset.question").count() == 20
    clock = page.locator(".clock").inner_text()
    assert clock.startswith(("20:", "19:"))

    for index in range(20):
        fieldset = page.locator("fieldset.question").nth(index)
        fieldset.locator("input").first.check()
        fieldset.locator(".item-status", has_text="已保存").wait_for()
    assert _saved(app) == 20
    assert "已保存" in page.locator(".save-status").inner_text()

    page.reload()  # a reload (or a closed browser) loses nothing
    assert page.locator("fieldset.question input:checked").count() == 20

    page.locator(".exam-actions .submit-exam").click()
    page.locator("dialog.submit-dialog .dialog-confirm").click()
    page.wait_for_url("**/result")
    assert page.locator(".result .score").is_visible()
    assert page.locator("article.review-item").count() == 20
    assert page.locator(".explanation").count() == 20
