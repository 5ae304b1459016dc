"""E-mails to registrants, in the language they registered in, with the event's calendar file.

Services call `send_later` or enqueue `notify_registrants` once their transaction has committed:
a slow or failing mail server never fails a request.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_tasks import task

from sovet.core.lookups import index_page
from sovet.core.reach import has_email

from .calendar import ics
from .models import Event, EventIndexPage, Registration, RegistrationStatus

SUBJECTS = {
    "confirmed": gettext_lazy("You are registered: %(event)s"),
    "waitlisted": gettext_lazy("You are on the waiting list: %(event)s"),
    "promoted": gettext_lazy("A seat is free for you: %(event)s"),
    "changed": gettext_lazy("The event has changed: %(event)s"),
    "cancelled": gettext_lazy("The event is cancelled: %(event)s"),
    "reminder": gettext_lazy("Reminder: %(event)s"),
    "link": gettext_lazy("Your registration: %(event)s"),
}


def registration_email(registration: Registration, kind: str, changes: list[str] = ()) -> None:
    """E-mail one registrant, in the language they registered in.

    kind: "confirmation" (confirmed or waiting list), "promoted", "changed", "cancelled",
    "reminder", or "link" (the private link again, for someone who registered twice).
    """
    if not has_email(registration.email):
        return  # registered with a phone alone: the staff call them
    if kind == "confirmation":
        kind = registration.status
    event = registration.event
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        path = reverse("events:registration", kwargs={"token": registration.token})
        context = {
            "registration": registration,
            "event": event,
            "manage_url": settings.SITE_URL + path,
            "kind": kind,
            "changes": [CHANGE_LABELS[name] for name in changes],
        }
        message = EmailMessage(
            subject=str(SUBJECTS[kind]) % {"event": event.title},
            body=render_to_string("events/email/registration.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
        )
        if kind in ("confirmed", "promoted", "changed", "link") and (
            registration.status != RegistrationStatus.WAITLISTED or kind == "changed"
        ):
            message.attach(f"event-{event.pk}.ics", _event_ics(event), "text/calendar")
        message.send()


def _event_ics(event: Event) -> bytes:
    calendar = index_page(EventIndexPage)
    return ics(
        [event],
        name=event.title,
        url_for=lambda e: calendar.event_url(e) if calendar else settings.SITE_URL,
    )


# What registrants are told changed when an event they registered for is edited.
CHANGE_LABELS = {
    "status": gettext_lazy("the status"),
    "starts_at": gettext_lazy("the start"),
    "ends_at": gettext_lazy("the end"),
    "all_day": gettext_lazy("the time"),
    "venue": gettext_lazy("the venue"),
    "address": gettext_lazy("the address"),
    "city": gettext_lazy("the city"),
    "online_url": gettext_lazy("the online link"),
}


def send_later(registration: Registration, kind: str) -> None:
    """E-mail from a background task, so a slow or failing mail server never fails a request."""
    if not has_email(registration.email):
        return
    send_registration_email.enqueue(registration.pk, kind)


def email_registrants(event: Event, kind: str, changes: list[str]) -> int:
    """E-mail everyone still registered (confirmed or waiting) about a change or a cancellation."""
    registrations = event.registrations.select_related("event").filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
        erased_at__isnull=True,
        email__gt="",
    )
    count = 0
    for registration in registrations:
        registration_email(registration, kind, changes)
        count += 1
    return count


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    registration = (
        Registration.objects.select_related("event")
        .filter(pk=registration_id, erased_at__isnull=True)
        .first()
    )
    if registration is None:
        return False
    registration_email(registration, kind)
    return True


@task()
def notify_registrants(event_id: int, kind: str, changes: list[str]) -> int:
    event = Event.objects.filter(pk=event_id).first()
    return email_registrants(event, kind, changes) if event else 0
