"""Staff see and change only their own organisation; exports hold its candidates, never answers.

tests/hr covers HR's own pages answering 404 to another organisation and the bearer-token API;
this adds the session API, trainers, writes that must change nothing, a candidate of another
organisation under one's own cohort, staff without an organisation, the contents of the exports
when two organisations are busy, and regrading across organisations.
"""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from studyapp.auth import services as accounts
from studyapp.cards import reviews
from studyapp.exams import answers, attempts, practice
from studyapp.extensions import db
from studyapp.models import Attempt, Cohort, Regrade
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from tests.conftest import csrf_token
from tests.factories import gen_cohort, gen_organisation, gen_user

SECRET = "甲学员的简答原文QQ"


def _busy(user, seed: int) -> Attempt:
    """A submitted short-answer paper with written text, a practice answer and a card review."""
    syllabus, now = current_syllabus(), utcnow()
    attempt = attempts.start_attempt(user, syllabus, "skills-short", now, random.Random(seed))
    answers.save_answer(
        attempt.user_id, attempt.id, attempt.items[0].question_id, f"{SECRET}{user.id}", now
    )
    question = next(q for q in syllabus.questions.values() if q.type == "single")
    practice.answer(user.id, syllabus, question.id, "A", "chapter", now)
    reviews.review_card(user, syllabus, next(iter(syllabus.cards)), 3, now)
    return attempts.submit(attempt, now)


@pytest.fixture
def orgs(app):
    """Organisations 甲 and 乙, each with a cohort of active candidates, an HR user and a trainer."""
    world = {}
    for key, label in (("x", "甲"), ("y", "乙")):
        organisation = gen_organisation(f"{label}机构")
        cohort = gen_cohort(organisation, f"{label}一班")
        candidates = [
            gen_user(email=f"{key}{n}@example.com", name=f"{label}学员{n}", cohort=cohort)
            for n in (1, 2)
        ]
        for role in ("hr", "trainer"):
            gen_user(role=role, email=f"{role}-{key}@example.com", organisation=organisation)
        world[key] = {"cohort": cohort, "candidates": candidates,
                      "attempt": _busy(candidates[0], seed=len(world))}  # fmt: skip
    return world


@pytest.mark.parametrize("role", ["hr", "trainer"])
def test_outside_staff_get_404_and_their_writes_change_nothing(client, auth, orgs, role):
    cohort, candidate = orgs["x"]["cohort"], orgs["x"]["candidates"][0]
    name, code = cohort.name, cohort.invite_code
    auth.login(f"{role}-y@example.com")
    token = csrf_token(client, "/auth/password")
    base = f"/hr/cohorts/{cohort.id}"
    pages = [base, f"{base}/candidates/{candidate.id}", f"{base}/settings", f"{base}/export.csv",
             f"{base}/export.xlsx", f"/api/v1/cohorts/{cohort.id}/progress"]  # fmt: skip
    for url in pages:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "甲学员" not in response.get_data(as_text=True)
    settings = {"name": "被改名", "exam_date": "2030-01-01", "target_blueprint": "",
                "csrf_token": token}  # fmt: skip
    assert client.post(f"{base}/settings", data=settings).status_code == 404
    for action in ("rotate", "disable"):
        form = {"action": action, "csrf_token": token}
        assert client.post(f"{base}/invite", data=form).status_code == 404
    db.session.expire_all()
    stored = db.session.get(Cohort, cohort.id)
    assert (stored.name, stored.invite_code, stored.invite_enabled, stored.exam_date) == (
        name, code, True, None,
    )  # fmt: skip
    # Their own cohort still answers: the 404s above are about whose cohort it is.
    own = orgs["y"]["cohort"]
    assert client.get(f"/api/v1/cohorts/{own.id}/progress").status_code == 200


def test_another_organisations_candidate_is_not_reachable_through_ones_own_cohort(
    client, auth, orgs
):
    auth.login("hr-x@example.com")
    own, stranger = orgs["x"]["cohort"], orgs["y"]["candidates"][0]
    response = client.get(f"/hr/cohorts/{own.id}/candidates/{stranger.id}")
    assert response.status_code == 404
    assert "乙学员" not in response.get_data(as_text=True)
    member = orgs["x"]["candidates"][0]
    assert client.get(f"/hr/cohorts/{own.id}/candidates/{member.id}").status_code == 200


def _forbidden_text(orgs) -> list[str]:
    """What must never be in organisation 甲's exports: 乙's people, and anyone's answers."""
    texts = [SECRET, "乙学员", "y1@example.com", "y2@example.com", "乙一班"]
    for key in ("x", "y"):
        for item in orgs[key]["attempt"].items:
            texts += [item.snapshot["stem"], item.snapshot["model_answer"]]
    return [text for text in texts if text]


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def _xlsx_rows(response) -> list[list]:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("role", ["hr", "trainer"])
def test_exports_and_api_hold_only_own_candidates_and_no_answers(client, auth, orgs, role):
    auth.login(f"{role}-x@example.com")
    cohort = orgs["x"]["cohort"]
    base = f"/hr/cohorts/{cohort.id}/export"
    forbidden = _forbidden_text(orgs)
    for rows in (_csv_rows(client.get(f"{base}.csv")), _xlsx_rows(client.get(f"{base}.xlsx"))):
        assert not any("答" in str(heading) for heading in rows[0])  # no answer column
        assert sorted(row[0] for row in rows[1:]) == ["甲学员1", "甲学员2"]
        assert sorted(row[1] for row in rows[1:]) == ["x1@example.com", "x2@example.com"]
        cells = " ".join(str(cell) for row in rows for cell in row)
        assert [text for text in forbidden if text in cells] == []
    # The busy candidate's activity is in the export: it is progress, just not the answers.
    busy = next(row for row in _csv_rows(client.get(f"{base}.csv"))[1:] if row[0] == "甲学员1")
    assert busy[3] != "" and busy[5] == "1"  # active lately, one card learned
    # Searching for the other organisation's candidate finds nobody, in the page and the files.
    assert _csv_rows(client.get(f"{base}.csv?q=乙学员"))[1:] == []
    assert _xlsx_rows(client.get(f"{base}.xlsx?q=y1%40example.com"))[1:] == []
    body = client.get(f"/api/v1/cohorts/{cohort.id}/progress").get_json()
    assert sorted(t["name"] for t in body["candidates"]) == ["甲学员1", "甲学员2"]
    dumped = json.dumps(body, ensure_ascii=False)
    assert [text for text in forbidden if text in dumped] == []


def test_staff_without_an_organisation_see_no_cohort(client, auth, orgs):
    accounts.create_user("loose@example.com", "无机构人事", "secret-pass-1", "hr", None)
    db.session.commit()
    auth.login("loose@example.com")
    page = client.get("/hr/cohorts").get_data(as_text=True)
    assert "还没有班级" in page and "甲一班" not in page and "乙一班" not in page
    for key in ("x", "y"):
        cohort_id = orgs[key]["cohort"].id
        assert client.get(f"/hr/cohorts/{cohort_id}").status_code == 404
        assert client.get(f"/api/v1/cohorts/{cohort_id}/progress").status_code == 404


def test_a_trainer_regrades_only_their_own_organisations_attempts(client, auth, orgs):
    """Voiding a question that 甲's candidate answered: 乙's trainer changes nothing; 甲's does."""
    target = orgs["x"]["attempt"]
    question = target.items[1].question_id  # unanswered: voiding it would raise the score
    score = target.score
    url = f"/trainer/analysis/questions/{question}/regrade"
    form = {"mode": "void", "confirm": "1", "reason": "题干有误"}
    for trainer, regraded in (("trainer-y@example.com", 0), ("trainer-x@example.com", 1)):
        auth.login(trainer)
        form["csrf_token"] = csrf_token(client, "/auth/password")
        page = client.post(url, data=form, follow_redirects=True).get_data(as_text=True)
        assert f"已重新评分：{regraded} 次作答的成绩变了" in page
        assert db.session.scalar(select(func.count()).select_from(Regrade)) == regraded
        db.session.expire_all()
        changed = db.session.get(Attempt, target.id).score != score
        assert changed == bool(regraded)
        auth.logout()
