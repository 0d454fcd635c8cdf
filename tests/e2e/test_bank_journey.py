"""An organisation's bank in a real browser: a trainer publishes it, a candidate of that
organisation practises it, a candidate of another organisation never sees it, a rollback
removes it."""

from pathlib import Path

from studyapp.extensions import db
from studyapp.models import BankRelease
from tests.e2e.conftest import sign_in
from tests.factories import DEFAULT_PASSWORD, gen_cohort, gen_organisation, gen_user

SHOTS = Path(__file__).resolve().parent / "screenshots"
STEM = "机构自编：处理客户投诉的第一步是？"
BANK = f"// 本机构题库\n{STEM}{{=倾听并确认问题 ~立即退款 ~转给上级 ~解释公司规定 ####先倾听。}}\n"


def _world(app):
    with app.app_context():
        ours, theirs = gen_organisation("我们的培训中心"), gen_organisation("别的机构")
        gen_user(role="trainer", email="trainer@example.com", organisation=ours)
        gen_user(email="ours@example.com", cohort=gen_cohort(ours))
        gen_user(email="theirs@example.com", cohort=gen_cohort(theirs))
        syllabus = app.extensions["syllabus_store"].syllabus()
        return syllabus.chapter_list()[0].id, next(iter(syllabus.course.sources))


def _last_question_of(page, base_url: str, chapter: str) -> str:
    page.goto(f"{base_url}/practice/chapter/{chapter}?i=100000")
    return page.locator("article.practice-question .stem").inner_text()


def _sign_out(page, base_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/auth/login")


def test_a_trainer_publishes_a_bank_for_their_organisation_only(live_server, page, tmp_path):
    base_url, app = live_server
    chapter, source = _world(app)
    bank = tmp_path / "我们的题库.gift"
    bank.write_text(BANK, encoding="utf-8")

    SHOTS.mkdir(exist_ok=True)
    sign_in(page, base_url, "trainer@example.com", DEFAULT_PASSWORD)
    page.goto(f"{base_url}/trainer/import")
    page.set_input_files("input[name=file]", str(bank))
    page.select_option("select[name=chapter]", chapter)
    page.fill("input[name=source]", source)
    page.click("main form button[type=submit]")
    page.locator("#result .ok").wait_for()
    assert STEM in page.locator("section.draft").first.inner_text()
    page.screenshot(path=SHOTS / "bank-preview.png", full_page=True)
    page.click("#publish")
    page.wait_for_url(f"{base_url}/trainer/bank")
    assert "使用中" in page.locator("table.bank-releases").inner_text()
    page.screenshot(path=SHOTS / "bank-published.png", full_page=True)
    _sign_out(page, base_url)

    sign_in(page, base_url, "ours@example.com", DEFAULT_PASSWORD)
    assert _last_question_of(page, base_url, chapter) == STEM
    page.locator(
        "article.practice-question label", has_text="倾听并确认问题"
    ).click()  # sent on tap
    page.locator(".feedback.status-right").wait_for()
    page.screenshot(path=SHOTS / "bank-practised.png", full_page=True)
    _sign_out(page, base_url)

    sign_in(page, base_url, "theirs@example.com", DEFAULT_PASSWORD)
    assert _last_question_of(page, base_url, chapter) != STEM
    _sign_out(page, base_url)

    sign_in(page, base_url, "trainer@example.com", DEFAULT_PASSWORD)
    page.goto(f"{base_url}/trainer/bank")
    page.click("button.rollback")
    page.locator(".flash", has_text="已撤回").wait_for()
    with app.app_context():
        assert db.session.query(BankRelease).one().status == "rolled_back"
    _sign_out(page, base_url)

    sign_in(page, base_url, "ours@example.com", DEFAULT_PASSWORD)
    assert _last_question_of(page, base_url, chapter) != STEM
