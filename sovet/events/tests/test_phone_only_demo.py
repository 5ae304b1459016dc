"""A phone is enough to register (core.reach): no letter goes anywhere, the private link is shown
on the page, and the organizers see the phone with a call-back task; the public never does."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff, page_text
from sovet.events import services
from sovet.events.models import Event, Registration
from sovet.organizations.tests.factories import editor_of, make_organization

TITLE = "Вечер русского романса"
PHONE, STORED = "0555 123 456", "+996555123456"


def event():
    return Event.objects.get(title_ru=TITLE)


def url(e=None):
    return f"/ru/events/{(e or event()).pk}/"


def post(client, callbacks, language="ru", **changes):
    data = {"name": "Бабушка Нина", "email": "", "phone": PHONE, "seats": "1", "consent": "on"}
    with callbacks(execute=True):
        return client.post(url().replace("/ru/", f"/{language}/"), {**data, **changes})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "phone", "letters"),
    [("", PHONE, 0), ("nina@example.org", "", 1), ("nina@example.org", PHONE, 1)],
)
def test_a_phone_an_email_or_both_register(
    demo, client, django_capture_on_commit_callbacks, email, phone, letters
):
    response = post(client, django_capture_on_commit_callbacks, email=email, phone=phone)
    assert response.status_code == 200 and response.context["registration"]
    registration = Registration.objects.get(name="Бабушка Нина")
    assert (registration.email, registration.phone) == (email, STORED if phone else "")
    assert len(mail.outbox) == letters
    assert registration.phone_only == (not email)


@pytest.mark.django_db
def test_phone_only_shows_the_private_link_on_a_private_page(
    demo, client, django_capture_on_commit_callbacks
):
    response = post(client, django_capture_on_commit_callbacks)
    registration = Registration.objects.get(name="Бабушка Нина")
    page = page_text(
        response, "Организаторы перезвонят вам", f"/ru/registrations/{registration.token}/"
    )
    assert "письмо" not in page.split('id="registration"')[1].split("</section>")[0]
    assert response["Cache-Control"] == "private, no-store"
    assert not mail.outbox
    # Twice: the same registration, and no link to it for whoever typed the number.
    again = post(client, django_capture_on_commit_callbacks, name="Кто-то другой")
    text = page_text(again, "Этот номер телефона уже зарегистрирован")
    assert registration.token not in text
    assert Registration.objects.filter(event=event()).exclude(email__gt="").count() == 1


@pytest.mark.django_db
def test_neither_is_refused_with_the_message_and_the_typing_kept(
    demo, client, django_capture_on_commit_callbacks
):
    response = post(client, django_capture_on_commit_callbacks, phone="", language="en")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    html = page_text(response, "Give an e-mail or a phone number", 'value="Бабушка Нина"')
    assert "Give an e-mail or a phone number" in html
    assert not Registration.objects.filter(name="Бабушка Нина").exists()


@pytest.mark.django_db
def test_a_bad_phone_is_refused_with_the_message_and_kept(
    demo, client, django_capture_on_commit_callbacks
):
    response = post(client, django_capture_on_commit_callbacks, phone="12", language="en")
    assert list(response.context["form"].errors) == ["phone"]
    page_text(response, "Enter a phone number such as", 'value="12"')
    assert not Registration.objects.filter(name="Бабушка Нина").exists()


@pytest.mark.django_db
def test_the_rate_limit_still_counts_first(demo, client, django_capture_on_commit_callbacks):
    for number in range(10):  # views.REGISTRATION_LIMIT: refused posts count too
        post(client, django_capture_on_commit_callbacks, consent="", phone=f"0555 000 00{number}")
    response = post(client, django_capture_on_commit_callbacks, phone="0700 123 456")
    assert response.status_code == 429
    assert 'value="0700 123 456"' in response.content.decode()
    assert not Registration.objects.filter(name="Бабушка Нина").exists()


@pytest.mark.django_db
def test_organizers_see_the_phone_and_mark_the_call_the_public_never_sees_it(
    demo, client, django_capture_on_commit_callbacks
):
    post(client, django_capture_on_commit_callbacks)
    registration = Registration.objects.get(name="Бабушка Нина")
    # The public event page, afterwards: the registration is counted, the phone is not shown.
    client.logout()
    public = page_text(client.get(url()), TITLE)
    assert STORED not in public and "555 123 456" not in public and "Бабушка Нина" not in public
    private = page_text(client.get(f"/ru/registrations/{registration.token}/"), TITLE)
    assert "555 123 456" not in private  # nothing there to lose with the link

    registrants = f"/admin/events/{event().pk}/registrants/"
    stranger = editor_of(make_organization(name_ru="Чужая"), "stranger@example.org")
    client.force_login(stranger)
    assert client.get(registrants).status_code != 200
    refused = client.post(registrants, {"called_back": registration.pk})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # the admin's 403
    registration.refresh_from_db()
    assert registration.called_back_at is None

    secretary = make_staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    client.force_login(secretary)
    page = page_text(
        client.get(registrants), "+996 555 123 456", 'href="tel:+996555123456"',
        "Только телефон: перезвонить", "Отметить: перезвонили",
        "1 участник указал только телефон",
    )  # fmt: skip
    assert "Перезвонили" not in page.split("<tbody>")[1]
    response = client.post(registrants, {"called_back": registration.pk})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.called_back_by == secretary and registration.called_back_at
    assert ModelLogEntry.objects.filter(action="events.called_back", user=secretary).exists()
    page = page_text(client.get(registrants), "Перезвонили")
    assert "Отметить: перезвонили" not in page
    # Twice is harmless: the first call stays the one recorded.
    client.post(registrants, {"called_back": registration.pk})
    assert ModelLogEntry.objects.filter(action="events.called_back").count() == 1
    # A bad post is told, not a crash.
    assert client.post(registrants, {"called_back": "x"}).status_code == 302


@pytest.mark.django_db
def test_erasure_takes_the_phone_too(demo, django_capture_on_commit_callbacks, client):
    post(client, django_capture_on_commit_callbacks)
    registration = Registration.objects.get(name="Бабушка Нина")
    long_ago = timezone.now() - timedelta(days=400)
    Event.objects.filter(pk=registration.event_id).update(starts_at=long_ago, ends_at=long_ago)
    services.erase_expired_registrations()
    registration.refresh_from_db()
    assert (registration.name, registration.phone) == ("—", "")
    assert registration.erased_at and not registration.phone_only


@pytest.mark.django_db
def test_reminders_and_changes_skip_phone_only_registrants(
    demo, client, django_capture_on_commit_callbacks
):
    post(client, django_capture_on_commit_callbacks)
    registration = Registration.objects.get(name="Бабушка Нина")
    from sovet.events import notifications

    assert notifications.email_registrants(event(), "changed", ["venue"]) >= 0
    assert all(STORED not in str(letter.to) for letter in mail.outbox)
    notifications.registration_email(registration, "reminder")  # nothing to send, no failure
    assert not [letter for letter in mail.outbox if letter.to == [""]]
