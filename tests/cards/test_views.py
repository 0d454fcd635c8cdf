"""The review, statistics and settings pages, and the home page's card panel and sprint."""

from datetime import date

import pytest
from freezegun import freeze_time

from studyapp.extensions import db
from tests.conftest import csrf_token
from tests.content_fixtures import write_course
from tests.factories import gen_cohort, gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS


@pytest.fixture
def content_dir(tmp_path):
    return write_course(tmp_path / "content")


def test_review_page_carries_what_the_script_needs(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    page = client.get("/cards/").get_data(as_text=True)
    assert 'data-due-url="/api/v1/cards/due?mode=due"' in page
    assert 'src="/static/js/review.js"' in page
    assert 'class="count-new" title="新卡片">3<' in page


def test_settings_are_validated_and_saved(client, auth):
    user = gen_user(email="c@example.com")
    auth.login("c@example.com")
    token = csrf_token(client, "/cards/settings")
    bad = client.post("/cards/settings", data={"desired_retention": "0.5", "new_per_day": "20",
                                               "max_reviews_per_day": "200", "csrf_token": token})  # fmt: skip
    assert bad.status_code == 400 and "70 到 97 之间的百分数" in bad.get_data(as_text=True)
    good = client.post("/cards/settings", data={"desired_retention": "0.85", "new_per_day": "15",
                                                "max_reviews_per_day": "100", "exam_date": "2027-01-20",
                                                "csrf_token": token})  # fmt: skip
    assert good.status_code == 302
    from studyapp.cards.services import context_for

    db.session.expire_all()
    context = context_for(user)
    assert context.exam_date == date(2027, 1, 20) and context.settings.new_per_day == 15


def test_stats_page_shows_charts_with_tables(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    page = client.get("/cards/stats").get_data(as_text=True)
    assert "每日复习量" in page and "未来 30 天到期" in page and "<table>" in page
    assert "基础" in page  # mastery per chapter


def test_home_shows_todays_cards_and_the_sprint_near_the_exam(client, auth):
    cohort = gen_cohort(exam_date=date(2026, 6, 20))
    gen_user(email="c@example.com", cohort=cohort)
    with freeze_time("2026-05-01 02:00:00"):
        auth.login("c@example.com")
        page = client.get("/").get_data(as_text=True)
        assert "今天的卡片" in page and "考前冲刺" not in page
    with freeze_time("2026-06-10 02:00:00"):
        auth.login("c@example.com")
        page = client.get("/").get_data(as_text=True)
        assert "考前冲刺：距考试还有 10 天" in page
        assert 'href="/cards/?mode=sprint"' in page
        sprint = client.get("/api/v1/cards/due?mode=sprint").get_json()
        assert [card["kind"] for card in sprint["cards"]] == ["sprint"] * 3


def test_the_review_page_passes_extra_new_cards_to_its_script(client, auth):
    gen_user(email="c@example.com")
    auth.login("c@example.com")
    page = client.get("/cards/").get_data(as_text=True)
    assert 'href="/cards/?extra=10"' in page and "再学 10 张新卡片" in page
    page = client.get("/cards/?extra=10").get_data(as_text=True)
    assert 'data-due-url="/api/v1/cards/due?mode=due&amp;extra=10"' in page
    assert 'href="/cards/?extra=20"' in page
