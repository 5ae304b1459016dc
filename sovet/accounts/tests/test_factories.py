"""The accounts factories make what they promise."""

import pytest

from sovet.accounts.roles import Role
from sovet.core.testing import role_users

from .factories import StaffFactory, UserFactory, with_two_factor


@pytest.mark.django_db
def test_a_user_is_active_verified_and_in_the_roles_given():
    user = UserFactory(roles=[Role.COUNCIL_SECRETARY])
    user.full_clean()
    assert user.is_active and user.emailaddress_set.get().verified
    assert user.has_role(Role.COUNCIL_SECRETARY) and not user.has_role(Role.ADMINISTRATOR)
    assert not user.authenticator_set.exists()


@pytest.mark.django_db
def test_staff_open_the_admin_with_two_factor_sign_in(client):
    secretary = StaffFactory(roles=[Role.COUNCIL_SECRETARY])
    assert secretary.authenticator_set.filter(type="totp").exists()
    client.force_login(secretary)
    assert client.get("/admin/").status_code == 200
    client.force_login(UserFactory(roles=[Role.COUNCIL_SECRETARY]))
    assert client.get("/admin/").status_code != 200  # sent to set up two-factor sign-in


@pytest.mark.django_db
def test_with_two_factor_sets_it_up_once_for_every_signed_in_user():
    users = role_users(Role)
    users["staff"] = StaffFactory()
    with_two_factor(with_two_factor(users))
    for user in users.values():
        if user.is_authenticated:
            assert user.authenticator_set.filter(type="totp").count() == 1
