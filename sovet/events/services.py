"""Events' rules in one place: registrations that never oversell (every change locks the event's
row, then counts seats), what editing an event means for its registrants, reminders, erasure."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from sovet.core.reach import NEITHER, mark_called_back, phone_e164
from sovet.organizations.rules import manages_organizations

from . import notifications, rules
from .models import (
    BISHKEK,
    CampaignEdition,
    Event,
    EventSettings,
    EventStatus,
    Registration,
    RegistrationMode,
    RegistrationStatus,
)


def seats_taken(event: Event) -> int:
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    return confirmed.aggregate(total=Sum("seats"))["total"] or 0


def check_registration_open(event: Event, invitation_code: str = "") -> None:
    """Raise a ValidationError (with a code the event page uses) if nobody may register now."""
    now = timezone.now()
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event was cancelled."), code="cancelled")
    if event.registration == RegistrationMode.OFF:
        raise ValidationError(_("This event has no open registration."), code="not_open")
    if event.starts_at <= now:
        raise ValidationError(_("This event has already started."), code="past")
    if event.registration_closes_at and event.registration_closes_at <= now:
        raise ValidationError(_("Registration for this event is closed."), code="closed")
    # Compared as bytes: compare_digest refuses non-ASCII text, which anyone can put in a link.
    if event.registration == RegistrationMode.INVITATION and not secrets.compare_digest(
        invitation_code.encode(), event.invitation_code.encode()
    ):
        raise ValidationError(
            _("Registration for this event is by invitation: use the link from your invitation."),
            code="invitation_only",
        )


def registration_create(
    *,
    event: Event,
    name: str,
    email: str = "",
    seats: int = 1,
    phone: str = "",
    consent: bool,
    invitation_code: str = "",
) -> Registration:
    """Register, or return the registration this address (or, without one, this phone) already
    has (registering twice is harmless: the person gets their private link again, and
    `registration.just_created` is False).

    Seats are confirmed while they last and nobody is waiting; then people join the waiting list,
    in order. An e-mail, a phone or both (core.reach): a phone-only registrant gets no letter and
    is on the registrants' list to be called back.
    """
    if not consent:
        raise ValidationError(
            _("Registration needs your consent to the processing of personal data."), code="consent"
        )
    email, phone = email.strip().lower(), phone_e164(phone)
    if not email and not phone:
        raise ValidationError(NEITHER, code="no_contact")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        check_registration_open(event, invitation_code)
        if event.capacity is not None and seats > event.capacity:
            raise ValidationError(
                _("This event has only %(capacity)s seats.") % {"capacity": event.capacity},
                code="too_many_seats",
            )
        # E-mails are stored lower-cased: compare exactly (SQLite's iexact ignores Cyrillic).
        same = Q(email=email) if email else Q(email="", phone=phone)
        existing = (
            Registration.objects.filter(same, event=event)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
        if existing:
            existing.just_created = False
            transaction.on_commit(lambda: notifications.send_later(existing, "link"))
            return existing
        someone_waits = event.registrations.filter(status=RegistrationStatus.WAITLISTED).exists()
        fits = not someone_waits and (
            event.capacity is None or seats_taken(event) + seats <= event.capacity
        )
        registration = Registration(
            event=event,
            name=name.strip(),
            email=email,
            phone=phone,
            seats=seats,
            consent=True,
            status=RegistrationStatus.CONFIRMED if fits else RegistrationStatus.WAITLISTED,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        registration.full_clean()
        registration.save()
        registration.just_created = True
        transaction.on_commit(lambda: notifications.send_later(registration, "confirmation"))
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
        _promote_waitlist(event)
    return registration


def _promote_waitlist(event: Event) -> list[Registration]:
    """Confirm the people waiting, in order, while seats last; each is told by e-mail.

    Only for an event still to come: after a cancellation or the start, a free seat helps nobody.
    """
    if event.status == EventStatus.CANCELLED or event.starts_at <= timezone.now():
        return []
    promoted = []
    free = None if event.capacity is None else event.capacity - seats_taken(event)
    waiting_list = event.registrations.filter(
        status=RegistrationStatus.WAITLISTED, erased_at__isnull=True
    ).order_by("created_at", "pk")
    for waiting in waiting_list:
        if free is not None and waiting.seats > free:
            break  # the next in line keeps their place: nobody jumps the queue
        waiting.status = RegistrationStatus.CONFIRMED
        waiting.save(update_fields=["status"])
        promoted.append(waiting)
        if free is not None:
            free -= waiting.seats
        transaction.on_commit(
            lambda pk=waiting.pk: notifications.send_registration_email.enqueue(pk, "promoted")
        )
    return promoted


# What registrants are told about when an event they registered for is edited.
WATCHED_FIELDS = (
    "starts_at", "ends_at", "all_day", "venue", "address", "city", "online_url", "status",
)  # fmt: skip


def _comparable(value):
    """Times to the minute and text without stray spaces: what a person would call a change."""
    if hasattr(value, "second"):
        return value.replace(second=0, microsecond=0)
    return value.strip() if isinstance(value, str) else value


def snapshot(event: Event) -> dict:
    """The fields of an event its registrants care about, taken before an edit."""
    return {
        name: _comparable(getattr(event, name))
        for name in (*WATCHED_FIELDS, "capacity", "registration")
    }


def check_event(event: Event, before: dict | None = None) -> None:
    """Rules an edit must respect, beyond each field's own: raises ValidationError by field."""
    errors = {}
    now = timezone.now()
    was_open = before is not None and before["registration"] != RegistrationMode.OFF
    if event.registration != RegistrationMode.OFF and not was_open and event.starts_at <= now:
        errors["registration"] = ValidationError(
            _("This event has already started: registration cannot be opened."),
            code="past_event",
        )
    if event.pk and event.capacity is not None:
        taken = seats_taken(event)
        if event.capacity < taken:
            errors["capacity"] = ValidationError(
                _("%(taken)s seats are already taken: the capacity cannot be lower.")
                % {"taken": taken},
                code="below_taken",
            )
    if errors:
        raise ValidationError(errors)


def event_saved(event: Event, before: dict | None) -> None:
    """After an event is saved in the admin: tell registrants what changed, move the waiting list.

    Call inside the saving transaction; e-mails go out from a background task after the commit.
    """
    if before is None:
        return
    pk = event.pk
    if event.status == EventStatus.CANCELLED:
        if before["status"] != EventStatus.CANCELLED:
            transaction.on_commit(
                lambda: notifications.notify_registrants.enqueue(pk, "cancelled", [])
            )
        return  # a cancelled event's later edits are not news
    changes = [name for name in WATCHED_FIELDS if _comparable(getattr(event, name)) != before[name]]
    if changes:
        transaction.on_commit(
            lambda: notifications.notify_registrants.enqueue(pk, "changed", changes)
        )
    if "starts_at" in changes:
        # A new date deserves a new reminder the day before it.
        event.registrations.update(reminded_at=None)
    # More seats, a new date or a reinstated event may free seats for the waiting list.
    _promote_waitlist(Event.objects.select_for_update().get(pk=pk))


def send_due_reminders(now=None) -> int:
    """Remind confirmed registrants of events starting within the next 24 hours, once each.

    People who registered in the last 12 hours have just had their confirmation: no reminder.
    """
    now = now or timezone.now()
    due = (
        Registration.objects.select_related("event")
        .filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            erased_at__isnull=True,
            email__gt="",  # a phone-only registrant gets no letter
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(hours=24),
            event__published=True,
            created_at__lte=now - timedelta(hours=12),
        )
        .exclude(event__status=EventStatus.CANCELLED)
    )
    count = 0
    for registration in due:
        # Claim the reminder first, so two workers never send it twice.
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if claimed:
            notifications.registration_email(registration, "reminder")
            count += 1
    return count


def erase_expired_registrations(now=None) -> int:
    """Erase registrants' personal data the configured number of days after the event ends.

    Seats, status and check-in stay, so attendance and the period figures still add up.
    """
    now = now or timezone.now()
    days = EventSettings.load().erase_registrations_after_days
    expired = Registration.objects.filter(
        erased_at__isnull=True, event__ends_at__lt=now - timedelta(days=days)
    )
    erased = 0
    for pk in expired.values_list("pk", flat=True):
        erased += Registration.objects.filter(pk=pk).update(
            name="—",
            email=f"erased-{pk}@invalid",
            phone="",
            token=secrets.token_urlsafe(24),
            erased_at=now,
        )
    return erased


def registration_called_back(*, registration: Registration, by) -> bool:
    """A staff member called the registrant back (a phone-only registration has no letter).
    False when somebody already had; logged on the event."""
    with transaction.atomic():
        done = mark_called_back(registration, by=by)
        if done:
            log(
                instance=registration.event,
                action="events.called_back",
                user=by,
                data={"registration": registration.pk},
            )
    return done


def check_in(registration: Registration, *, arrived: bool = True) -> Registration:
    registration.checked_in_at = timezone.now() if arrived else None
    registration.save(update_fields=["checked_in_at"])
    return registration


def attendance(event: Event) -> int:
    """How many came: the organizers' count if they gave one, else the seats checked in."""
    if event.attendance is not None:
        return event.attendance
    checked_in = event.registrations.filter(checked_in_at__isnull=False)
    return checked_in.aggregate(total=Sum("seats"))["total"] or 0


def event_approve(event: Event, *, by) -> bool:
    """A Council secretary lets an editor's event appear on the site. False if it already was."""

    with transaction.atomic():
        approved = Event.objects.filter(pk=event.pk, approved=False).update(
            approved=True, updated_at=timezone.now()
        )
        if approved:
            event.approved = True
            log(instance=event, action="events.approve", user=by)
    return bool(approved)


def needs_approval(user) -> bool:
    """Whether this user's events wait for a secretary before they appear on the site."""
    return EventSettings.load().require_approval and not manages_organizations(user)


def period_figures(start, end) -> list[tuple[str, object]]:
    """The Council's period report: events held, people registered and people who came."""
    held = Event.objects.filter(
        published=True, approved=True, starts_at__date__range=(start, end)
    ).exclude(status=EventStatus.CANCELLED)
    registered = Registration.objects.filter(
        event__in=held, status=RegistrationStatus.CONFIRMED
    ).aggregate(total=Sum("seats"))["total"]
    counted = held.filter(attendance__isnull=False).aggregate(total=Sum("attendance"))["total"]
    checked_in = Registration.objects.filter(
        event__in=held.filter(attendance__isnull=True), checked_in_at__isnull=False
    ).aggregate(total=Sum("seats"))["total"]
    reported = held.filter(Q(attendance__isnull=False) | ~Q(press_links="")).count()
    return [
        (_("Events held"), held.count()),
        (_("People registered for events"), registered or 0),
        (_("People who came to events"), (counted or 0) + (checked_in or 0)),
        (_("Events with a participation report"), reported),
    ]


# What a new edition takes from the last one: where, who and how; never the dates' outcome
# (attendance, press, photos), the approval or a decision of the last conference.
COPIED_FIELDS = (
    "title_ru", "title_ky", "title_en", "description_ru", "description_ky", "description_en",
    "all_day", "venue", "venue_ky", "venue_en", "address", "address_ky", "address_en", "city",
    "latitude", "longitude", "region_id", "online_url",
    "memorial_place_id", "series_id", "audience", "image_id", "registration", "capacity",
)  # fmt: skip


def _same_day(moment, year: int):
    """The same day and hour (in Bishkek) of another year; 29 February becomes the 28th."""
    local = moment.astimezone(BISHKEK)
    try:
        return local.replace(year=year)
    except ValueError:
        return local.replace(year=year, day=28)


def edition_copy(*, edition: CampaignEdition, year: int, by) -> CampaignEdition:
    """Another year's edition of a campaign from this one: its events' cities, organizers,
    venues and places copied as unpublished drafts, on the same days of the new year for the
    secretary to set and publish. Only those who manage campaigns; a year already held is
    refused."""
    if not rules.can_manage_campaigns(by):
        raise PermissionDenied
    if not 1990 <= year <= 2100:
        raise ValidationError(_("Give a year between 1990 and 2100."), code="year_range")
    with transaction.atomic():
        if CampaignEdition.objects.filter(campaign_id=edition.campaign_id, year=year).exists():
            raise ValidationError(
                _("This campaign already has an edition in %(year)s.") % {"year": year},
                code="edition_exists",
            )
        copy = CampaignEdition.objects.create(campaign_id=edition.campaign_id, year=year)
        events = list(
            Event.objects.filter(edition=edition)
            .prefetch_related("organizations", "tags")
            .order_by("starts_at", "pk")
        )
        for event in events:
            new = Event(
                **{name: getattr(event, name) for name in COPIED_FIELDS},
                starts_at=_same_day(event.starts_at, year),
                ends_at=_same_day(event.ends_at, year),
                edition=copy,
                published=False,
                approved=True,
            )
            new.ends_at = max(new.ends_at, new.starts_at)
            new.save()
            new.organizations.set(event.organizations.all())
            new.tags.set(event.tags.all())
        log(instance=copy, action="events.edition_copy", user=by, data={"from": edition.pk})
    copy.copied_events = len(events)
    return copy
