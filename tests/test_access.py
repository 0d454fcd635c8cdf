"""Every registered route, walked as every role: who gets in is written out here by hand.

A new route fails ``test_every_route_is_listed`` until its row is added below, so no view can
appear without someone deciding who may open it.
"""

import pytest

from studyapp.syllabus import current_syllabus
from tests.conftest import csrf_token
from tests.factories import gen_cohort, gen_organisation, gen_user

ROLES = ("anonymous", "candidate", "trainer", "hr", "admin")
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF = {"trainer", "hr", "admin"}
ADMIN = {"admin"}

EXPECTED = {
    "static": EVERYONE,
    "main.home": EVERYONE,
    "main.set_language": EVERYONE,
    "main.healthz": EVERYONE,
    "main.favicon": EVERYONE,
    "auth.login": EVERYONE,
    "auth.register": EVERYONE,
    "auth.logout": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    "auth.join_cohort": {"candidate", "admin"},
    "account.security": SIGNED_IN,
    "account.revoke_token": SIGNED_IN,
    "account.end_other_sessions": SIGNED_IN,
    "api.openapi_document": EVERYONE,
    "api.me": SIGNED_IN,
    "api.update_me": SIGNED_IN,
    "lessons.course": SIGNED_IN,
    "lessons.chapter": SIGNED_IN,
    "lessons.lesson": SIGNED_IN,
    "lessons.mark_read": SIGNED_IN,
    "lessons.search": SIGNED_IN,
    "trainer.import_preview": {"trainer", "admin"},
    "trainer.content_status": {"trainer", "admin"},
    "bank.index": {"trainer", "admin"},
    "bank.publish": {"trainer", "admin"},
    "bank.rollback": {"trainer", "admin"},
    "bank.download": {"trainer", "admin"},
    "bank.rejects": {"trainer", "admin"},
    "analysis.index": {"trainer", "admin"},
    "analysis.paper": {"trainer", "admin"},
    "analysis.refresh": {"trainer", "admin"},
    "analysis.regrade_question": {"trainer", "admin"},
    "cards.review": SIGNED_IN,
    "cards.stats": SIGNED_IN,
    "cards.settings": SIGNED_IN,
    "api_cards.due_cards": SIGNED_IN,
    "api_cards.review": SIGNED_IN,
    "api_cards.undo": SIGNED_IN,
    "api_cards.stats": SIGNED_IN,
    "exams.index": SIGNED_IN,
    "exams.start": SIGNED_IN,
    "exams.take": SIGNED_IN,
    "exams.save": SIGNED_IN,
    "exams.submit": SIGNED_IN,
    "exams.result": SIGNED_IN,
    "exams.mark": SIGNED_IN,
    "practice.hub": SIGNED_IN,
    "practice.question": SIGNED_IN,
    "practice.bookmark": SIGNED_IN,
    "practice.wrong_book": SIGNED_IN,
    "book.bookmarks": SIGNED_IN,
    "book.remove_bookmark": SIGNED_IN,
    "book.remove_wrong": SIGNED_IN,
    "api_exams.blueprints": SIGNED_IN,
    "api_exams.start": SIGNED_IN,
    "api_exams.show": SIGNED_IN,
    "api_exams.save": SIGNED_IN,
    "api_exams.submit": SIGNED_IN,
    "api_exams.wrong_answers": SIGNED_IN,
    "hr.cohort_list": STAFF,
    "hr.cohort_detail": STAFF,
    "hr.candidate_detail": STAFF,
    "hr.export_csv": STAFF,
    "hr.export_xlsx": STAFF,
    "hr.cohort_settings": STAFF,
    "hr.cohort_invite": STAFF,
    "api_hr.cohort_progress": STAFF,
    "admin.organisation_list": ADMIN,
    "admin.organisation_detail": ADMIN,
    "admin.user_list": ADMIN,
    "admin.user_edit": ADMIN,
}


def _rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint)


def test_every_route_is_listed(app):
    registered = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert registered - set(EXPECTED) == set(), "routes without an access decision in this test"
    assert set(EXPECTED) - registered == set(), "rows for routes that no longer exist"


@pytest.fixture
def world(app):
    """One organisation with a cohort, and a user per role belonging to it."""
    organisation = gen_organisation()
    cohort = gen_cohort(organisation)
    users = {
        role: gen_user(role=role, email=f"{role}@example.com", organisation=organisation)
        for role in ("trainer", "hr", "admin")
    }
    users["candidate"] = gen_user(email="candidate@example.com", cohort=cohort)
    lesson = current_syllabus().active_lessons()[0]
    return {
        "chapter_id": lesson.chapter,
        "lesson_id": lesson.id,
        "card_id": next(iter(current_syllabus().cards)),
        "blueprint_id": "quick-quiz",
        "question_id": lesson.id,  # any id: the walk checks who gets in, not what is found
        "attempt_id": 1,
        "release_id": 1,
        "token_id": 1,
        "mode": "chapter",
        "scope": lesson.chapter,
        "filename": "css/app.css",
        "organisation_id": organisation.id,
        "cohort_id": cohort.id,
        "user_id": users["candidate"].id,
    }


def _url(app, rule, world) -> str:
    missing = set(rule.arguments) - set(world)
    assert not missing, f"{rule.endpoint}: add sample values for {missing} to the world fixture"
    values = {name: world[name] for name in rule.arguments}
    return app.url_map.bind("localhost").build(rule.endpoint, values)


def _got_in(response) -> bool:
    if response.status_code in (401, 403):
        return False
    if response.status_code in (301, 302, 303):
        return "/auth/login?next=" not in response.headers.get("Location", "")
    return True


@pytest.mark.parametrize("role", ROLES)
def test_who_gets_in(app, client, auth, world, role):
    if role != "anonymous":
        assert auth.login(f"{role}@example.com").status_code == 302
    token = csrf_token(client, "/auth/password" if role != "anonymous" else "/auth/login")
    wrong = []
    for rule in _rules(app):
        url = _url(app, rule, world)
        if "GET" in rule.methods:
            response = client.get(url)
        else:
            # A valid token but no form: an allowed role gets a form error, never a 401/403.
            method = sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
            response = client.open(
                url, method=method, data={"csrf_token": token}, headers={"X-CSRFToken": token}
            )
        assert response.status_code < 500, f"{rule.endpoint} answered {response.status_code}"
        if _got_in(response) != (role in EXPECTED[rule.endpoint]):
            wrong.append((rule.endpoint, response.status_code))
        if rule.endpoint == "auth.logout" and role != "anonymous":
            auth.login(f"{role}@example.com")
            token = csrf_token(client, "/auth/password")
    assert wrong == []


def test_undeclared_view_is_refused(app, client, auth):
    """A view without a policy fails closed."""
    app.add_url_rule("/undeclared", "undeclared", lambda: "open")
    gen_user(role="admin", email="root@example.com")
    auth.login("root@example.com")
    assert client.get("/undeclared").status_code == 403
