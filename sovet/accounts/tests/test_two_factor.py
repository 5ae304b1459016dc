"""Every staff role signs in with two factors; the public does not have to."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from sovet.accounts.roles import Role
from sovet.core.testing import make_user

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def current_code():
    import time

    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, role):
    client.force_login(make_user("staff@example.org", roles=[role]))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response.url


@pytest.mark.django_db
def test_staff_with_an_authenticator_reach_the_admin(client):
    user = make_user("secretary@example.org", roles=[Role.COUNCIL_SECRETARY])
    TOTP.activate(user, SECRET)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_members_never_reach_the_admin(client):
    client.force_login(make_user("member@example.org"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/" not in response.url or "login" in response.url


@pytest.mark.django_db
def test_admin_login_form_is_the_allauth_one(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.endswith("/accounts/login/?next=/admin/")


@pytest.mark.django_db
def test_password_alone_does_not_sign_staff_in(client):
    user = make_user("secretary@example.org", roles=[Role.COUNCIL_SECRETARY])
    TOTP.activate(user, SECRET)
    response = client.post(
        "/ru/accounts/login/", {"login": "secretary@example.org", "password": "pass-for-tests"}
    )
    assert response.status_code == 302
    assert response.url.startswith("/ru/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session
    response = client.post(response.url, {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post("/ru/accounts/2fa/authenticate/", {"code": current_code()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
