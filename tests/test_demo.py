"""`flask demo create`: one account per role, idempotent, and they can sign in."""

from sqlalchemy import func, select

from studyapp.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from studyapp.extensions import db
from studyapp.models import User


def test_demo_accounts_sign_in_and_creation_is_idempotent(runner, client, auth):
    first = runner.invoke(args=["demo", "create"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["demo", "create"])
    assert second.exit_code == 0
    assert db.session.scalar(select(func.count(User.id))) == len(DEMO_ACCOUNTS)
    for email, _name, role in DEMO_ACCOUNTS:
        assert auth.login(email, DEMO_PASSWORD).status_code == 302
        assert client.get("/api/v1/me").get_json()["role"] == role
        auth.logout()
    candidate = db.session.scalar(select(User).where(User.role == "candidate"))
    assert candidate.cohort is not None
