"""One organisation with every role and a candidate who has studied: the pages each role
opens, for the phone-layout and accessibility walks."""

from __future__ import annotations

import random
from pathlib import Path

from studyapp.cards import reviews
from studyapp.exams import attempts, practice, wrongbook
from studyapp.lessons import services as lessons
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from tests.e2e.conftest import sign_in
from tests.factories import DEFAULT_PASSWORD, gen_cohort, gen_organisation, gen_user

SHOTS = Path(__file__).resolve().parent / "screenshots"
BANK = "// 本机构题库\n处理客户投诉的第一步是？{=倾听并确认问题 ~立即退款 ~转给上级 ~解释公司规定 ####先倾听。}\n"


def seed(app) -> dict:
    """Rows behind every page of the walk; returns the ids its URLs need."""
    with app.app_context():
        syllabus, now = current_syllabus(), utcnow()
        organisation = gen_organisation("培训中心")
        cohort = gen_cohort(organisation, "客服管理师二级冲刺班")
        for role in ("hr", "trainer", "admin"):
            gen_user(
                role=role,
                email=f"{role}@example.com",
                name=f"{role}用户",
                organisation=organisation,
            )
        candidate = gen_user(email="candidate@example.com", name="学员甲", cohort=cohort)
        gen_user(email="other@example.com", name="学员乙", cohort=cohort)
        lesson = syllabus.active_lessons()[0]
        lessons.mark_read(candidate.id, lesson.id, now)
        card_id = next(iter(syllabus.cards))
        reviews.review_card(candidate, syllabus, card_id, 3, now)
        quiz = attempts.start_attempt(candidate, syllabus, "quick-quiz", now, random.Random(1))
        attempts.submit(quiz, now)  # nothing answered: every question in the wrong-answer book
        question = syllabus.questions_of(lesson.chapter)[0]
        _mistakes(candidate.id, syllabus, now)
        wrongbook.toggle_bookmark(candidate.id, "question", question.id)
        wrongbook.toggle_bookmark(candidate.id, "card", card_id)
        return {
            "cohort": cohort.id, "candidate": candidate.id, "organisation": organisation.id,
            "chapter": lesson.chapter, "lesson": lesson.id, "attempt": quiz.id,
        }  # fmt: skip


def _mistakes(user_id: int, syllabus, now) -> None:
    """Wrong practice answers in two chapters, single choice and true/false: the book's
    groups and types."""
    for chapter in syllabus.chapter_list()[:2]:
        questions = syllabus.questions_of(chapter.id)
        singles = [q for q in questions if q.type == "single"][:2]
        judges = [q for q in questions if q.type == "judge"][:2]
        for q in singles:
            practice.answer(user_id, syllabus, q.id, "B" if 0 in q.keys else "A", "chapter", now)
        for q in judges:
            practice.answer(user_id, syllabus, q.id, not q.answer, "chapter", now)


def pages(ids: dict) -> dict[str, list[str]]:
    """Each role's main pages (paths)."""
    cohort, candidate = ids["cohort"], ids["candidate"]
    return {
        "candidate": [
            "/", "/course", f"/chapters/{ids['chapter']}", f"/lessons/{ids['lesson']}",
            "/search?q=客户", "/cards/", "/cards/stats", "/cards/settings", "/practice/",
            f"/practice/chapter/{ids['chapter']}?i=0", "/exams", f"/attempts/{ids['attempt']}/result",
            "/practice/wrong-book", "/practice/bookmarks", "/account/security",
        ],
        "hr": [
            "/hr/cohorts", f"/hr/cohorts/{cohort}", f"/hr/cohorts/{cohort}/candidates/{candidate}",
            f"/hr/cohorts/{cohort}/settings",
        ],
        "trainer": [
            "/trainer/content", "/trainer/import", "/trainer/analysis/",
            "/trainer/analysis/quick-quiz", "/trainer/bank",
        ],
        "admin": [
            "/admin/organisations", f"/admin/organisations/{ids['organisation']}", "/admin/users",
        ],
    }  # fmt: skip


def sign_in_as(page, base_url: str, role: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base_url, f"{role}@example.com", DEFAULT_PASSWORD)


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
