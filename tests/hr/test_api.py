"""``GET /api/v1/cohorts/{id}/progress`` for HR systems, with a bearer token."""

import pytest
import schemathesis
from schemathesis import checks

from studyapp.auth import sessions as accounts
from tests.factories import gen_organisation, gen_user

pytestmark = pytest.mark.clock  # dates matter: run at each instant of CLOCK_INSTANTS


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {accounts.issue_api_token(user)}"}


def test_hr_reads_the_cohort_progress_as_documented(app, client, hr_world):
    cohort = hr_world["cohort"]
    url = f"/api/v1/cohorts/{cohort.id}/progress"
    headers = _bearer(hr_world["hr"])
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["cohort"] == {
        "id": cohort.id,
        "name": "一班",
        "organisation": "本机构",
        "exam_date": cohort.exam_date.isoformat(),
        "blueprint": "mock-theory",
        "size": 5,
        "at_risk": 4,
    }
    by_name = {t["name"]: t for t in body["candidates"]}
    first = by_name["学员甲"]
    assert (first["status"], first["at_risk"], first["risks"]) == ("ready", False, [])
    assert (first["cards_learned"], first["true_retention"], first["pass_probability"]) == (
        150,
        0.9,
        0.9,
    )
    assert by_name["学员乙"]["risks"] == [
        {"code": "inactive", "days": 10, "value": None, "message": "已 10 天没有学习"}
    ]
    assert by_name["学员戊"]["status"] == "not_started"
    assert by_name["学员戊"]["last_active_at"] is None
    assert "answer" not in str(body)  # progress and scores only

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema["/api/v1/cohorts/{cohort_id}/progress"]["GET"]
    case = operation.Case(path_parameters={"cohort_id": cohort.id}, headers=headers)
    case.validate_response(
        response,
        checks=[
            checks.response_schema_conformance,
            checks.status_code_conformance,
            checks.content_type_conformance,
        ],
    )


@pytest.mark.parametrize("role", ["hr", "trainer"])
def test_another_organisations_staff_get_404(client, hr_world, role):
    outsider = gen_user(role=role, organisation=gen_organisation("别的机构"))
    url = f"/api/v1/cohorts/{hr_world['cohort'].id}/progress"
    response = client.get(url, headers=_bearer(outsider))
    assert response.status_code == 404 and response.get_json()["error"]["status"] == 404


def test_candidates_get_403_and_strangers_401(client, hr_world):
    url = f"/api/v1/cohorts/{hr_world['cohort'].id}/progress"
    assert client.get(url, headers=_bearer(hr_world["candidates"]["甲"])).status_code == 403
    assert client.get(url).status_code == 401
    assert client.get(url, headers={"Authorization": "Bearer nope"}).status_code == 401


def test_admin_reads_any_cohort(client, hr_world):
    admin = gen_user(role="admin")
    url = f"/api/v1/cohorts/{hr_world['cohort'].id}/progress"
    assert client.get(url, headers=_bearer(admin)).get_json()["cohort"]["size"] == 5
