"""An editor of one organization changes that organization and nothing else — in rules and admin."""

import pytest
from django.contrib.auth.models import Permission

from sovet.accounts.roles import Role
from sovet.accounts.tests.factories import with_two_factor
from sovet.core.testing import MEMBER, VISITOR, assert_role_matrix
from sovet.organizations import rules
from sovet.organizations.models import Organization

from .factories import editor_of, make_organization

SECRETARY, ADMINISTRATOR = str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)
EDITOR_A, ADMIN_OF_A = "editor of A", "admin of A"


@pytest.fixture
def world(users):
    a, b = make_organization(name_ru="А"), make_organization(name_ru="Б")
    users[EDITOR_A] = editor_of(a, "editor-a@example.org")
    users[ADMIN_OF_A] = editor_of(a, "admin-a@example.org", is_admin=True)
    with_two_factor(users)
    return users, a, b


@pytest.mark.django_db
def test_organizations_role_matrix(world):
    users, a, b = world
    managers = {SECRETARY, ADMINISTRATOR}
    assert_role_matrix(
        users,
        {
            "add an organization": (rules.can_add_organization, managers),
            "edit organization A": (
                lambda u: rules.can_edit_organization(u, a),
                managers | {EDITOR_A, ADMIN_OF_A},
            ),
            "edit organization B": (lambda u: rules.can_edit_organization(u, b), managers),
            "delete organization A": (lambda u: rules.can_delete_organization(u, a), managers),
            "change membership of A": (lambda u: rules.can_change_membership(u, a), managers),
            "invite an editor to A": (
                lambda u: rules.can_invite_editor(u, a),
                managers | {ADMIN_OF_A},
            ),
            "invite an editor to B": (lambda u: rules.can_invite_editor(u, b), managers),
            "import organizations": (rules.can_import_organizations, managers),
            "manage the Council": (rules.can_manage_council, managers),
        },
    )
    assert {VISITOR, MEMBER} <= users.keys()


@pytest.mark.django_db
def test_editor_edits_their_organization_in_the_admin(world, client):
    users, a, b = world
    client.force_login(users[EDITOR_A])
    listing = client.get("/admin/snippets/organizations/organization/")
    assert listing.status_code == 200
    assert "А" in listing.content.decode() and f"/edit/{b.pk}/" not in listing.content.decode()
    edit_a = client.get(f"/admin/snippets/organizations/organization/edit/{a.pk}/")
    assert edit_a.status_code == 200
    # Membership is the Council's decision: the editor does not even see those fields.
    assert "membership_status" not in edit_a.context["form"].fields
    assert "is_partner" not in edit_a.context["form"].fields


@pytest.mark.django_db
def test_editor_cannot_open_change_or_delete_another_organization(world, client):
    users, a, b = world
    client.force_login(users[EDITOR_A])
    url = f"/admin/snippets/organizations/organization/edit/{b.pk}/"
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"name_ru": "Захвачено"})
    b.refresh_from_db()
    assert b.name_ru == "Б"
    client.post(f"/admin/snippets/organizations/organization/delete/{a.pk}/")
    assert Organization.objects.filter(pk=a.pk).exists()
    assert client.get("/admin/snippets/organizations/organization/add/").status_code in (302, 403)
    assert client.get("/admin/organizations/import/").status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MEMORY_MODERATOR, Role.HELPDESK_STAFF])
def test_other_staff_cannot_edit_organizations(world, client, role):
    users, a, _b = world
    client.force_login(users[str(role)])
    assert client.get(f"/admin/snippets/organizations/organization/edit/{a.pk}/").status_code in (
        302,
        403,
    )


@pytest.mark.django_db
def test_secretary_sees_and_edits_every_organization(world, client):
    users, a, b = world
    client.force_login(users[SECRETARY])
    response = client.get(f"/admin/snippets/organizations/organization/edit/{b.pk}/")
    assert response.status_code == 200
    assert "is_partner" in response.context["form"].fields


@pytest.mark.django_db
@pytest.mark.parametrize("role", [EDITOR_A, str(Role.MEMORY_MODERATOR), SECRETARY])
def test_the_organizations_chooser_offers_the_whole_directory(world, client, role):
    """Those who pick an organization in a form (a place's caretaker, chosen by moderators and
    editors alike) choose from the public directory, not only from what they edit."""
    users, a, b = world
    client.force_login(users[role])
    response = client.get("/admin/snippets/choose/organizations/organization/")
    assert response.status_code == 200
    html = response.json()["html"]
    assert "А" in html and "Б" in html and f"/chosen/{b.pk}/" in html
    chosen = client.get(f"/admin/snippets/choose/organizations/organization/chosen/{b.pk}/")
    assert chosen.status_code == 200 and chosen.json()["result"]["id"] == str(b.pk)


@pytest.mark.django_db
def test_bulk_delete_keeps_to_the_rules_even_with_the_model_permission(world, client):
    """Wagtail's bulk delete asks only for the Django permission: an editor given it by a group
    still deletes nothing the organizations' rules keep from them, one or "all"."""
    users, a, b = world
    editor = users[EDITOR_A]
    editor.user_permissions.add(Permission.objects.get(codename="delete_organization"))
    client.force_login(editor)
    url = "/admin/bulk/organizations/organization/delete/"
    for query in (f"?id={b.pk}", f"?id={a.pk}", "?id=all"):
        for response in (client.get(url + query), client.post(url + query, {"next": "/admin/"})):
            # Wagtail answers a refusal in its admin with a redirect to the dashboard.
            assert (response.status_code, response.get("Location")) == (302, "/admin/"), query
        assert Organization.objects.filter(pk__in=[a.pk, b.pk]).count() == 2, query
    client.force_login(users[SECRETARY])  # the Council still deletes in bulk
    response = client.post(url + f"?id={b.pk}", {"next": "/admin/"})
    assert response.status_code == 302 and not Organization.objects.filter(pk=b.pk).exists()
