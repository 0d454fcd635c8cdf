"""HR pages: cohorts of one's own organisation, the cohort table, one candidate's progress."""

import random
import re

import pytest

from studyapp.cards import reviews
from studyapp.exams import attempts
from studyapp.extensions import db
from studyapp.hr import views
from studyapp.models import CandidateStats
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from tests.conftest import csrf_token
from tests.factories import gen_cohort, gen_organisation, gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS


def test_staff_see_only_their_organisations_cohorts(client, auth):
    home, other = gen_organisation("本机构"), gen_organisation("别的机构")
    mine = gen_cohort(home, "我的班")
    theirs = gen_cohort(other, "别人的班")
    gen_user(email="s@example.com", name="学员甲", cohort=mine)
    gen_user(role="hr", email="hr@example.com", organisation=home)
    auth.login("hr@example.com")

    page = client.get("/hr/cohorts").get_data(as_text=True)
    assert "我的班" in page and "别人的班" not in page
    detail = client.get(f"/hr/cohorts/{mine.id}")
    assert detail.status_code == 200 and "学员甲" in detail.get_data(as_text=True)
    assert client.get(f"/hr/cohorts/{theirs.id}").status_code == 404
    assert client.get("/hr/cohorts/99999").status_code == 404


def test_admin_sees_every_cohort(client, auth):
    gen_cohort(gen_organisation(), "甲班")
    gen_cohort(gen_organisation(), "乙班")
    gen_user(role="admin", email="root@example.com")
    auth.login("root@example.com")
    page = client.get("/hr/cohorts").get_data(as_text=True)
    assert "甲班" in page and "乙班" in page


def _names(page: str) -> list[str]:
    return re.findall(r'/candidates/\d+">(学员.)</a>', page)


def test_the_cohort_table_shows_status_and_plain_reasons(client, auth, hr_world):
    auth.login("hr@example.com")
    page = client.get(f"/hr/cohorts/{hr_world['cohort'].id}").get_data(as_text=True)
    assert _names(page) == ["学员丁", "学员丙", "学员乙", "学员戊", "学员甲"]  # by name
    assert "共 5 人，其中 4 人有风险。" in page
    assert "已 10 天没有学习" in page
    assert "距考试 20 天，预计通过概率仅 30%" in page
    assert "最近一次模考比上一次低 20 分（百分制）" in page
    # The newcomer has no evidence: predicted like anyone who has not studied, far below.
    assert "距考试 20 天，预计通过概率仅 0%" in page
    assert ">已准备好<" in page and ">未开始<" in page and ">学习中<" in page
    assert "90%" in page  # 甲's true retention, 45 of 50 mature reviews


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=ready", ["学员甲"]),
        ("status=not_started", ["学员戊"]),
        ("status=in_progress", ["学员丁", "学员丙", "学员乙"]),
        ("risk=at_risk", ["学员丁", "学员丙", "学员乙", "学员戊"]),
        ("risk=on_track", ["学员甲"]),
        ("risk=inactive", ["学员乙"]),
        ("risk=low_prediction", ["学员丙", "学员戊"]),
        ("risk=falling_scores", ["学员丁"]),
        ("q=t1%40example", ["学员乙"]),
        ("sort=pass&dir=desc", ["学员甲", "学员丁", "学员乙", "学员丙", "学员戊"]),
        ("sort=best&dir=desc", ["学员丁", "学员甲", "学员丙", "学员乙", "学员戊"]),  # none last
        ("sort=lessons", ["学员丁", "学员戊", "学员乙", "学员丙", "学员甲"]),
        ("sort=risk&dir=desc", ["学员丁", "学员丙", "学员乙", "学员戊", "学员甲"]),  # ties by name
    ],
)
def test_the_table_filters_and_sorts_on_the_server(client, auth, hr_world, query, expected):
    auth.login("hr@example.com")
    page = client.get(f"/hr/cohorts/{hr_world['cohort'].id}?{query}").get_data(as_text=True)
    assert _names(page) == expected


def test_a_large_cohort_is_shown_a_page_at_a_time(client, auth, hr_world, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    auth.login("hr@example.com")
    url = f"/hr/cohorts/{hr_world['cohort'].id}?sort=pass&dir=desc"
    first = client.get(url).get_data(as_text=True)
    assert _names(first) == ["学员甲", "学员丁"] and "第 1 / 3 页，共 5 人" in first
    assert "sort=pass" in first and "page=3" in first  # page links keep the order
    assert _names(client.get(f"{url}&page=3").get_data(as_text=True)) == ["学员戊"]
    assert _names(client.get(f"{url}&page=99").get_data(as_text=True)) == ["学员戊"]
    assert "共 5 人，其中 4 人有风险。" in first  # the counts cover every page


def test_the_cohort_list_shows_size_exam_date_and_share_at_risk(client, auth, hr_world):
    auth.login("hr@example.com")
    page = client.get("/hr/cohorts").get_data(as_text=True)
    assert hr_world["cohort"].exam_date.isoformat() in page
    assert "4（80%）" in page


def test_studying_updates_the_table_and_refreshes_the_prediction(client, auth, hr_world):
    candidate = hr_world["candidates"]["戊"]
    syllabus = current_syllabus()
    now = utcnow()
    for card_id in list(syllabus.cards)[:5]:
        reviews.review_card(candidate, syllabus, card_id, 3, now)
    auth.login("hr@example.com")
    page = client.get(f"/hr/cohorts/{hr_world['cohort'].id}?q=t4%40").get_data(as_text=True)
    cells = re.findall(r"<td>(\d+)</td>", page)
    assert cells[:4] == ["0", "5", "0", "5"]  # lessons, cards learned, mature; 5 reviews in 7 days
    assert ">学习中<" in page
    row = db.session.get(CandidateStats, candidate.id)
    assert row.prediction_stale is False and row.predicted_at is not None  # refreshed in budget
    page = client.get(f"/hr/cohorts/{hr_world['cohort'].id}/candidates/{candidate.id}")
    weeks = re.findall(r'<td class="nowrap">[\d-]+</td><td>(\d+)</td>', page.get_data(as_text=True))
    assert weeks[0] == "5" and set(weeks[1:]) == {"0"}  # this week first: five reviews


def test_the_candidate_page_shows_progress_but_never_answers(client, auth, hr_world):
    candidate = hr_world["candidates"]["甲"]
    syllabus = current_syllabus()
    attempt = attempts.start_attempt(candidate, syllabus, "quick-quiz", utcnow(), random.Random(2))
    first = attempt.items[0]
    attempts.submit(attempt, utcnow())
    auth.login("hr@example.com")
    url = f"/hr/cohorts/{hr_world['cohort'].id}/candidates/{candidate.id}"
    page = client.get(url).get_data(as_text=True)
    assert "学员甲" in page and "学习活动（每周）" in page and "成绩走势" in page
    assert "各章掌握程度" in page and "20 题快速小测" in page
    assert page.count("<table") == 3  # one table beside each chart
    assert syllabus.questions[first.question_id].stem not in page
    assert "/attempts/" not in page  # no link to the review of the paper


def test_other_organisations_and_non_members_look_missing(client, auth, hr_world):
    cohort, candidate = hr_world["cohort"], hr_world["candidates"]["甲"]
    other = gen_organisation("别的机构")
    gen_user(role="hr", email="other@example.com", organisation=other)
    auth.login("other@example.com")
    token = csrf_token(client, "/auth/password")
    base = f"/hr/cohorts/{cohort.id}"
    for url in (base, f"{base}/candidates/{candidate.id}", f"{base}/export.csv",
                f"{base}/export.xlsx", f"{base}/settings"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    for url in (f"{base}/settings", f"{base}/invite"):
        assert client.post(url, data={"csrf_token": token, "action": "rotate"}).status_code == 404
    auth.logout()
    auth.login("hr@example.com")
    stranger = gen_user(email="x@example.com", cohort=gen_cohort(hr_world["organisation"]))
    assert client.get(f"{base}/candidates/{stranger.id}").status_code == 404
    assert client.get(f"{base}/candidates/{candidate.id}").status_code == 200


def test_candidates_cannot_open_hr_pages(client, auth, hr_world):
    auth.login("t0@example.com")
    assert client.get(f"/hr/cohorts/{hr_world['cohort'].id}").status_code == 403


def test_the_cohort_page_gives_the_expected_pass_rate_and_who_gains_most(client, auth, hr_world):
    from studyapp.domain.readiness.cohort import gain_from_study, pass_rate
    from studyapp.hr import dashboard
    from studyapp.models.types import utcnow
    from studyapp.syllabus import current_syllabus

    auth.login("hr@example.com")
    page = client.get(f"/hr/cohorts/{hr_world['cohort'].id}").get_data(as_text=True)
    rows = dashboard.cohort_table(hr_world["cohort"], current_syllabus(), utcnow())
    predicted = [row for row in rows if row.prediction]
    rate = pass_rate([row.prediction.pass_probability for row in predicted])
    assert (
        f"预计通过率：{round(rate.expected * 100)}%（八成把握在 {round(rate.low * 100)}%–"
        f"{round(rate.high * 100)}% 之间），按 {len(predicted)} 人今天的通过概率推算。"
    ) in page
    gains = {
        row.name: gain_from_study(row.prediction.score, row.prediction.low, row.prediction.high)
        for row in predicted
    }
    named = re.findall(r"<strong>(学员.)</strong>", page)
    assert named == sorted((n for n in gains if gains[n] >= 0.05), key=lambda n: -gains[n])[:5]
