import pytest
from django.core import mail

from sovet.core.testing import make_user


@pytest.mark.django_db
def test_signup_requires_a_verified_email(client):
    response = client.post(
        "/ru/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-passphrase-41",
            "password2": "a-long-passphrase-41",
        },
    )
    assert response.status_code == 302
    assert "confirm-email" in response.url
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1 and "new@example.org" in mail.outbox[0].to


@pytest.mark.django_db
def test_signup_with_a_bad_email_keeps_what_was_typed(client):
    response = client.post(
        "/ru/accounts/signup/", {"email": "new@@example", "password1": "x", "password2": "y"}
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert 'value="new@@example"' in response.content.decode()


@pytest.mark.django_db
def test_login_is_by_email(client):
    make_user("anna@example.org")
    response = client.post(
        "/ru/accounts/login/", {"login": "ANNA@example.org", "password": "pass-for-tests"}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    make_user("anna@example.org")
    for _ in range(5):
        response = client.post(
            "/ru/accounts/login/", {"login": "anna@example.org", "password": "wrong"}
        )
        assert response.status_code == 200
    response = client.post(
        "/ru/accounts/login/", {"login": "anna@example.org", "password": "pass-for-tests"}
    )
    # Even the right password is refused until the limit expires, with a message saying so.
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


@pytest.mark.django_db
def test_my_account_lists_roles_and_two_factor_state(client):
    from sovet.accounts.roles import Role

    client.force_login(make_user("editor@example.org", roles=[Role.ORGANIZATION_EDITOR]))
    response = client.get("/ru/accounts/profile/")
    assert response.status_code == 200
    assert response.context["is_staff_member"] is True
    assert response.context["has_totp"] is False
    assert len(response.context["roles"]) == 1


@pytest.mark.django_db
def test_my_account_needs_sign_in(client):
    response = client.get("/ru/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
