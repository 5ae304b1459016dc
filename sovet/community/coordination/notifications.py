"""Coordination's letters: a volunteer learns whether their guardian's signed form was accepted,
or that their guardian's consent was withdrawn, in the language they signed up in. Services call
these on commit; each enqueues a task."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from sovet.core.lookups import absolute_url, index_page

from ..models import GuardianConsent, VolunteersPage


def _write_about(consent_id: int, template: str, subject) -> None:
    """A letter about a consent to its volunteer; `subject(consent)` is called in their language."""
    consent = (
        GuardianConsent.objects.select_related("volunteer__user").filter(pk=consent_id).first()
    )
    if consent is None or not consent.volunteer.user.email:
        return
    volunteer = consent.volunteer
    with translation.override(volunteer.language):
        page = index_page(VolunteersPage, volunteer.language)
        base = absolute_url(page.url) if page is not None else ""
        body = render_to_string(
            template,
            {
                "volunteer": volunteer,
                "consent": consent,
                "accepted": consent.confirmed_at is not None,
                "me_url": f"{base}me/" if base else "",
                "consent_url": f"{base}me/consent/" if base else "",
            },
        )
        title = subject(consent)
    send_mail(title, body, settings.DEFAULT_FROM_EMAIL, [volunteer.user.email])


@task()
def send_consent_decided(consent_id: int) -> None:
    _write_about(
        consent_id,
        "community/coordination/email/consent_decided.txt",
        lambda consent: (
            _("Your guardian's consent is accepted")
            if consent.confirmed_at is not None
            else _("Your guardian's consent form is refused")
        ),
    )


def consent_decided(consent_id: int) -> None:
    send_consent_decided.enqueue(consent_id)


@task()
def send_consent_withdrawn(consent_id: int) -> None:
    _write_about(
        consent_id,
        "community/coordination/email/consent_withdrawn.txt",
        lambda consent: _("Your guardian's consent is withdrawn"),
    )


def consent_withdrawn(consent_id: int) -> None:
    send_consent_withdrawn.enqueue(consent_id)
