"""Every state-changing route refuses a request without a valid CSRF token and changes nothing.

Each (endpoint, method) that writes has a case below: who may send it, a body that would really
change something, and a probe of the state it would change. A new write route fails
``test_every_write_route_has_a_case`` until a case is added, so none is skipped silently. The same
request with the page's token must then go through and change the probed state, so a probe that
cannot see the change (or a case that is refused for another reason) is caught too.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from studyapp.domain.content.interchange import Defaults
from studyapp.exams import wrongbook
from studyapp.extensions import db
from studyapp.models import (
    AnalysisCache,
    ApiToken,
    Attempt,
    AttemptItem,
    BankRelease,
    Bookmark,
    Cohort,
    LessonRead,
    Membership,
    Organisation,
    PracticeAnswer,
    Regrade,
    ReviewLog,
    StudySettings,
    User,
    UserSession,
    WrongAnswer,
)
from studyapp.models.types import utcnow
from studyapp.syllabus import current_syllabus
from studyapp.trainer import analysis, banks
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD
from tests.security.csrf_world import World

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def value(column, *where):
    return db.session.scalar(select(column).where(*where))


def _analyses() -> int:
    """Cached analyses, once the refresh the request started in the background has written."""
    analysis.wait_for_refreshes()
    return count(AnalysisCache)


def signed_in(client) -> int:
    return client.get("/api/v1/me").status_code


@dataclass(frozen=True)
class Case:
    role: str  # "anonymous" or a World.user key
    body: Callable[[World], dict]  # called once per request: uploads are read when sent
    probe: Callable  # (world, client) -> the state the request would change
    url: Callable[[World], dict] = lambda w: {}
    json: bool = False
    changes: bool = True  # False: the route only shows something (an import preview)


def _settings(w):
    return {"name": "二班", "exam_date": "", "target_blueprint": ""}


def _practice_url(w):
    question = w.single_question
    ids = [q.id for q in current_syllabus().questions_of(question.chapter)]
    return {"mode": "chapter", "scope": question.chapter, "i": ids.index(question.id)}


def _after_a_review(w):
    assert w.reviewed_card  # the candidate has a review to undo
    return {}


def _live_sessions(w, c):
    assert w.other_session  # the candidate is signed in elsewhere too
    return count(UserSession, UserSession.revoked_at.is_(None))


def _upload(w):
    chapter = current_syllabus().chapter_list()[0].id
    bank = "新单选？{=甲 ~乙 ~丙 ~丁#正确 ####因为。}\n".encode()
    return {"chapter": chapter, "format": "", "source": "000", "lesson": "",
            "file": (io.BytesIO(bank), "bank.gift")}  # fmt: skip


CASES: dict[tuple[str, str], Case] = {
    ("account.security", "POST"): Case(
        "candidate", lambda w: {"name": "脚本", "days": ""}, lambda w, c: count(ApiToken)
    ),
    ("account.revoke_token", "POST"): Case(
        "candidate", lambda w: {},
        lambda w, c: value(ApiToken.revoked_at, ApiToken.id == w.candidate_token.id),
        lambda w: {"token_id": w.candidate_token.id},
    ),
    ("account.end_other_sessions", "POST"): Case("candidate", lambda w: {}, _live_sessions),
    ("admin.organisation_list", "POST"): Case(
        "admin", lambda w: {"name": "新机构"}, lambda w, c: count(Organisation)
    ),
    ("admin.organisation_detail", "POST"): Case(
        "admin", lambda w: {"name": "新班", "exam_date": ""},
        lambda w, c: count(Cohort), lambda w: {"organisation_id": w.organisation.id},
    ),
    ("admin.user_list", "POST"): Case(
        "admin",
        lambda w: {"name": "新人", "email": "new@example.com", "password": "long-enough-1",
                   "role": "candidate", "organisation_id": "0"},
        lambda w, c: count(User),
    ),
    ("admin.user_edit", "POST"): Case(
        "admin", lambda w: {"role": "trainer", "organisation_id": "0", "active": "y"},
        lambda w, c: value(User.role, User.id == w.candidate.id),
        lambda w: {"user_id": w.candidate.id},
    ),
    ("analysis.refresh", "POST"): Case(
        "trainer", lambda w: {}, lambda w, c: _analyses(),
        lambda w: {"blueprint_id": w.sat.blueprint_id},
    ),
    ("analysis.regrade_question", "POST"): Case(
        "trainer", lambda w: {"mode": "void", "confirm": "1", "reason": "题干有歧义"},
        lambda w, c: count(Regrade),
        lambda w: {"question_id": w.sat.items[0].question_id},
    ),
    ("api.update_me", "PATCH"): Case(
        "candidate", lambda w: {"locale": "en"},
        lambda w, c: value(User.locale, User.id == w.candidate.id), json=True,
    ),
    ("api_cards.review", "POST"): Case(
        "candidate", lambda w: {"rating": 3}, lambda w, c: count(ReviewLog),
        lambda w: {"card_id": next(iter(current_syllabus().cards))}, json=True,
    ),
    ("api_cards.undo", "POST"): Case(
        "candidate", lambda w: {}, lambda w, c: count(ReviewLog, ReviewLog.undone_at.is_not(None)),
        _after_a_review, json=True,
    ),
    ("api_exams.start", "POST"): Case(
        "candidate", lambda w: {"blueprint": "practice-career"}, lambda w, c: count(Attempt),
        json=True,
    ),
    ("api_exams.save", "PUT"): Case(
        "candidate", lambda w: {"answer": True},
        lambda w, c: value(AttemptItem.answer, AttemptItem.id == w.judge_item.id),
        lambda w: {"attempt_id": w.open_attempt.id, "question_id": w.judge_item.question_id},
        json=True,
    ),
    ("api_exams.submit", "POST"): Case(
        "candidate", lambda w: {},
        lambda w, c: value(Attempt.submitted_at, Attempt.id == w.open_attempt.id),
        lambda w: {"attempt_id": w.open_attempt.id}, json=True,
    ),
    ("auth.login", "POST"): Case(
        "anonymous",
        lambda w: {"email": w.candidate.email, "password": DEFAULT_PASSWORD},
        lambda w, c: signed_in(c),
    ),
    ("auth.logout", "POST"): Case("candidate", lambda w: {}, lambda w, c: signed_in(c)),
    ("auth.register", "POST"): Case(
        "anonymous",
        lambda w: {"name": "新考生", "email": "new@example.com", "password": "long-enough-1",
                   "confirm": "long-enough-1", "invite_code": ""},
        lambda w, c: count(User),
    ),
    ("auth.change_password", "POST"): Case(
        "candidate",
        lambda w: {"current_password": DEFAULT_PASSWORD, "new_password": "another-pass-2",
                   "confirm": "another-pass-2"},
        lambda w, c: value(User.password_hash, User.id == w.candidate.id),
    ),
    ("auth.join_cohort", "POST"): Case(
        "newbie", lambda w: {"invite_code": w.cohort.invite_code},
        lambda w, c: count(Membership, Membership.user_id == w.user("newbie").id),
    ),
    ("cards.settings", "POST"): Case(
        "candidate",
        lambda w: {"desired_retention": "0.85", "new_per_day": "7",
                   "max_reviews_per_day": "100", "exam_date": ""},
        lambda w, c: value(StudySettings.new_per_day, StudySettings.user_id == w.candidate.id),
    ),
    ("exams.start", "POST"): Case(
        "candidate", lambda w: {}, lambda w, c: count(Attempt),
        lambda w: {"blueprint_id": "practice-career"},
    ),
    ("exams.save", "POST"): Case(
        "candidate", lambda w: {f"answer-{w.judge_item.question_id}": "true"},
        lambda w, c: value(AttemptItem.answer, AttemptItem.id == w.judge_item.id),
        lambda w: {"attempt_id": w.open_attempt.id},
    ),
    ("exams.submit", "POST"): Case(
        "candidate", lambda w: {},
        lambda w, c: value(Attempt.submitted_at, Attempt.id == w.open_attempt.id),
        lambda w: {"attempt_id": w.open_attempt.id},
    ),
    ("exams.mark", "POST"): Case(
        "candidate", lambda w: {"ticked": "0"},
        lambda w, c: value(AttemptItem.ticked, AttemptItem.attempt_id == w.short.id),
        lambda w: {"attempt_id": w.short.id, "question_id": w.short.items[0].question_id},
    ),
    ("hr.cohort_settings", "POST"): Case(
        "hr", _settings, lambda w, c: value(Cohort.name, Cohort.id == w.cohort.id),
        lambda w: {"cohort_id": w.cohort.id},
    ),
    ("hr.cohort_invite", "POST"): Case(
        "hr", lambda w: {"action": "rotate"},
        lambda w, c: value(Cohort.invite_code, Cohort.id == w.cohort.id),
        lambda w: {"cohort_id": w.cohort.id},
    ),
    ("lessons.mark_read", "POST"): Case(
        "candidate", lambda w: {}, lambda w, c: count(LessonRead),
        lambda w: {"lesson_id": current_syllabus().active_lessons()[0].id},
    ),
    ("main.set_language", "POST"): Case(
        "candidate", lambda w: {"locale": "en"},
        lambda w, c: value(User.locale, User.id == w.candidate.id),
    ),
    ("practice.bookmark", "POST"): Case(
        "candidate",
        lambda w: {"kind": "question", "item_id": w.single_question.id, "next": "/practice/"},
        lambda w, c: count(Bookmark),
    ),
    ("book.remove_bookmark", "POST"): Case(
        "candidate", lambda w: {"kind": "question", "item_id": _bookmarked(w)},
        lambda w, c: count(Bookmark), lambda w: {} if _bookmarked(w) else {},  # made before
    ),
    ("book.remove_wrong", "POST"): Case(
        "candidate", lambda w: {}, lambda w, c: count(WrongAnswer),
        lambda w: {"question_id": _in_wrong_book(w)},
    ),
    ("practice.question", "POST"): Case(
        "candidate", lambda w: {"answer": "A"}, lambda w, c: count(PracticeAnswer), _practice_url
    ),
    ("trainer.import_preview", "POST"): Case(
        "trainer", _upload, lambda w, c: count(BankRelease)  # a preview is a pending release
    ),
    ("bank.publish", "POST"): Case(
        "trainer", lambda w: {}, lambda w, c: _release_status(w, "pending"),
        lambda w: {"release_id": _release(w, "pending").id},
    ),
    ("bank.rollback", "POST"): Case(
        "trainer", lambda w: {}, lambda w, c: _release_status(w, "published"),
        lambda w: {"release_id": _release(w, "published").id},
    ),
}  # fmt: skip


def _bookmarked(w) -> str:
    """A question the candidate has bookmarked, made once per world."""
    if not hasattr(w, "_bookmark"):
        wrongbook.toggle_bookmark(w.candidate.id, "question", w.single_question.id)
        w._bookmark = w.single_question.id
    return w._bookmark


def _in_wrong_book(w) -> str:
    """A question in the candidate's wrong-answer book, made once per world."""
    if not hasattr(w, "_wrong"):
        wrongbook.record_wrong(w.candidate.id, w.single_question.id, utcnow())
        db.session.commit()
        w._wrong = w.single_question.id
    return w._wrong


def _release(w, status: str) -> BankRelease:
    """A pending (or published) release of the trainer's organisation, made once per world."""
    if not hasattr(w, "_release"):
        trainer = w.user("trainer")
        chapter = current_syllabus().chapter_list()[0].id
        staged = banks.stage(trainer.organisation_id, "新单选？{=甲 ~乙 ####因为。}".encode(),
                             "bank.gift", chapter, None, Defaults("000"), False, trainer.email)  # fmt: skip
        if status == "published":
            banks.publish(trainer.organisation_id, staged.release.id, trainer.email)
        w._release = staged.release
    return w._release


def _release_status(w, status: str) -> str:
    return value(BankRelease.status, BankRelease.id == _release(w, status).id)


def write_routes(app) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods & WRITES
    }


def test_every_write_route_has_a_case(app):
    routes = write_routes(app)
    assert routes - set(CASES) == set(), "write routes with no CSRF case: add one to CASES"
    assert set(CASES) - routes == set(), "CSRF cases for routes that no longer exist"


def _send(client, method, url, case, world, token=None):
    body = case.body(world)
    if case.json:
        headers = {"X-CSRFToken": token} if token else {}
        return client.open(url, method=method, json=body, headers=headers)
    if token:
        body["csrf_token"] = token
    return client.open(url, method=method, data=body)


def _state(case, world, client):
    db.session.expire_all()  # read what the request committed, not what this session cached
    return case.probe(world, client)


@pytest.mark.parametrize("key", sorted(CASES), ids=lambda key: f"{key[0]}-{key[1]}")
def test_a_write_without_a_valid_token_is_refused_and_changes_nothing(app, client, auth, key):
    endpoint, method = key
    case, world = CASES[key], World()
    if case.role == "anonymous":
        client.get("/auth/login")  # a session with a token of its own, which the request omits
    else:
        assert auth.login(world.user(case.role).email).status_code == 302
    url = app.url_map.bind("localhost").build(endpoint, case.url(world), method=method)
    before = _state(case, world, client)
    someone_elses = csrf_token(app.test_client(), "/auth/login")

    for token in (None, "forged-token", someone_elses):
        response = _send(client, method, url, case, world, token)
        assert response.status_code == 400, (token, response.status_code)
        assert "CSRF" in response.get_data(as_text=True)
        assert response.is_json == url.startswith("/api/")
        assert _state(case, world, client) == before, f"{endpoint} changed state without a token"

    token = csrf_token(client, "/auth/login" if case.role == "anonymous" else "/auth/password")
    accepted = _send(client, method, url, case, world, token)
    assert accepted.status_code in (200, 201, 302), accepted.get_data(as_text=True)[:500]
    if case.changes:
        assert _state(case, world, client) != before, f"{endpoint}: the probe saw no change"
    else:
        assert "检查通过" in accepted.get_data(as_text=True)
