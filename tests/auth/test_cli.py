"""The operator commands: flask orgs / cohorts / users."""

import re

from sqlalchemy import select

from studyapp.auth import services
from studyapp.extensions import db
from studyapp.models import Cohort, User


def test_orgs_cohorts_users_and_token(runner, client):
    result = runner.invoke(args=["orgs", "create", "甲培训中心"])
    assert result.exit_code == 0, result.output
    assert "甲培训中心" in result.output

    result = runner.invoke(
        args=[
            "cohorts",
            "create",
            "--org",
            "甲培训中心",
            "--name",
            "一班",
            "--exam-date",
            "2027-03-01",
        ]
    )
    assert result.exit_code == 0, result.output
    match = re.search(r"cohort (\d+): 一班 invite code ([A-Z0-9]{8})", result.output)
    assert match
    cohort = db.session.get(Cohort, int(match.group(1)))
    assert cohort.invite_code == match.group(2)
    assert cohort.exam_date.isoformat() == "2027-03-01"

    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "s@example.com",
            "--name",
            "学员",
            "--role",
            "candidate",
            "--password",
            "long-enough-1",
            "--cohort",
            str(cohort.id),
        ]
    )
    assert result.exit_code == 0, result.output
    user = services.user_by_email("s@example.com")
    assert user.cohort.id == cohort.id

    result = runner.invoke(args=["users", "token", "s@example.com"])
    assert result.exit_code == 0
    token = result.output.strip()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.get_json()["email"] == "s@example.com"


def test_cli_errors_are_clear_and_change_nothing(runner):
    result = runner.invoke(args=["cohorts", "create", "--org", "没有这个机构", "--name", "一班"])
    assert result.exit_code != 0
    assert "no organisation named" in result.output

    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "t@example.com",
            "--name",
            "老师",
            "--role",
            "trainer",
            "--password",
            "long-enough-1",
        ]
    )
    assert result.exit_code != 0
    assert "--org" in result.output

    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "c@example.com",
            "--name",
            "学员",
            "--password",
            "long-enough-1",
            "--cohort",
            "999",
        ]
    )
    assert result.exit_code != 0
    assert "no cohort with id 999" in result.output

    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "c@example.com",
            "--name",
            "学员",
            "--password",
            "short",
        ]
    )
    assert result.exit_code != 0
    assert "密码至少" in result.output
    assert db.session.scalars(select(User)).all() == []

    result = runner.invoke(args=["users", "token", "nobody@example.com"])
    assert result.exit_code != 0
    assert "no user" in result.output

    runner.invoke(args=["orgs", "create", "甲"])
    result = runner.invoke(args=["orgs", "create", "甲"])
    assert result.exit_code != 0
    assert "已存在" in result.output
