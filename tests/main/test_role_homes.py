"""Each role lands on its own home after signing in and at "/": candidates on the study
dashboard, HR on its cohorts, trainers on the content's status, admins on administration."""

import pytest

from tests.factories import gen_user

HOMES = {
    "hr": "/hr/cohorts",
    "trainer": "/trainer/content",
    "admin": "/admin/organisations",
}


@pytest.mark.parametrize("role", sorted(HOMES))
def test_staff_land_on_their_home(client, auth, role):
    gen_user(role=role, email="u@example.com")
    signed_in = auth.login("u@example.com", follow_redirects=True)
    assert signed_in.status_code == 200
    assert signed_in.request.path == HOMES[role]
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == HOMES[role]


def test_a_candidate_lands_on_the_study_dashboard(client, auth):
    gen_user(email="c@example.com", name="王五")
    signed_in = auth.login("c@example.com", follow_redirects=True)
    assert signed_in.request.path == "/"
    assert "你好，王五" in signed_in.get_data(as_text=True)
