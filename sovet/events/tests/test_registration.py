"""Registrations never oversell: seats are confirmed while they last, then a waiting list whose
next person is promoted, and told, when someone cancels."""

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from sovet.events import services
from sovet.events.models import Event, Registration

from .factories import EventFactory


def register(event, email, seats=1):
    return services.registration_create(
        event=event, name="Анна", email=email, seats=seats, consent=True
    )


@pytest.mark.django_db
def test_seats_then_waiting_list_then_promotion_with_emails(django_capture_on_commit_callbacks):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, "a@example.org", seats=2)
        register(event, "b@example.org")
        waiting = register(event, "c@example.org")
    assert [r.status for r in Registration.objects.order_by("pk")] == [
        "confirmed",
        "confirmed",
        "waitlisted",
    ]
    assert len(mail.outbox) == 3 and "/ru/registrations/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(token=first.token)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [["c@example.org"]]


@pytest.mark.django_db
def test_registering_twice_is_idempotent():
    event = EventFactory()
    first = register(event, "a@example.org")
    again = register(event, "A@Example.org")
    assert first.pk == again.pk and Registration.objects.count() == 1


@pytest.mark.django_db
def test_nobody_jumps_the_waiting_list():
    event = EventFactory(capacity=3)
    first = register(event, "a@example.org", seats=2)
    big = register(event, "b@example.org", seats=2)
    small = register(event, "c@example.org", seats=1)  # one seat is free, but B waits first
    assert (big.status, small.status) == ("waitlisted", "waitlisted")
    services.registration_cancel(token=first.token)
    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == ("confirmed", "confirmed")


@pytest.mark.django_db
def test_more_seats_than_the_event_has_are_refused():
    event = EventFactory(capacity=3)
    with pytest.raises(ValidationError) as error:
        register(event, "a@example.org", seats=4)
    assert error.value.code == "too_many_seats"
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_cancelled_event_promotes_nobody(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    first = register(event, "a@example.org")
    waiting = register(event, "b@example.org")
    Event.objects.filter(pk=event.pk).update(status="cancelled", status_note="Зал закрыт")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(token=first.token)
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted" and mail.outbox == []


@pytest.mark.django_db
def test_registering_again_sends_the_private_link_again(django_capture_on_commit_callbacks):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, "a@example.org")
        again = register(event, "A@example.org")
    assert first.just_created and not again.just_created
    assert len(mail.outbox) == 2 and first.token in mail.outbox[1].body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"status": "cancelled"}, "cancelled"),
        ({"registration": "off"}, "not_open"),
        ({"starts_at": timezone.now() - timedelta(hours=1), "ends_at": timezone.now()}, "past"),
        ({"registration_closes_at": timezone.now() - timedelta(minutes=1)}, "closed"),
    ],
)
def test_closed_registration_is_explained(fields, code):
    event = EventFactory(**fields)
    with pytest.raises(ValidationError) as error:
        register(event, "a@example.org")
    assert error.value.code == code
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_consent_is_required_and_seats_are_limited():
    event = EventFactory()
    with pytest.raises(ValidationError):
        services.registration_create(event=event, name="Анна", email="a@example.org", consent=False)
    with pytest.raises(ValidationError):
        register(event, "a@example.org", seats=11)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_private_link_shows_and_cancels(client):
    event = EventFactory()
    registration = register(event, "a@example.org")
    response = client.get(f"/ru/registrations/{registration.token}/")
    assert response.status_code == 200 and "Вечер памяти" in response.content.decode()
    assert "a@example.org" not in response.content.decode()
    client.post(f"/ru/registrations/{registration.token}/")
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert client.get("/ru/registrations/not-a-token/").status_code == 404


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_simultaneous_registrations_fill_exactly_100_seats():
    event = EventFactory(capacity=100)

    def one(number):
        try:
            register(event, f"person{number}@example.org")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(one, range(200)))
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert len(statuses) == 200
    assert statuses.count("confirmed") == 100 and statuses.count("waitlisted") == 100
    assert all(
        re.match(r"person\d+@example.org", e)
        for e in Registration.objects.values_list("email", flat=True)
    )


@pytest.mark.django_db
def test_a_phone_alone_registers_and_neither_or_a_bad_phone_is_refused(
    django_capture_on_commit_callbacks,
):
    event = EventFactory()
    with pytest.raises(ValidationError) as neither:
        services.registration_create(event=event, name="Нина", consent=True)
    assert neither.value.code == "no_contact"
    with pytest.raises(ValidationError) as bad:
        services.registration_create(event=event, name="Нина", phone="12", consent=True)
    assert bad.value.code == "invalid_phone"
    assert not Registration.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_create(
            event=event, name="Нина", phone="0555 123 456", consent=True
        )
        again = services.registration_create(
            event=event, name="Нина", phone="+996 555 123-456", consent=True
        )
        other = services.registration_create(
            event=event, name="Пётр", phone="0700 123 456", consent=True
        )
    assert first.pk == again.pk and not again.just_created and other.pk != first.pk
    assert (first.email, first.phone, first.phone_only) == ("", "+996555123456", True)
    assert not mail.outbox  # nobody to write to
