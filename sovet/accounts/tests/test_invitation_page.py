"""The invitation page is reached by a secret link: never cached, indexed or passed on."""

import pytest
from django.utils import timezone

from sovet.accounts.models import Invitation
from sovet.accounts.roles import Role
from sovet.core.testing import make_user


def private(response) -> bool:
    return (
        response["Cache-Control"] == "private, no-store"
        and response["X-Robots-Tag"] == "noindex"
        and response["Referrer-Policy"] == "same-origin"
    )


@pytest.fixture
def invitation(db):
    secretary = make_user("secretary@example.org", roles=[Role.COUNCIL_SECRETARY])
    return Invitation.objects.create(
        email="editor@example.org", role=Role.ORGANIZATION_EDITOR, invited_by=secretary
    )


@pytest.mark.django_db
def test_the_invitation_page_is_private_to_a_visitor_and_to_the_invitee(client, invitation):
    url = f"/ru/accounts/invitation/{invitation.token}/"
    response = client.get(url)
    assert response.status_code == 200 and "editor@example.org" in response.content.decode()
    assert private(response)
    client.force_login(make_user("editor@example.org"))
    response = client.get(url)
    assert response.status_code == 200 and private(response)
    accepted = client.post(url)
    assert accepted.status_code == 302 and private(accepted)


@pytest.mark.django_db
def test_a_used_invitation_is_private_too(client, invitation):
    invitation.accepted_at = timezone.now()
    invitation.save()
    response = client.get(f"/en/accounts/invitation/{invitation.token}/")
    assert (
        response.status_code == 410 and "expired or was already used" in response.content.decode()
    )
    assert private(response)
