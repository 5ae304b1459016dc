"""Where signing in lands: staff on their desk in the admin, everyone else on their account
page; a ``next`` address, when the sign-in carries one, wins for both."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from sovet.accounts.roles import Role
from sovet.core.testing import TEST_TOTP_SECRET, make_staff, make_user

LOGIN = "/ru/accounts/login/"
PASSWORD = "pass-for-tests"  # core.testing.make_user's


def sign_in(client, email, *, next_url=None, second_factor=False):
    """The sign-in as a browser makes it; the address it finally leads to."""
    url = LOGIN + (f"?next={next_url}" if next_url else "")
    data = {"login": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    if second_factor:
        assert "/accounts/2fa/authenticate/" in response.url
        code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))
        response = client.post(response.url, {"code": code})
        assert response.status_code == 302
    assert "_auth_user_id" in client.session
    return response.url


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_staff_land_on_their_desk(client, role):
    make_staff("staff@example.org", role)
    assert sign_in(client, "staff@example.org", second_factor=True) == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_a_superuser_lands_on_the_desk(client):
    make_staff("root@example.org", superuser=True)
    assert sign_in(client, "root@example.org", second_factor=True) == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_members_land_on_their_account_page(client):
    make_user("member@example.org")
    landed = sign_in(client, "member@example.org")
    assert landed == reverse("accounts:profile")
    assert "/admin/" not in landed


@pytest.mark.django_db
def test_next_wins_for_staff(client):
    make_staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    landed = sign_in(client, "secretary@example.org", next_url="/ru/events/", second_factor=True)
    assert landed == "/ru/events/"


@pytest.mark.django_db
def test_next_wins_for_members(client):
    make_user("member@example.org")
    assert sign_in(client, "member@example.org", next_url="/ru/memory/") == "/ru/memory/"


@pytest.mark.django_db
def test_a_next_to_another_site_is_ignored(client):
    make_user("member@example.org")
    landed = sign_in(client, "member@example.org", next_url="https://evil.example.com/")
    assert landed == reverse("accounts:profile")
