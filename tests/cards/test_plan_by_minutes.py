"""Settings: retention as a percentage, minutes per day, why new cards were raised, and one
exam date everywhere; the queue by minutes keeps to the day's time."""

from datetime import UTC, date, datetime, timedelta

import pytest
from freezegun import freeze_time

from studyapp.cards import services
from studyapp.extensions import db
from studyapp.models import ReviewLog, StudySettings
from studyapp.syllabus import current_syllabus
from tests.conftest import csrf_token
from tests.content_fixtures import write_course
from tests.factories import gen_cohort, gen_user

NOW = datetime(2026, 5, 1, 2, tzinfo=UTC)


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def _settings(client, **values):
    data = {"desired_retention": "90", "new_per_day": "1", "max_reviews_per_day": "100",
            "minutes_per_day": "", "exam_date": ""} | values  # fmt: skip
    data["csrf_token"] = csrf_token(client, "/cards/settings")
    return client.post("/cards/settings", data=data)


def test_retention_shows_as_a_percentage_and_minutes_are_saved(client, auth):
    user = gen_user(email="c@example.com")
    auth.login("c@example.com")
    page = client.get("/cards/settings").get_data(as_text=True)
    assert 'value="90"' in page and "0.90" not in page and "目标记忆保持率（%）" in page
    saved = _settings(client, desired_retention="85", minutes_per_day="25")
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/cards/settings")
    context = services.context_for(user)
    assert context.settings.desired_retention == pytest.approx(0.85)
    assert context.settings.minutes_per_day == 25
    assert _settings(client, minutes_per_day="2").status_code == 400


def test_the_settings_page_says_when_and_why_new_cards_are_raised(client, auth):
    cohort = gen_cohort(exam_date=date(2026, 5, 9))
    gen_user(email="c@example.com", cohort=cohort)
    with freeze_time(NOW):
        auth.login("c@example.com")
        _settings(client, new_per_day="1")
        quiet = client.get("/cards/settings").get_data(as_text=True)
        _settings(client, new_per_day="0")
        page = client.get("/cards/settings").get_data(as_text=True)
    assert "new-cards-raised" not in quiet  # 1 a day meets all 3 cards in time
    # 3 unseen cards, 7 whole days to the exam less the 3 lead days: 4 days, so 1 a day, not 0
    assert "计划现在每天安排 1 张新卡片，多于你设置的 0 张" in page
    assert "还有 3 张没学过，剩下 4 天" in page
    assert "正在使用班级的考试日期：2026-05-09" in page


def test_one_exam_date_everywhere_the_personal_one_labelled(client, auth):
    cohort = gen_cohort(exam_date=date(2026, 6, 20))
    gen_user(email="c@example.com", cohort=cohort)
    with freeze_time("2026-06-10 02:00:00"):
        auth.login("c@example.com")
        _settings(client, new_per_day="20", exam_date="2026-06-15")
        home = client.get("/").get_data(as_text=True)
        settings = client.get("/cards/settings").get_data(as_text=True)
        review = client.get("/cards/").get_data(as_text=True)
    assert "考试日期：2026-06-15（我自己设置的）" in home
    assert "2026-06-20" not in home  # the cohort's date is not shown beside it
    assert "考前冲刺：距考试还有 5 天" in home  # the sprint counts down to the same date
    assert "正在使用你自己设置的考试日期：2026-06-15" in settings
    assert "考试日期：2026-06-15（我自己设置的）" in review


def test_the_queue_by_minutes_keeps_to_the_time_left_today(app):
    cohort = gen_cohort(exam_date=date(2026, 5, 30))
    user = gen_user(cohort=cohort)
    db.session.add(StudySettings(user_id=user.id, minutes_per_day=1))
    db.session.commit()
    syllabus = current_syllabus()
    entries, counts, _progress, context = services.due_queue(user, syllabus, NOW)
    assert context.settings.minutes_per_day == 1
    # 60 s at the default 12 s a review, 24 s a first sighting: two new cards, not all three
    assert [e.kind for e in entries] == ["new", "new"] and counts.new == 2
    from studyapp.cards import reviews

    reviews.review_card(user, syllabus, entries[0].card_id, 3, NOW, duration_ms=50_000)
    entries, counts, _p, _c = services.due_queue(user, syllabus, NOW + timedelta(seconds=50))
    assert counts.new == 0 and counts.review == 0  # 50 of the 60 seconds are spent
    assert db.session.query(ReviewLog).count() == 1
