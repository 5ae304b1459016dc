"""Letters about an initiative's status: to the author (if they asked) and to the supporters who
asked, each in their own language (their volunteer profile's, else the initiative's).

Services call `status_changed` on commit; it enqueues the task that writes the letters, so a slow
mail server never fails a request.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_tasks import task

from sovet.core.lookups import absolute_url, index_page
from sovet.core.reach import has_email

from ..models import Initiative, VolunteersPage

SUBJECTS = {
    "collecting": gettext_lazy("Your initiative collects supports: %(title)s"),
    "refused": gettext_lazy("The initiative is not admitted: %(title)s"),
    "answering": gettext_lazy("The initiative goes to the youth council: %(title)s"),
    "accepted": gettext_lazy("The initiative is accepted: %(title)s"),
    "declined": gettext_lazy("The initiative is declined: %(title)s"),
}


def initiative_url(initiative: Initiative, language: str) -> str:
    page = index_page(VolunteersPage, language)
    if page is None:
        return settings.SITE_URL
    return absolute_url(f"{page.get_url()}initiatives/{initiative.pk}/")


def recipients(initiative: Initiative):
    """The accounts to write to: the author if they asked, the supporters who asked."""
    wanted = Q(initiative_supports__initiative=initiative, initiative_supports__notify=True)
    if initiative.notify_author:
        wanted |= Q(pk=initiative.author_id)
    return (
        get_user_model()
        .objects.filter(wanted, is_active=True)
        .select_related("volunteer")
        .distinct()
        .order_by("pk")
    )


def _language(user, initiative: Initiative) -> str:
    volunteer = getattr(user, "volunteer", None)
    language = volunteer.language if volunteer is not None else initiative.language
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def email_status(initiative: Initiative, status: str) -> int:
    """One letter to each recipient (they do not see each other's addresses)."""
    if status not in SUBJECTS:
        return 0
    connection = get_connection()
    sent = 0
    for user in recipients(initiative):
        if not has_email(user.email):
            continue
        language = _language(user, initiative)
        with translation.override(language):
            context = {
                "initiative": initiative,
                "status": status,
                "is_author": user.pk == initiative.author_id,
                "url": initiative_url(initiative, language),
            }
            EmailMessage(
                subject=str(SUBJECTS[status]) % {"title": initiative.title},
                body=render_to_string("community/initiatives/email/status.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[user.email],
                connection=connection,
            ).send()
        sent += 1
    return sent


@task()
def send_status(initiative_id: int, status: str) -> int:
    initiative = Initiative.objects.filter(pk=initiative_id).first()
    return email_status(initiative, status) if initiative else 0


def status_changed(initiative_id: int, status: str) -> None:
    send_status.enqueue(initiative_id, status)
