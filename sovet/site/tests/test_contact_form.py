"""The contact page: what a visitor typed is never lost, bad input is explained, bursts are refused."""

import pytest
from django.core import mail

URL = "/ru/contact/"
VALID = {
    "name": "Анна Петрова",
    "email": "anna@example.org",
    "phone": "",
    "subject": "Вопрос",
    "message": "Здравствуйте! Как вступить в Совет?",
}


@pytest.fixture
def fields(demo, client):
    form = client.get(URL).context["form"]
    assert list(form.fields) == list(VALID)
    return {name: name for name in VALID}


def data(fields, **overrides):
    return {**VALID, **overrides}


@pytest.mark.django_db
def test_valid_message_is_sent_to_the_council(fields, client):
    response = client.post(URL, data(fields))
    assert response.status_code == 200
    assert "form" not in response.context or response.context.get("form") is None
    assert len(mail.outbox) == 1
    assert "Здравствуйте! Как вступить в Совет?" in mail.outbox[0].body


@pytest.mark.django_db
def test_empty_required_fields_are_named_and_typed_values_kept(fields, client):
    response = client.post(URL, data(fields, message="", name=""))
    form = response.context["form"]
    assert set(form.errors) == {fields["message"], fields["name"]}
    assert "Требуется заполнить это поле." in response.content.decode()
    assert 'value="anna@example.org"' in response.content.decode()
    assert not mail.outbox


@pytest.mark.django_db
def test_malformed_email_is_refused(fields, client):
    response = client.post(URL, data(fields, email="anna@@example"))
    assert fields["email"] in response.context["form"].errors
    assert "Здравствуйте! Как вступить в Совет?" in response.content.decode()
    assert not mail.outbox


@pytest.mark.django_db
def test_oversized_fields_are_refused(fields, client):
    response = client.post(URL, data(fields, name="А" * 256, message="б" * 5001))
    errors = response.context["form"].errors
    assert fields["name"] in errors and fields["message"] in errors
    assert not mail.outbox


@pytest.mark.django_db
def test_a_burst_from_one_address_is_throttled_and_loses_nothing(fields, client):
    for _ in range(5):
        assert client.post(URL, data(fields)).status_code == 200
    response = client.post(URL, data(fields, message="Шестое сообщение"))
    assert response.status_code == 429
    assert "Шестое сообщение" in response.content.decode()
    assert "Слишком много сообщений" in response.content.decode()
    assert len(mail.outbox) == 5
    # Another address is not affected.
    other = client.post(URL, data(fields), REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


@pytest.mark.django_db
def test_behind_a_proxy_each_visitor_has_their_own_limit(fields, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        assert client.post(URL, data(fields), HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200
    assert client.post(URL, data(fields), HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # Another visitor behind the same proxy is not blocked, nor can a forged header help.
    assert client.post(URL, data(fields), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
    assert (
        client.post(URL, data(fields), HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7").status_code
        == 429
    )
