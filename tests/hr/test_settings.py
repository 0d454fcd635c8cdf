"""Cohort settings: name, exam date, target paper, and the invite code."""

from datetime import date

from studyapp.extensions import db
from studyapp.models import Cohort
from tests.conftest import csrf_token
from tests.factories import gen_cohort


def _post(client, url, **data):
    data["csrf_token"] = csrf_token(client, url if url.endswith("settings") else "/auth/password")
    return client.post(url, data=data)


def test_settings_save_name_exam_date_and_target_paper(client, auth, hr_world):
    cohort = hr_world["cohort"]
    auth.login("hr@example.com")
    url = f"/hr/cohorts/{cohort.id}/settings"
    page = client.get(url).get_data(as_text=True)
    assert 'value="一班"' in page and "20 题快速小测" in page
    assert "章节练习" not in page  # only mock exams and quizzes are targets
    response = _post(
        client, url, name=" 二班 ", exam_date="2026-09-12", target_blueprint="quick-quiz"
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Cohort, cohort.id)
    assert (saved.name, saved.exam_date, saved.target_blueprint) == (
        "二班",
        date(2026, 9, 12),
        "quick-quiz",
    )
    _post(client, url, name="二班", exam_date="", target_blueprint="")
    db.session.expire_all()
    saved = db.session.get(Cohort, cohort.id)
    assert (saved.exam_date, saved.target_blueprint) == (None, None)


def test_a_name_taken_in_the_organisation_or_an_unknown_paper_is_refused(client, auth, hr_world):
    cohort = hr_world["cohort"]
    gen_cohort(hr_world["organisation"], "二班")
    auth.login("hr@example.com")
    url = f"/hr/cohorts/{cohort.id}/settings"
    page = _post(client, url, name="二班", target_blueprint="").get_data(as_text=True)
    assert "本机构已有同名班级。" in page
    response = _post(client, url, name="三班", target_blueprint="practice-career")
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Cohort, cohort.id).name == "一班"


def test_invite_code_can_be_rotated_disabled_and_enabled(client, auth, hr_world):
    cohort = hr_world["cohort"]
    old_code = cohort.invite_code
    auth.login("hr@example.com")
    url = f"/hr/cohorts/{cohort.id}/invite"
    response = _post(client, url, action="rotate")
    assert response.status_code == 302
    db.session.expire_all()
    rotated = db.session.get(Cohort, cohort.id).invite_code
    assert rotated != old_code and len(rotated) == 8
    _post(client, url, action="disable")
    db.session.expire_all()
    assert db.session.get(Cohort, cohort.id).invite_enabled is False
    page = client.get(f"/hr/cohorts/{cohort.id}/settings").get_data(as_text=True)
    assert "邀请码已停用" in page and rotated not in page
    _post(client, url, action="enable")
    db.session.expire_all()
    assert db.session.get(Cohort, cohort.id).invite_enabled is True
    _post(client, url, action="delete-everything")
    db.session.expire_all()
    assert db.session.get(Cohort, cohort.id).invite_code == rotated
