"""Registrations that never oversell: every change locks the event's row, then counts seats."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Event, EventStatus, Registration, RegistrationMode, RegistrationStatus


def seats_taken(event: Event) -> int:
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    return confirmed.aggregate(total=Sum("seats"))["total"] or 0


def _check_open(event: Event) -> None:
    now = timezone.now()
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event was cancelled."), code="cancelled")
    if event.registration != RegistrationMode.OPEN:
        raise ValidationError(_("This event has no open registration."), code="not_open")
    if event.starts_at <= now:
        raise ValidationError(_("This event has already started."), code="past")
    if event.registration_closes_at and event.registration_closes_at <= now:
        raise ValidationError(_("Registration for this event is closed."), code="closed")


def registration_create(
    *, event: Event, name: str, email: str, seats: int = 1, phone: str = "", consent: bool
) -> Registration:
    """Register, or return the registration this address already has (registering twice is harmless).

    Seats are confirmed while they last; then people join the waiting list in order.
    """
    if not consent:
        raise ValidationError(
            _("Registration needs your consent to the processing of personal data."), code="consent"
        )
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        _check_open(event)
        existing = (
            Registration.objects.filter(event=event, email__iexact=email.strip())
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
        if existing:
            return existing
        fits = event.capacity is None or seats_taken(event) + seats <= event.capacity
        registration = Registration(
            event=event,
            name=name.strip(),
            email=email.strip().lower(),
            phone=phone.strip(),
            seats=seats,
            consent=True,
            status=RegistrationStatus.CONFIRMED if fits else RegistrationStatus.WAITLISTED,
        )
        registration.full_clean()
        registration.save()
        transaction.on_commit(lambda: _notify(registration, "confirmation"))
    return registration


def registration_cancel(*, token: str) -> Registration:
    """Cancel by the private link; the freed seats go to the waiting list, first come first served."""
    with transaction.atomic():
        registration = Registration.objects.select_related("event").get(token=token)
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status"])
        promoted = _promote_waitlist(event)
        transaction.on_commit(lambda: [_notify(r, "promoted") for r in promoted])
    return registration


def _promote_waitlist(event: Event) -> list[Registration]:
    promoted = []
    free = None if event.capacity is None else event.capacity - seats_taken(event)
    for waiting in event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "created_at", "pk"
    ):
        if free is not None and waiting.seats > free:
            break  # the next in line keeps their place: nobody jumps the queue
        waiting.status = RegistrationStatus.CONFIRMED
        waiting.save(update_fields=["status"])
        promoted.append(waiting)
        if free is not None:
            free -= waiting.seats
    return promoted


def _notify(registration: Registration, kind: str) -> None:
    """E-mail the registrant: confirmation (or waiting list), or promotion from the waiting list."""
    path = reverse("events:registration", kwargs={"token": registration.token})
    context = {
        "registration": registration,
        "event": registration.event,
        "manage_url": settings.SITE_URL + path,
        "kind": kind,
    }
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        subjects = {
            ("confirmation", RegistrationStatus.CONFIRMED): _("You are registered: %(event)s"),
            ("confirmation", RegistrationStatus.WAITLISTED): _(
                "You are on the waiting list: %(event)s"
            ),
            ("promoted", RegistrationStatus.CONFIRMED): _("A seat is free for you: %(event)s"),
        }
        subject = subjects[(kind, registration.status)] % {"event": registration.event}
        send_mail(
            subject=subject,
            message=render_to_string("events/email/registration.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[registration.email],
        )
