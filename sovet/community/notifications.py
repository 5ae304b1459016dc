"""Letters to volunteers and their guardians, in the volunteer's language (the one they signed up
in): a place confirmed, on the waiting list, promoted, cancelled, the reminder the day before, and
the shift moved or cancelled by its coordinator, and the guardian's request to confirm a minor's
consent.

Services call `send_later` once their transaction has committed; the letter goes from a task.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_tasks import task

from sovet.core.lookups import absolute_url, index_page
from sovet.core.reach import has_email

from .models import GuardianConsent, Participation, ParticipationStatus, VolunteersPage

SUBJECTS = {
    "confirmed": gettext_lazy("Your place on the shift is confirmed: %(project)s"),
    "waiting": gettext_lazy("You are on the waiting list for the shift: %(project)s"),
    "promoted": gettext_lazy("A place on the shift is free for you: %(project)s"),
    "cancelled": gettext_lazy("Your place on the shift is cancelled: %(project)s"),
    "reminder": gettext_lazy("Reminder: your shift tomorrow, %(project)s"),
    "moved": gettext_lazy("The shift's time has changed: %(project)s"),
    "shift_cancelled": gettext_lazy("The shift is cancelled: %(project)s"),
}
# Letters that matter only while the place is still held when the task runs.
FOR_CONFIRMED = {"reminder"}
FOR_LIVE = {"moved", "shift_cancelled"}


def page_url(language: str, path: str = "") -> str:
    """An address on the volunteers' page, in `language`, that works from a letter."""
    page = index_page(VolunteersPage, language)
    if page is None:
        return settings.SITE_URL
    return absolute_url(f"{page.url}{path}")


def participation_email(participation: Participation, kind: str) -> None:
    volunteer = participation.volunteer
    email = volunteer.user.email
    if not has_email(email):
        return
    shift = participation.slot.shift
    with translation.override(volunteer.language or settings.LANGUAGE_CODE):
        context = {
            "volunteer": volunteer,
            "participation": participation,
            "shift": shift,
            "kind": kind,
            "shift_url": page_url(volunteer.language, f"shifts/{shift.pk}/"),
            "me_url": page_url(volunteer.language, "me/"),
        }
        EmailMessage(
            subject=str(SUBJECTS[kind]) % {"project": shift.project.title},
            body=render_to_string("community/email/participation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
        ).send()


def guardian_email(consent: GuardianConsent) -> None:
    if not has_email(consent.guardian_email):
        return
    volunteer = consent.volunteer
    with translation.override(volunteer.language or settings.LANGUAGE_CODE):
        context = {
            "consent": consent,
            "first_name": first_name(volunteer),
            "confirm_url": page_url(volunteer.language, f"guardian/{consent.token}/"),
        }
        EmailMessage(
            subject=str(gettext_lazy("Please confirm your consent: volunteering with the Council")),
            body=render_to_string("community/email/guardian.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[consent.guardian_email],
        ).send()


def first_name(volunteer) -> str:
    """«Анна» of «Петрова Анна Сергеевна» (family name first, as forms ask); the only word of
    a minor's name a guardian's page or letter shows."""
    words = volunteer.full_name.split()
    return words[1] if len(words) > 1 else (words[0] if words else "")


def send_later(kind: str, pk: int) -> None:
    """The letter from a background task: a slow mail server never fails a request."""
    if kind == "guardian":
        send_guardian_email.enqueue(pk)
    else:
        send_participation_email.enqueue(pk, kind)


@task()
def send_participation_email(participation_id: int, kind: str) -> bool:
    participation = (
        Participation.objects.select_related(
            "volunteer__user", "slot__shift__project", "slot__shift__memorial_place"
        )
        .filter(pk=participation_id)
        .first()
    )
    if participation is None:
        return False
    if kind in FOR_CONFIRMED and participation.status != ParticipationStatus.CONFIRMED:
        return False
    if kind in FOR_LIVE and participation.status == ParticipationStatus.CANCELLED:
        return False
    participation_email(participation, kind)
    return True


@task()
def send_guardian_email(consent_id: int) -> bool:
    consent = GuardianConsent.objects.select_related("volunteer").filter(pk=consent_id).first()
    if consent is None or consent.confirmed_at is not None:
        return False
    guardian_email(consent)
    return True
