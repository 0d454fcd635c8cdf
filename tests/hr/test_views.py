"""Staff see their own organisation's cohorts only; others' look missing."""

from tests.factories import gen_cohort, gen_organisation, gen_user


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
