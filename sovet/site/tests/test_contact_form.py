"""The contact page: what a visitor typed is never lost, bad input is explained, bursts are refused."""

import pytest
from django.core import mail

from sovet.core.testing import page_text

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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "phone"),
    [("", "0555 123 456"), ("anna@example.org", ""), ("anna@example.org", "0555 123 456")],
)
def test_an_email_a_phone_or_both_are_enough(fields, client, email, phone):
    response = client.post(URL, data(fields, email=email, phone=phone))
    assert response.status_code == 200 and response.context.get("form") is None
    [letter] = mail.outbox
    assert ("+996555123456" in letter.body) == bool(phone)
    assert ("Только телефон: перезвонить." in letter.body) == (not email)


@pytest.mark.django_db
def test_neither_is_refused_with_the_message_and_the_typing_kept(fields, client):
    response = client.post(URL, data(fields, email="", phone=""))
    assert list(response.context["form"].errors) == [fields["email"]]
    page_text(response, "Укажите электронную почту или номер телефона", "Как вступить в Совет?")
    assert not mail.outbox


@pytest.mark.django_db
def test_a_bad_phone_is_refused_and_kept(fields, client):
    response = client.post(URL, data(fields, email="", phone="12"))
    assert list(response.context["form"].errors) == [fields["phone"]]
    page_text(response, "Введите номер телефона", 'value="12"', 'type="tel"')
    assert not mail.outbox


# The form in Kyrgyz and English: translated labels, the same keys, one list of messages.
LABELS = {
    "ru": ["Ваше имя", "Электронная почта", "Телефон", "Тема", "Сообщение"],
    "ky": ["Атыңыз", "Электрондук почта", "Телефон", "Билдирүүнүн темасы", "Билдирүү"],
    "en": ["Your name", "E-mail", "Phone", "Subject", "Message"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ky", "en"])
def test_the_form_is_translated_and_keeps_its_keys(demo, client, language):
    response = client.get(f"/{language}/contact/")
    form = response.context["form"]
    assert not response.context["is_fallback"]
    assert list(form.fields) == list(VALID)
    assert [field.label for field in form.fields.values()] == LABELS[language]
    html = page_text(response, *LABELS[language])
    assert "Ваше имя" not in html and "Электронная почта" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "thanks"),
    [
        ("ky", "Рахмат! Билдирүүңүз жөнөтүлдү"),
        ("en", "Thank you! Your message has been sent"),
    ],
)
def test_a_message_from_a_translated_page_is_stored_and_mailed_in_russian(
    demo, client, language, thanks
):
    from wagtail.contrib.forms.models import FormSubmission

    from sovet.site.models import ContactPage

    response = client.post(f"/{language}/contact/", {**VALID, "message": f"Hello from {language}"})
    page_text(response, thanks)
    [letter] = mail.outbox
    # The Council reads its letter with the Russian labels and subject.
    assert letter.subject == "Сообщение с сайта КСОРС"
    assert "Ваше имя: Анна Петрова" in letter.body
    assert f"Сообщение: Hello from {language}" in letter.body
    [submission] = FormSubmission.objects.filter(page__locale__language_code=language)
    assert submission.get_data()["message"] == f"Hello from {language}"
    assert set(submission.get_data()) >= set(VALID)
    russian = ContactPage.objects.get(locale__language_code="ru")
    assert list(russian.get_submissions()) == [submission]


@pytest.mark.django_db
def test_the_admin_lists_messages_of_every_language_together(demo, client):
    from sovet.core.testing import make_staff
    from sovet.site.models import ContactPage

    for language in ("ru", "ky", "en"):
        response = client.post(
            f"/{language}/contact/", {**VALID, "message": f"Message in {language}"}
        )
        assert response.status_code == 200 and response.context.get("form") is None
    assert len(mail.outbox) == 3
    client.force_login(make_staff("admin@example.org", superuser=True))
    for page in ContactPage.objects.all():
        response = client.get(f"/admin/forms/submissions/{page.pk}/")
        html = page_text(response, "Message in ru", "Message in ky", "Message in en")
        # One set of columns, whichever page the list is opened from.
        assert html.count("Message in ") == 3
