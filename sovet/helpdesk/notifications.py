"""The help desk's letters: to the requester in the language they chose for the answer (only
when they gave an e-mail), to the centre's staff without a word of the request's content (a
letter can be forwarded; the request is read in the admin), and the heads' daily digest.

Services call the functions here on commit; each enqueues a task (tasks run on the worker).
Our letters to a requester carry a Reply-To of ``help+<reply key>@…`` when
``HELPDESK_INBOUND_EMAIL`` is set: their answer comes back into the request (inbound.py).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from sovet.core.lookups import absolute_url, index_page
from sovet.core.reach import has_email

from .models import (
    FINISHED,
    Centre,
    CentreMember,
    CentreRole,
    DigestSent,
    HelpDeskPage,
    HelpRequest,
    Message,
    Status,
)
from .queries import overdue_q


def reply_address(help_request: HelpRequest) -> str:
    """help+<key>@domain for the inbound address help@domain; "" when replies by e-mail are off."""
    inbound = settings.HELPDESK_INBOUND_EMAIL
    if not inbound or "@" not in inbound:
        return ""
    local, domain = inbound.rsplit("@", 1)
    return f"{local}+{help_request.reply_key}@{domain}"


def status_url(help_request: HelpRequest) -> str:
    page = index_page(HelpDeskPage, help_request.language)
    if page is None:
        return settings.SITE_URL
    return absolute_url(page.status_path(help_request))


def _to_requester(help_request: HelpRequest, subject: str, template: str, context: dict) -> None:
    if not has_email(help_request.email) or help_request.anonymized_at:
        return
    reply_to = reply_address(help_request)
    EmailMessage(
        subject=f"{subject} [{help_request.reference}]",
        body=render_to_string(template, {"request": help_request, **context}),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[help_request.email],
        reply_to=[reply_to] if reply_to else None,
    ).send()


def _staff_emails(centre_id: int, *, heads_only=False, user_ids=None) -> list[str]:
    members = CentreMember.objects.filter(centre_id=centre_id)
    if heads_only:
        members = members.filter(role=CentreRole.HEAD)
    users = get_user_model().objects.filter(is_active=True, pk__in=members.values("user_id"))
    if user_ids is not None:
        users = users.filter(pk__in=user_ids)
    return list(users.exclude(email="").order_by("email").values_list("email", flat=True))


def _to_staff(addresses, subject: str, lines: list[str]) -> None:
    connection = get_connection()
    for address in addresses:  # one letter each: they do not see each other's addresses
        EmailMessage(
            subject=subject,
            body="\n".join(lines) + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            connection=connection,
        ).send()


def _admin_url(help_request) -> str:
    return absolute_url(reverse("helpdesk_request", args=[help_request.pk]))


@task()
def send_received(request_id: int) -> None:
    help_request = HelpRequest.objects.select_related("centre").filter(pk=request_id).first()
    if help_request is None:
        return
    with translation.override(help_request.language):
        _to_requester(
            help_request,
            _("Your request has been received"),
            "helpdesk/email/received.txt",
            {"status_url": status_url(help_request), "replies": bool(reply_address(help_request))},
        )
    with translation.override(settings.LANGUAGE_CODE):
        _to_staff(
            _staff_emails(help_request.centre_id),
            _("New help request %(reference)s") % {"reference": help_request.reference},
            [
                _("A new request has come to the centre: %(reference)s (%(topic)s).")
                % {"reference": help_request.reference, "topic": help_request.get_topic_display()},
                _("A first answer is due by %(date)s.")
                % {"date": date_format(help_request.first_answer_due, "DATE_FORMAT")},
                "",
                _admin_url(help_request),
            ],
        )


@task()
def send_answer(request_id: int, message_id: int) -> None:
    help_request = HelpRequest.objects.filter(pk=request_id).first()
    message = Message.objects.filter(pk=message_id, request_id=request_id).first()
    if help_request is None or message is None:
        return
    with translation.override(help_request.language):
        _to_requester(
            help_request,
            _("An answer to your request"),
            "helpdesk/email/answer.txt",
            {
                "message": message,
                "status_url": status_url(help_request),
                "replies": bool(reply_address(help_request)),
                "waiting": help_request.status == Status.WAITING,
            },
        )


@task()
def send_requester_wrote(request_id: int) -> None:
    """The assignee (or, with nobody assigned, the centre's staff) learns that the requester
    wrote again."""
    help_request = HelpRequest.objects.filter(pk=request_id).first()
    if help_request is None:
        return
    ids = [help_request.assignee_id] if help_request.assignee_id else None
    with translation.override(settings.LANGUAGE_CODE):
        _to_staff(
            _staff_emails(help_request.centre_id, user_ids=ids),
            _("The requester wrote again: %(reference)s") % {"reference": help_request.reference},
            [_admin_url(help_request)],
        )


@task()
def send_transferred(request_id: int) -> None:
    help_request = HelpRequest.objects.filter(pk=request_id).first()
    if help_request is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        _to_staff(
            _staff_emails(help_request.centre_id),
            _("A request was transferred to your centre: %(reference)s")
            % {"reference": help_request.reference},
            [_admin_url(help_request)],
        )


def request_received(request_id: int) -> None:
    send_received.enqueue(request_id)


def answered(request_id: int, message_id: int) -> None:
    send_answer.enqueue(request_id, message_id)


def requester_wrote(request_id: int) -> None:
    send_requester_wrote.enqueue(request_id)


def transferred(request_id: int) -> None:
    send_transferred.enqueue(request_id)


def send_digests(today) -> int:
    """Each centre's heads get, once a day, what waits in the centre: counts and references,
    never a name or a text."""
    sent = 0
    for centre in Centre.objects.all():
        if DigestSent.objects.filter(centre=centre, day=today).exists():
            continue
        counts = HelpRequest.objects.filter(centre=centre).aggregate(
            new=Count("pk", filter=Q(status=Status.NEW)),
            open=Count("pk", filter=~Q(status__in=FINISHED)),
            waiting=Count("pk", filter=Q(status=Status.WAITING)),
            overdue=Count("pk", filter=overdue_q(today)),
        )
        overdue = list(
            HelpRequest.objects.filter(centre=centre)
            .filter(overdue_q(today))
            .order_by("first_answer_due")
            .values_list("reference", flat=True)[:20]
        )
        DigestSent.objects.create(centre=centre, day=today)
        addresses = _staff_emails(centre.pk, heads_only=True)
        if not addresses:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            lines = [
                _("New: %(n)s") % {"n": counts["new"]},
                _("Open: %(n)s") % {"n": counts["open"]},
                _("Waiting for the requester: %(n)s") % {"n": counts["waiting"]},
                _("Overdue: %(n)s") % {"n": counts["overdue"]},
            ]
            if overdue:
                lines += ["", _("Overdue requests:"), *overdue]
            lines += ["", absolute_url(reverse("helpdesk_queue"))]
            _to_staff(
                addresses,
                _("%(centre)s: the help desk on %(date)s")
                % {"centre": centre.name_ru, "date": date_format(today, "DATE_FORMAT")},
                lines,
            )
        sent += 1
    return sent
