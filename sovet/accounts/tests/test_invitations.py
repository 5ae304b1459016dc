"""A council secretary invites an e-mail address to a role; the invitee accepts it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from sovet.accounts import services
from sovet.accounts.models import Invitation
from sovet.accounts.roles import Role
from sovet.core.testing import make_user, page_text

from .factories import StaffFactory


def link_from(message):
    return re.search(r"https?://\S+", message.body).group(0).split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def secretary(db):
    return StaffFactory(email="secretary@example.org", roles=[Role.COUNCIL_SECRETARY])


@pytest.mark.django_db
def test_secretary_invites_from_the_admin_and_an_email_goes_out(
    client, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/invitations/new/",
            {"email": "Editor@Example.org", "role": str(Role.ORGANIZATION_EDITOR)},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    invitation = Invitation.objects.get()
    assert invitation.email == "editor@example.org"
    assert invitation.invited_by == secretary
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body


@pytest.mark.django_db
def test_secretary_cannot_invite_an_administrator(client, secretary):
    client.force_login(secretary)
    response = client.post(
        "/admin/invitations/new/", {"email": "x@example.org", "role": str(Role.ADMINISTRATOR)}
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            invited_by=secretary, email="x@example.org", role=Role.ADMINISTRATOR
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.ORGANIZATION_EDITOR, Role.MEMORY_MODERATOR, Role.HELPDESK_STAFF]
)
def test_other_staff_cannot_see_or_send_invitations(client, role):
    client.force_login(StaffFactory(email="someone@example.org", roles=[role]))
    assert client.get("/admin/invitations/").status_code in (302, 403)
    client.post(
        "/admin/invitations/new/", {"email": "x@example.org", "role": str(Role.ORGANIZATION_EDITOR)}
    )
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_invitee_signs_up_from_the_link_and_gets_the_role(
    client, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            invited_by=secretary, email="editor@example.org", role=Role.ORGANIZATION_EDITOR
        )
    path = "/" + link_from(mail.outbox[0])
    assert client.get(path).status_code == 200
    # Following the link proved the address: signing up with it needs no second e-mail check.
    response = client.post(
        f"/ru/accounts/signup/?next={path}",
        {
            "email": "editor@example.org",
            "password1": "a-long-passphrase-41",
            "password2": "a-long-passphrase-41",
        },
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")
    response = client.post(path)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by.has_role(Role.ORGANIZATION_EDITOR)
    # Used once: the link does not work again.
    assert client.get(path).status_code == 410


@pytest.mark.django_db
def test_someone_else_cannot_accept_an_invitation(client, secretary):
    invitation = services.invitation_create(
        invited_by=secretary, email="editor@example.org", role=Role.ORGANIZATION_EDITOR
    )
    intruder = make_user("intruder@example.org")
    client.force_login(intruder)
    response = client.post(f"/ru/accounts/invitation/{invitation.token}/")
    assert response.status_code == 403
    assert not intruder.groups.exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.django_db
def test_expired_and_unknown_invitations(client, secretary):
    invitation = Invitation.objects.create(
        email="late@example.org",
        role=Role.MEMORY_MODERATOR,
        invited_by=secretary,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert client.get(f"/ru/accounts/invitation/{invitation.token}/").status_code == 410
    assert client.get("/ru/accounts/invitation/not-a-token/").status_code == 404


@pytest.mark.django_db
def test_secretary_can_neither_see_nor_use_an_administrator_invitation(client, secretary):
    administrator = StaffFactory(email="root@example.org", roles=[Role.ADMINISTRATOR])
    invitation = services.invitation_create(
        invited_by=administrator, email="new-admin@example.org", role=Role.ADMINISTRATOR
    )
    mine = services.invitation_create(
        invited_by=secretary, email="editor@example.org", role=Role.ORGANIZATION_EDITOR
    )
    client.force_login(secretary)
    listing = page_text(client.get("/admin/invitations/"), "editor@example.org")
    assert "new-admin@example.org" not in listing and "editor@example.org" in listing
    assert client.get(f"/admin/invitations/inspect/{invitation.pk}/").status_code in (302, 403, 404)
    client.post(f"/admin/invitations/delete/{invitation.pk}/")
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    inspect = page_text(client.get(f"/admin/invitations/inspect/{mine.pk}/"), "editor@example.org")
    assert mine.token not in inspect


@pytest.mark.django_db
def test_secretary_cannot_read_the_history_of_an_administrator_invitation(client, secretary):
    """Every page of one invitation keeps to the roles the user may invite to, history included
    (it names who sent the invitation and when)."""
    administrator = StaffFactory(email="root@example.org", roles=[Role.ADMINISTRATOR])
    invitation = services.invitation_create(
        invited_by=administrator, email="new-admin@example.org", role=Role.ADMINISTRATOR
    )
    mine = services.invitation_create(
        invited_by=secretary, email="editor@example.org", role=Role.ORGANIZATION_EDITOR
    )
    client.force_login(secretary)
    history = client.get(f"/admin/invitations/history/{mine.pk}/")
    assert history.status_code == 200 and "editor@example.org" in history.content.decode()
    for url in (
        f"/admin/invitations/history/{invitation.pk}/",
        f"/admin/invitations/history-results/{invitation.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "new-admin@example.org" not in response.content.decode()


@pytest.mark.django_db
def test_administrator_invitation_always_needs_an_emailed_confirmation(client):
    administrator = StaffFactory(email="root@example.org", roles=[Role.ADMINISTRATOR])
    invitation = services.invitation_create(
        invited_by=administrator, email="new-admin@example.org", role=Role.ADMINISTRATOR
    )
    path = f"/ru/accounts/invitation/{invitation.token}/"
    client.get(path)
    response = client.post(
        f"/ru/accounts/signup/?next={path}",
        {
            "email": "new-admin@example.org",
            "password1": "a-long-passphrase-41",
            "password2": "a-long-passphrase-41",
        },
    )
    assert "confirm-email" in response.url
    assert "_auth_user_id" not in client.session
