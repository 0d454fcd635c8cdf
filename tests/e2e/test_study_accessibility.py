"""axe-core over the study pages in the states a person meets them: the exam with its answer
sheet and submit dialog, practice feedback and 背题, the review page revealed, the keyboard help."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.content_fixtures import write_course
from tests.e2e.conftest import sign_in
from tests.e2e.sizes import SIZES
from tests.factories import DEFAULT_PASSWORD, gen_user

BLOCKING = ("serious", "critical")


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def _blocking(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]


@SIZES
def test_study_pages_in_use_have_no_serious_violations(content_dir, live_server, page):
    base_url, app = live_server
    with app.app_context():
        gen_user(email="c@example.com")
    sign_in(page, base_url, "c@example.com", DEFAULT_PASSWORD)
    found = {}

    def check(name):
        problems = _blocking(page)
        if problems:
            found[name] = problems

    page.goto(f"{base_url}/exams")
    page.locator("section.paper button").first.click()
    page.wait_for_url("**/attempts/*")
    page.keyboard.press("a")
    page.keyboard.press("m")
    page.keyboard.press("s")  # the sheet (a drawer on a phone)
    check("exam with sheet")
    page.keyboard.press("Escape")
    page.locator(".exam-actions .submit-exam").click()
    check("exam submit dialog")
    page.locator(".dialog-confirm").click()  # out of the exam: its questions may be practised
    page.wait_for_url("**/result")

    page.goto(f"{base_url}/practice/chapter/basics?i=0")
    page.locator("label", has_text="甲").click()
    page.locator(".feedback").wait_for()
    check("practice feedback")
    page.goto(f"{base_url}/practice/chapter/basics?i=2&study=1")
    check("practice 背题")

    page.goto(f"{base_url}/cards/")
    page.locator(".reveal").click()
    check("review revealed")
    page.locator(".shortcuts-open").click()
    check("keyboard help")
    assert found == {}
