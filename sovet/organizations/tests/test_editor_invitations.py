"""Editors come by invitation to one organization: from the secretary or that organization's admin."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff as staff
from sovet.organizations import services

from .factories import editor_of, make_organization


@pytest.mark.django_db
def test_invited_editor_accepts_and_can_edit_that_organization(
    client, django_capture_on_commit_callbacks
):
    organization = make_organization(name_ru="Общество «Родник»")
    secretary = staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/organizations/{organization.pk}/invite-editor/", {"email": "new@example.org"}
        )
    assert response.status_code == 302
    assert "Общество «Родник»" in mail.outbox[0].body
    path = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)

    client.logout()
    client.get(path)
    client.post(
        f"/ru/accounts/signup/?next={path}",
        {
            "email": "new@example.org",
            "password1": "a-long-passphrase-41",
            "password2": "a-long-passphrase-41",
        },
    )
    assert client.post(path).status_code == 302
    editor = organization.editors.get()
    assert editor.email == "new@example.org" and editor.has_role(Role.ORGANIZATION_EDITOR)


@pytest.mark.django_db
def test_organization_admin_invites_to_their_own_organization_only():
    mine, other = make_organization(), make_organization()
    admin = editor_of(mine, "admin@example.org", is_admin=True)
    services.organization_editor_invite(organization=mine, invited_by=admin, email="x@example.org")
    with pytest.raises(PermissionDenied):
        services.organization_editor_invite(
            organization=other, invited_by=admin, email="x@example.org"
        )


@pytest.mark.django_db
def test_plain_editor_cannot_invite(client):
    organization = make_organization()
    editor = editor_of(organization, "editor@example.org")
    with pytest.raises(PermissionDenied):
        services.organization_editor_invite(
            organization=organization, invited_by=editor, email="x@example.org"
        )
    client.force_login(editor)
    response = client.post(
        f"/admin/organizations/{organization.pk}/invite-editor/", {"email": "x@example.org"}
    )
    assert response.status_code in (302, 403)
    assert not mail.outbox


@pytest.mark.django_db
def test_removing_the_last_organization_takes_the_role_away():
    organization = make_organization()
    editor = editor_of(organization, "editor@example.org")
    secretary = staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    services.organization_editor_remove(
        organization=organization, user=editor, removed_by=secretary
    )
    editor = type(editor).objects.get(pk=editor.pk)
    assert not editor.has_role(Role.ORGANIZATION_EDITOR)


@pytest.mark.django_db
def test_membership_change_keeps_history_and_status():
    from datetime import date

    organization = make_organization()
    secretary = staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    services.membership_change(
        organization=organization, status="member", date=date(2015, 1, 1), user=secretary
    )
    services.membership_change(
        organization=organization, status="suspended", date=date(2023, 2, 1), user=secretary
    )
    organization.refresh_from_db()
    assert organization.membership_status == "suspended"
    assert organization.member_since == date(2015, 1, 1)
    assert list(organization.membership_changes.values_list("status", flat=True)) == [
        "suspended",
        "member",
    ]
    editor = editor_of(organization, "editor@example.org")
    with pytest.raises(PermissionDenied):
        services.membership_change(
            organization=organization, status="left", date=date(2024, 1, 1), user=editor
        )


@pytest.mark.django_db
def test_secretary_records_membership_in_the_admin_and_editors_cannot(client):
    organization = make_organization()
    client.force_login(staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    url = f"/admin/organizations/{organization.pk}/membership/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "observer", "date": "2024-05-01", "note": "Заявление"})
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.membership_status == "observer"
    bad = client.post(url, {"status": "emperor", "date": "not a date"})
    assert bad.status_code == 200 and {"status", "date"} <= set(bad.context["form"].errors)

    editor = editor_of(organization, "editor@example.org")
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"status": "left", "date": "2024-06-01"})
    organization.refresh_from_db()
    assert organization.membership_status == "observer"
