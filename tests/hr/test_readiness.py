"""The readiness prediction read from the database, its cache, and the candidate's home panel."""

import random
import re
from datetime import UTC, datetime, timedelta

import pytest

from studyapp.cards import reviews
from studyapp.exams import answers, attempts, practice
from studyapp.extensions import db
from studyapp.hr import readiness
from studyapp.models import CandidateStats
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from tests.factories import gen_cohort, gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS

NOW = datetime(2026, 4, 1, 2, tzinfo=UTC)


def _key(snapshot):
    if snapshot["type"] == "judge":
        return snapshot["judge_answer"]
    letters = ["ABCDEFGH"[i] for i in snapshot["keys"]]
    return letters[0] if snapshot["type"] == "single" else letters


def _practise(user_id, question_ids, right: bool, at):
    syllabus = current_syllabus()
    for question_id in question_ids:
        snapshot = practice.practice_snapshot(syllabus.questions[question_id]).to_json()
        answer = _key(snapshot)
        if not right:
            answer = (
                (not answer) if snapshot["type"] == "judge" else ("A" if answer != "A" else "B")
            )
            if snapshot["type"] == "multiple":
                answer = ["A"] if _key(snapshot) != ["A"] else ["B"]
        practice.answer(user_id, syllabus, question_id, answer, "chapter", at)


def _questions(count=30):
    return [q.id for q in current_syllabus().questions.values() if q.type != "short"][:count]


def test_evidence_reads_cards_practice_and_submitted_attempts_only(app):
    syllabus = current_syllabus()
    user = gen_user()
    card_ids = list(syllabus.cards)[:2]
    for card_id in card_ids:
        reviews.review_card(user, syllabus, card_id, 3, NOW)
    _practise(user.id, _questions(1), True, NOW)
    attempt = attempts.start_attempt(user, syllabus, "quick-quiz", NOW, random.Random(3))
    for item in attempt.items:
        answers.save_answer(attempt.user_id, attempt.id, item.question_id, _key(item.snapshot), NOW)
    attempts.submit(attempt, NOW + timedelta(minutes=10))
    attempts.start_attempt(user, syllabus, "mock-theory", NOW, random.Random(4))  # still open

    evidence = readiness.card_evidence(user.id, syllabus, NOW + timedelta(days=1))
    assert sorted(c.card_id for c in evidence) == sorted(card_ids)
    assert all(0 < c.retrievability < 1 for c in evidence)
    evidence_of_answers = readiness.answer_evidence(user.id, syllabus)
    assert len(evidence_of_answers) == 1 + 20
    for answer in evidence_of_answers:
        question = syllabus.questions[answer.question_id]
        assert (answer.lesson, answer.question_type, answer.fraction) == (
            question.lesson,
            question.type,
            1.0,
        )
    assert {a.answered_at for a in evidence_of_answers[1:]} == {NOW + timedelta(minutes=10)}


def test_no_evidence_gives_the_low_prediction_of_a_newcomer(app):
    syllabus = current_syllabus()
    blueprint = syllabus.blueprints["mock-theory"]
    result = readiness.predict_summary(gen_user().id, syllabus, blueprint, NOW)
    assert result["total"]["mean"] < 0.5 * result["total"]["max"]
    assert result["pass_probability"] < 0.05 and result["below_pass_mark"] is True
    assert len(result["weakest"]) == 3


def test_right_answers_raise_the_prediction_and_wrong_ones_lower_it(app):
    syllabus = current_syllabus()
    blueprint = syllabus.blueprints["mock-theory"]
    strong, weak = gen_user(), gen_user()
    _practise(strong.id, _questions(), True, NOW)
    _practise(weak.id, _questions(), False, NOW)
    baseline = readiness.empty_summary(syllabus, blueprint, NOW)
    high = readiness.predict_summary(strong.id, syllabus, blueprint, NOW)
    low = readiness.predict_summary(weak.id, syllabus, blueprint, NOW)
    assert low["total"]["mean"] < baseline["total"]["mean"] < high["total"]["mean"]
    assert low["pass_probability"] <= baseline["pass_probability"] <= high["pass_probability"]


def test_the_cohort_target_is_the_paper_predicted(app):
    syllabus = current_syllabus()
    cohort = gen_cohort()
    assert readiness.target_blueprint(syllabus, cohort).id == "mock-theory"
    cohort.target_blueprint = "quick-quiz"
    assert readiness.target_blueprint(syllabus, cohort).id == "quick-quiz"
    cohort.target_blueprint = "no-such-paper"
    assert readiness.target_blueprint(syllabus, cohort).id == "mock-theory"
    assert readiness.target_blueprint(syllabus, None).id == "mock-theory"


def test_the_summary_is_cached_until_a_write_or_the_next_study_day(app, monkeypatch):
    syllabus = current_syllabus()
    blueprint = syllabus.blueprints["mock-theory"]
    user = gen_user()
    now = utcnow()
    _practise(user.id, _questions(5), True, now)
    first = readiness.current_summary(user.id, syllabus, blueprint, now)
    row = db.session.get(CandidateStats, user.id)
    assert row.prediction_stale is False and row.pass_probability == first["pass_probability"]
    assert row.predicted_score == pytest.approx(
        100 * first["total"]["mean"] / first["total"]["max"]
    )
    assert readiness.is_fresh(row, blueprint, now)
    assert not readiness.is_fresh(row, blueprint, now + timedelta(days=1))
    assert not readiness.is_fresh(row, syllabus.blueprints["quick-quiz"], now)

    def must_not_run(*args, **kwargs):
        raise AssertionError("a fresh cached prediction was recomputed")

    monkeypatch.setattr(readiness, "predict", must_not_run)
    assert readiness.current_summary(user.id, syllabus, blueprint, now) == first
    monkeypatch.undo()
    _practise(user.id, _questions(10)[5:], True, now)
    db.session.expire_all()
    assert db.session.get(CandidateStats, user.id).prediction_stale is True
    second = readiness.current_summary(user.id, syllabus, blueprint, now)
    assert second["total"]["mean"] > first["total"]["mean"]


def test_the_candidate_home_page_shows_readiness_and_what_to_practise(client, auth):
    cohort = gen_cohort()
    user = gen_user(email="c@example.com", cohort=cohort)
    _practise(user.id, _questions(40), True, utcnow())
    auth.login("c@example.com")
    page = client.get("/").get_data(as_text=True)
    assert "考试准备度" in page and "如果今天参加“理论知识模拟试卷（二级）”" in page
    cached = db.session.get(CandidateStats, user.id).prediction
    percent = round(cached["pass_probability"] * 100)
    assert f"通过概率 {percent}%" in page and "证据不足" not in page
    total = cached["total"]
    assert f"预计 {round(total['low'])}–{round(total['high'])} 分" in page  # a range first
    syllabus = current_syllabus()
    for topic in cached["weakest"]:
        lesson = syllabus.lessons[topic["lesson"]]
        assert f'href="/lessons/{lesson.id}"' in page
        assert f'href="/practice/chapter/{lesson.chapter}"' in page
    assert page.count("掌握程度约") == 3


def test_without_enough_evidence_readiness_says_so_and_claims_no_score(client, auth):
    """A new candidate once saw "预计 79 分 · 通过概率 0%" with nothing behind it."""
    user = gen_user(email="c@example.com", cohort=gen_cohort())
    auth.login("c@example.com")
    page = client.get("/").get_data(as_text=True)
    assert "证据不足" in page and "答满 30 道题后" in page and "目前 0 道" in page
    assert "· 通过概率" not in page
    assert "最可能" not in page and "掌握程度约" not in page
    _practise(user.id, _questions(8), True, utcnow())
    page = client.get("/").get_data(as_text=True)
    assert "证据不足" in page and "目前 8 道" in page and "· 通过概率" not in page
    assert "成绩可能在" in page  # the range, wide, is still shown


def test_staff_without_a_cohort_see_no_readiness_panel(client, auth):
    gen_user(role="hr", email="hr@example.com")
    auth.login("hr@example.com")
    assert "考试准备度" not in client.get("/").get_data(as_text=True)


def test_the_home_page_says_what_fifteen_more_minutes_would_do(client, auth):
    from studyapp.models import StudySettings

    cohort = gen_cohort(exam_date=(utcnow() + timedelta(days=30)).date())
    user = gen_user(email="c@example.com", cohort=cohort)
    db.session.add(StudySettings(user_id=user.id, minutes_per_day=10))
    db.session.commit()
    _practise(user.id, _questions(40), True, utcnow())
    auth.login("c@example.com")
    page = client.get("/").get_data(as_text=True)
    found = re.search(
        r"如果每天学习 25 分钟（现在 10 分钟）：考试当天的通过概率从 (\d+)% 提高到 (\d+)%", page
    )
    assert found and int(found.group(2)) >= int(found.group(1))
    cached = db.session.get(CandidateStats, user.id).prediction["what_if"]
    assert cached["minutes"] == 10 and cached["after"] > cached["before"]
