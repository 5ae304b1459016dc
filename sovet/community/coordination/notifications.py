"""Coordination's letters: a volunteer learns whether their guardian's signed form was accepted,
or that their guardian's consent was withdrawn, in the language they signed up in. Services call these on commit; each enqueues a task."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from sovet.core.lookups import absolute_url, index_page

from ..models import GuardianConsent, VolunteersPage


@task()
def send_consent_decided(consent_id: int) -> None:
    consent = (
        GuardianConsent.objects.select_related("volunteer__user").filter(pk=consent_id).first()
    )
    if consent is None or not consent.volunteer.user.email:
        return
    volunteer = consent.volunteer
    with translation.override(volunteer.language):
        page = index_page(VolunteersPage, volunteer.language)
        accepted = consent.confirmed_at is not None
        body = render_to_string(
            "community/coordination/email/consent_decided.txt",
            {
                "volunteer": volunteer,
                "consent": consent,
                "accepted": accepted,
                "me_url": absolute_url(page.url + "me/") if page is not None else "",
                "consent_url": absolute_url(page.url + "me/consent/") if page is not None else "",
            },
        )
        subject = (
            _("Your guardian's consent is accepted")
            if accepted
            else _("Your guardian's consent form is refused")
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [volunteer.user.email])


def consent_decided(consent_id: int) -> None:
    send_consent_decided.enqueue(consent_id)


@task()
def send_consent_withdrawn(consent_id: int) -> None:
    consent = (
        GuardianConsent.objects.select_related("volunteer__user").filter(pk=consent_id).first()
    )
    if consent is None or not consent.volunteer.user.email:
        return
    volunteer = consent.volunteer
    with translation.override(volunteer.language):
        page = index_page(VolunteersPage, volunteer.language)
        body = render_to_string(
            "community/coordination/email/consent_withdrawn.txt",
            {
                "volunteer": volunteer,
                "consent": consent,
                "me_url": absolute_url(page.url + "me/") if page is not None else "",
            },
        )
        subject = _("Your guardian's consent is withdrawn")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [volunteer.user.email])


def consent_withdrawn(consent_id: int) -> None:
    send_consent_withdrawn.enqueue(consent_id)
