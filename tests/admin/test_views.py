"""Administrators manage organisations, cohorts and users through the pages."""

from sqlalchemy import select

from studyapp.extensions import db
from studyapp.models import Cohort, Organisation, User
from tests.conftest import csrf_token
from tests.factories import gen_organisation, gen_user


def _as_admin(client, auth) -> User:
    admin = gen_user(role="admin", email="root@example.com")
    auth.login("root@example.com")
    return admin


def test_admin_creates_organisation_and_cohort(client, auth):
    _as_admin(client, auth)
    token = csrf_token(client, "/admin/organisations")
    response = client.post("/admin/organisations", data={"name": "乙公司", "csrf_token": token})
    assert response.status_code == 302
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == "乙公司"))
    duplicate = client.post("/admin/organisations", data={"name": "乙公司", "csrf_token": token})
    assert duplicate.status_code == 400
    assert "已存在" in duplicate.get_data(as_text=True)

    url = f"/admin/organisations/{organisation.id}"
    response = client.post(
        url, data={"name": "一班", "exam_date": "2027-01-15", "csrf_token": token}
    )
    assert response.status_code == 302
    cohort = db.session.scalar(select(Cohort))
    assert cohort.exam_date.isoformat() == "2027-01-15"
    assert cohort.invite_code in client.get(url).get_data(as_text=True)


def test_admin_creates_and_edits_users(client, auth):
    _as_admin(client, auth)
    organisation = gen_organisation("丙公司")
    token = csrf_token(client, "/admin/users")
    response = client.post(
        "/admin/users",
        data={
            "name": "赵老师",
            "email": "zhao@example.com",
            "password": "long-enough-1",
            "role": "trainer",
            "organisation_id": str(organisation.id),
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    trainer = db.session.scalar(select(User).where(User.email == "zhao@example.com"))
    assert (trainer.role, trainer.organisation_id) == ("trainer", organisation.id)

    response = client.post(
        f"/admin/users/{trainer.id}",
        data={"role": "hr", "organisation_id": str(organisation.id), "csrf_token": token},
    )
    assert response.status_code == 302
    db.session.refresh(trainer)
    assert trainer.role == "hr"
    assert trainer.active is False  # the unticked box deactivates


def test_admin_cannot_demote_themself(client, auth):
    admin = _as_admin(client, auth)
    token = csrf_token(client, "/admin/users")
    response = client.post(
        f"/admin/users/{admin.id}",
        data={"role": "candidate", "organisation_id": "0", "active": "y", "csrf_token": token},
    )
    assert response.status_code == 400
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_duplicate_email_is_refused(client, auth):
    _as_admin(client, auth)
    token = csrf_token(client, "/admin/users")
    response = client.post(
        "/admin/users",
        data={
            "name": "重复",
            "email": "ROOT@example.com",
            "password": "long-enough-1",
            "role": "candidate",
            "organisation_id": "0",
            "csrf_token": token,
        },
    )
    assert response.status_code == 400
    assert "该邮箱已注册" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(User)).all()) == 1
