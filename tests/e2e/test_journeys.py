"""Whole journeys in a real browser: a candidate from invite code to wrong-answer book (on a
desktop and on a phone), and a trainer who uploads a broken bank."""

import pytest

from studyapp.auth import organisations
from tests.e2e.conftest import sign_in
from tests.factories import DEFAULT_PASSWORD, gen_cohort, gen_organisation, gen_user

PHONE = {"width": 390, "height": 844}


def _register_with_invite(page, base_url, code):
    page.goto(f"{base_url}/auth/register?code={code}")
    page.fill("input[name=name]", "王小明")
    page.fill("input[name=email]", "xiaoming@example.com")
    page.fill("input[name=password]", "long-enough-1")
    page.fill("input[name=confirm]", "long-enough-1")
    assert page.input_value("input[name=invite_code]") == code
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def _open_menu_if_collapsed(page):
    toggle = page.locator("label.nav-toggle-label")
    if toggle.is_visible():
        toggle.click()


@pytest.mark.parametrize("page", [None, PHONE], indirect=True, ids=["desktop", "phone"])
def test_candidate_journey(live_server, page):
    base_url, app = live_server
    with app.app_context():
        cohort = gen_cohort(organisations.create_organisation("培训中心"), "一班")
        code = cohort.invite_code
    _register_with_invite(page, base_url, code)
    assert "班级：一班" in page.inner_text("main")

    # Read a lesson and mark it read.
    _open_menu_if_collapsed(page)
    page.click("nav >> text=课程")
    page.click("text=继续学习")
    page.click("text=我已读完本课")
    assert "已读于" in page.inner_text(".read-mark")

    # Review ten cards with the keyboard.
    page.goto(f"{base_url}/cards/")
    for _ in range(10):
        page.locator(".reveal").wait_for(state="visible")
        page.keyboard.press("Space")
        page.keyboard.press("3")
        page.wait_for_function(
            "() => !document.querySelector('.ratings') || document.querySelector('.ratings').hidden"
        )
    assert page.locator(".count-new").inner_text() != ""

    # Practise a chapter: answer wrongly on purpose, then see the feedback.
    page.goto(f"{base_url}/practice/chapter/ethics?i=0")
    page.locator("ul.options input").first.click()  # a single choice is sent on the tap
    page.locator(".feedback").wait_for()
    assert "解析" in page.inner_text("main")

    # Take the quick quiz without answering, submit, see the result and the wrong-answer book.
    page.goto(f"{base_url}/exams")
    page.locator("section.paper", has_text="20 题快速小测").locator("button").click()
    page.wait_for_url("**/attempts/*")
    first = page.locator("fieldset.question").nth(0)
    first.locator("input, textarea").first.check()
    first.locator(".item-status", has_text="已保存").wait_for()
    page.locator(".exam-actions .submit-exam").click()
    page.locator("dialog.submit-dialog .dialog-confirm").click()
    page.wait_for_url("**/result")
    assert "逐题回顾" in page.inner_text("main")
    page.click("text=去错题本")
    assert "错题本" in page.inner_text("h1")


def test_trainer_uploads_a_broken_bank_and_sees_the_problems(live_server, page, tmp_path):
    base_url, app = live_server
    with app.app_context():
        gen_user(role="trainer", email="t@example.com", organisation=gen_organisation())
    bank = tmp_path / "bank.gift"
    bank.write_text(
        "::好题::服务的特性不包括（  ）。{=行业性 ~无形性 ~差异性 ~同步性####行业性是职业道德的特征。}\n\n"
        "::坏题::下列哪项正确？{=对 ~错\n",
        encoding="utf-8",
    )
    sign_in(page, base_url, "t@example.com", DEFAULT_PASSWORD)
    page.goto(f"{base_url}/trainer/import")
    page.set_input_files("input[type=file]", str(bank))
    page.select_option("select[name=chapter]", "service-basics")
    page.fill("input[name=source]", "000 P22")
    page.click("main form button[type=submit]")
    assert "发现 1 个问题，不能导入" in page.inner_text("#result")
    row = page.locator("#result tbody tr").first
    assert row.locator("td").nth(0).inner_text() == "bank.gift"
    assert row.locator("td").nth(1).inner_text() == "3"  # the broken item's line
