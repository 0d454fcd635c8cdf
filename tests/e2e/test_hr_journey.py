"""An HR user in a real browser: the cohort list, one cohort's table sorted and filtered, and
both exports downloaded and read back."""

import csv
import io
import random
from pathlib import Path

from openpyxl import load_workbook

from studyapp.cards import reviews
from studyapp.exams import attempts
from studyapp.lessons import services as lessons
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from tests.e2e.conftest import sign_in
from tests.factories import DEFAULT_PASSWORD, gen_cohort, gen_organisation, gen_user

# Candidate and how many lessons they have read: the name order and the lesson order differ.
READ = {"学员甲": 4, "学员乙": 1, "学员丙": 2, "学员丁": 3}
BY_NAME = sorted(READ)  # 丁 丙 乙 甲, by code point as the server sorts
BY_LESSONS = sorted(READ, key=READ.get)


def _seed(app) -> None:
    with app.app_context():
        syllabus, now = current_syllabus(), utcnow()
        organisation = gen_organisation("培训中心")
        cohort = gen_cohort(organisation, "一班")
        gen_cohort(organisation, "二班")
        gen_user(role="hr", email="hr@example.com", name="人事", organisation=organisation)
        lesson_ids = [lesson.id for lesson in syllabus.active_lessons()]
        for n, (name, read) in enumerate(READ.items()):
            user = gen_user(email=f"t{n}@example.com", name=name, cohort=cohort)
            for lesson_id in lesson_ids[:read]:
                lessons.mark_read(user.id, lesson_id, now)
            reviews.review_card(user, syllabus, next(iter(syllabus.cards)), 3, now)
            if read > 2:
                quiz = attempts.start_attempt(user, syllabus, "quick-quiz", now, random.Random(n))
                attempts.submit(quiz, now)


def _names(page) -> list[str]:
    return page.locator("table tbody tr td:first-child").all_inner_texts()


def _download(page, link_text: str):
    with page.expect_download() as info:
        page.click(f"main a:text-is('{link_text}')")
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read Chinese
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_hr_sorts_filters_and_exports_a_cohort(live_server, page):
    base_url, app = live_server
    _seed(app)
    sign_in(page, base_url, "hr@example.com", DEFAULT_PASSWORD)

    page.click("nav >> text=班级")
    page.wait_for_url(f"{base_url}/hr/cohorts")
    listed = page.locator("table tbody tr", has_text="一班")
    assert listed.locator("td").nth(3).inner_text() == "4"  # its size
    assert page.locator("table tbody tr", has_text="二班").locator("td").nth(3).inner_text() == "0"
    listed.locator("a", has_text="一班").click()
    page.wait_for_url("**/hr/cohorts/*")
    assert page.inner_text("h1") == "一班"
    assert _names(page) == BY_NAME

    # Sort by lessons read, ascending, then descending: the rows follow.
    page.click("th a:text-is('已读课程')")
    page.wait_for_url("**sort=lessons**")
    assert "dir=asc" in page.url
    assert _names(page) == BY_LESSONS
    page.click("th a:text-is('已读课程')")
    page.wait_for_url("**dir=desc**")
    assert _names(page) == BY_LESSONS[::-1]
    lessons_column = page.locator("table tbody tr td:nth-child(4)").all_inner_texts()
    assert lessons_column == ["4", "3", "2", "1"]

    # Both exports hold the table as shown: every candidate, in the same order.
    name, data = _download(page, "CSV")
    assert name == "一班.csv"
    rows = _csv(data)
    assert rows[0][:5] == ["姓名", "邮箱", "状态", "最近学习", "已读课程"]
    assert [row[0] for row in rows[1:]] == BY_LESSONS[::-1]
    assert [row[4] for row in rows[1:]] == ["4", "3", "2", "1"]
    name, data = _download(page, "Excel")
    assert name == "一班.xlsx"
    sheet = load_workbook(io.BytesIO(data)).active
    table = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in table[1:]] == BY_LESSONS[::-1]
    assert [row[9] for row in table[1:]] == [1, 1, 0, 0]  # quizzes taken, as numbers

    # Filter by name: one row is left, the sort is kept, and the export follows the filter.
    page.fill("input[name=q]", "学员乙")
    page.click("main form.search button[type=submit]")
    page.wait_for_url("**q=**")
    assert "sort=lessons" in page.url and "dir=desc" in page.url
    assert _names(page) == ["学员乙"]
    _name, data = _download(page, "CSV")
    assert [row[0] for row in _csv(data)[1:]] == ["学员乙"]

    # Open the candidate from the filtered table.
    page.click("table tbody a:text-is('学员乙')")
    page.wait_for_url("**/candidates/*")
    assert "学员乙" in page.inner_text("h1")
