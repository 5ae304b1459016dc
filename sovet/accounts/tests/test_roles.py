import pytest
from django.contrib.auth.models import Group

from sovet.accounts.roles import Role
from sovet.accounts.rules import can_access_admin, can_invite, needs_second_factor
from sovet.core.testing import MEMBER, VISITOR, assert_role_matrix

STAFF = {str(role) for role in Role}
SECRETARY, ADMINISTRATOR = str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)


@pytest.mark.django_db
def test_every_role_exists_as_a_group_with_admin_access():
    for role in Role:
        group = Group.objects.get(name=str(role))
        assert group.permissions.filter(codename="access_admin").exists()


@pytest.mark.django_db
def test_only_site_managers_edit_pages_and_contacts():
    for role in Role:
        group = Group.objects.get(name=str(role))
        manages = group.page_permissions.filter(permission__codename="publish_page").exists()
        assert manages == (role in (Role.COUNCIL_SECRETARY, Role.ADMINISTRATOR)), role


@pytest.mark.django_db
def test_accounts_role_matrix(users):
    assert_role_matrix(
        users,
        {
            "use the staff admin": (can_access_admin, STAFF),
            "invite someone": (can_invite, {SECRETARY, ADMINISTRATOR}),
            "invite an organization editor": (
                lambda u: can_invite(u, Role.ORGANIZATION_EDITOR),
                {SECRETARY, ADMINISTRATOR},
            ),
            "invite an administrator": (
                lambda u: can_invite(u, Role.ADMINISTRATOR),
                {ADMINISTRATOR},
            ),
            "must set up two factors": (needs_second_factor, STAFF),
        },
    )
    assert VISITOR in users and MEMBER in users


@pytest.mark.django_db
def test_inactive_staff_lose_their_roles(users):
    editor = users[str(Role.ORGANIZATION_EDITOR)]
    editor.is_active = False
    editor.save()
    editor = type(editor).objects.get(pk=editor.pk)
    assert not can_access_admin(editor)
