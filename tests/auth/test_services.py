"""Account rules, tested without HTTP."""

import pytest
from werkzeug.security import check_password_hash

from studyapp.auth import organisations, services
from tests.factories import gen_cohort, gen_organisation, gen_user


def test_passwords_are_stored_hashed(app):
    user = gen_user(password="secret-pass-1")
    assert "secret-pass-1" not in user.password_hash
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, "secret-pass-1")


def test_create_user_rejects_unknown_role_and_bad_email(app):
    with pytest.raises(services.AccountError, match="未知角色"):
        services.create_user("a@example.com", "甲", "long-enough", role="boss")
    with pytest.raises(services.AccountError, match="电子邮箱"):
        services.create_user("not-an-email", "甲", "long-enough")


def test_authenticate(app):
    gen_user(email="a@example.com", password="right-password")
    assert services.authenticate("A@example.com ", "right-password").email == "a@example.com"
    assert services.authenticate("a@example.com", "wrong-password") is None
    assert services.authenticate("nobody@example.com", "right-password") is None


def test_invite_codes_are_unambiguous_and_rotate(app):
    cohort = gen_cohort()
    old = cohort.invite_code
    assert len(old) == organisations.INVITE_LENGTH
    assert not set(old) & set("0O1I")
    new = organisations.rotate_invite_code(cohort)
    assert new != old
    assert services.cohort_by_invite_code(old) is None
    assert services.cohort_by_invite_code(new).id == cohort.id
    organisations.set_invite_enabled(cohort, False)
    assert services.cohort_by_invite_code(new) is None


def test_duplicate_organisation_and_cohort_names(app):
    organisation = gen_organisation("甲公司")
    with pytest.raises(services.AccountError, match="已存在"):
        organisations.create_organisation(" 甲公司 ")
    gen_cohort(organisation, "一班")
    with pytest.raises(services.AccountError, match="已有名为"):
        organisations.create_cohort(organisation, "一班")
    # The same cohort name in another organisation is fine.
    assert gen_cohort(gen_organisation(), "一班").name == "一班"


def test_membership_is_not_duplicated(app):
    cohort = gen_cohort()
    user = gen_user(cohort=cohort)
    services.add_membership(user, cohort)
    assert len(user.memberships) == 1
