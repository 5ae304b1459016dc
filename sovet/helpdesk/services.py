"""Every write of the help desk: one function per use case, atomic, letters sent on commit.

The requester's: ``request_submit``, ``request_reply``, ``request_erase``. The staff's:
``answer_send``, ``note_add``, ``status_change``, ``request_assign``, ``request_transfer``,
``access_record``, ``request_called_back``. Periodic: ``anonymize_expired``, ``digests_send``.
"""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sovet.core.reach import mark_called_back

from . import notifications, rules
from .models import (
    FINISHED,
    AccessAction,
    AccessLogEntry,
    Attachment,
    Centre,
    HelpdeskSettings,
    HelpRequest,
    Message,
    MessageKind,
    ReferenceCounter,
    Status,
    Transfer,
)
from .workdays import add_working_days

MAX_ATTACHMENTS = 3  # per message, as the form says
# Scans and photos of documents, as a phone or an office makes them (core.uploads' names).
ATTACHMENT_TYPES = frozenset({"jpg", "png", "pdf", "doc", "docx", "odt"})


def _next_reference(centre: Centre, year: int) -> str:
    """Б-2026-0042: the centre's letter, the year and the next number of that year (the counter's
    row is locked, so two requests never share one)."""
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
        centre=centre, year=year
    )
    counter.last = F("last") + 1
    counter.save(update_fields=["last"])
    counter.refresh_from_db(fields=["last"])
    return f"{centre.letter}-{year}-{counter.last:04d}"


def first_answer_due(received) -> date:
    days = HelpdeskSettings.load().first_answer_days
    return add_working_days(timezone.localdate(received), days)


def _attach(help_request, message, files, *, from_staff=False) -> None:
    for upload in list(files)[:MAX_ATTACHMENTS]:
        name = (getattr(upload, "name", "") or "file")[-150:]
        attachment = Attachment(
            request=help_request,
            message=message,
            name=name,
            size=getattr(upload, "size", 0) or 0,
            from_staff=from_staff,
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()


def _event(help_request, text: str, by) -> Message:
    return Message.objects.create(
        request=help_request, kind=MessageKind.EVENT, author=by, text=text
    )


@transaction.atomic
def request_submit(
    *,
    centre: Centre,
    topic: str,
    description: str,
    language: str,
    email: str = "",
    phone: str = "",
    name: str = "",
    region=None,
    attachments=(),
) -> HelpRequest:
    """A new request from the public form: its reference number, its due date, its files; the
    requester's letter (when they gave an e-mail) and the centre's notice once committed."""
    if not (email or phone):
        raise ValidationError(_("Give an e-mail or a phone number."))
    now = timezone.now()
    help_request = HelpRequest.objects.create(
        reference=_next_reference(centre, timezone.localdate(now).year),
        centre=centre,
        topic=topic,
        description=description,
        language=language,
        email=email,
        phone=phone,
        name=name,
        region=region,
        consent_at=now,
        first_answer_due=first_answer_due(now),
        last_message_at=now,
    )
    _attach(help_request, None, attachments)
    transaction.on_commit(lambda: notifications.request_received(help_request.pk))
    return help_request


@transaction.atomic
def request_reply(*, help_request: HelpRequest, text: str, attachments=(), by_email=False):
    """The requester writes again (on the private page or by e-mail). A request waiting for them,
    answered or closed goes back to the centre."""
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if locked.anonymized_at:
        raise ValidationError(_("This request has been erased."))
    message = Message.objects.create(
        request=locked, kind=MessageKind.REQUESTER, text=text, by_email=by_email
    )
    _attach(locked, message, attachments)
    locked.last_message_at = message.created_at
    if locked.status in (Status.WAITING, Status.ANSWERED, Status.CLOSED):
        locked.status = Status.IN_PROGRESS
        locked.closed_at = None
    locked.save(update_fields=["last_message_at", "status", "closed_at", "updated_at"])
    transaction.on_commit(lambda: notifications.requester_wrote(locked.pk))
    return message


def _staff_request(help_request, by) -> HelpRequest:
    """The request, locked, if ``by`` works in its centre now; otherwise nothing happened."""
    locked = rules.visible_requests(by).select_for_update().filter(pk=help_request.pk).first()
    if locked is None:
        raise PermissionDenied
    return locked


@transaction.atomic
def answer_send(*, help_request, text: str, by, attachments=(), waiting=False) -> Message:
    """An answer the requester reads (and gets by e-mail). ``waiting``: the centre needs
    something from them (a document, a detail) before it can go on."""
    locked = _staff_request(help_request, by)
    message = Message.objects.create(request=locked, kind=MessageKind.ANSWER, author=by, text=text)
    _attach(locked, message, attachments, from_staff=True)
    locked.last_message_at = message.created_at
    if locked.first_answered_at is None:
        locked.first_answered_at = message.created_at
    if not locked.is_finished:
        locked.status = Status.WAITING if waiting else Status.ANSWERED
    if locked.assignee_id is None:
        locked.assignee = by
    locked.save()
    transaction.on_commit(lambda: notifications.answered(locked.pk, message.pk))
    return message


@transaction.atomic
def note_add(*, help_request, text: str, by) -> Message:
    """An internal note: the centre's staff read it, the requester never does."""
    locked = _staff_request(help_request, by)
    return Message.objects.create(request=locked, kind=MessageKind.NOTE, author=by, text=text)


@transaction.atomic
def status_change(*, help_request, status: str, by, referred_to: str = "") -> HelpRequest:
    locked = _staff_request(help_request, by)
    referred_to = referred_to.strip()
    if status == Status.REFERRED and not referred_to:
        raise ValidationError({"referred_to": _("Name the body the request is referred to.")})
    if status == locked.status and referred_to == locked.referred_to:
        return locked
    locked.status = status
    locked.referred_to = referred_to if status == Status.REFERRED else ""
    locked.closed_at = timezone.now() if status in FINISHED else None
    locked.save()
    text = str(Status(status).label)
    if locked.referred_to:
        text = f"{text}: {locked.referred_to}"
    _event(locked, text, by)
    return locked


@transaction.atomic
def request_assign(*, help_request, assignee, by) -> HelpRequest:
    locked = _staff_request(help_request, by)
    if assignee is not None and assignee not in rules.can_assign_to(locked.centre_id):
        raise ValidationError({"assignee": _("Only the centre's staff can take its requests.")})
    locked.assignee = assignee
    if assignee is not None and locked.status == Status.NEW:
        locked.status = Status.IN_PROGRESS
    locked.save()
    who = str(assignee) if assignee else _("nobody")
    _event(locked, _("Assigned to %(who)s") % {"who": who}, by)
    return locked


@transaction.atomic
def request_transfer(*, help_request, to_centre: Centre, by) -> Transfer:
    """Hand the request to another centre: from now on only that centre sees it; the sending
    centre keeps the fact (reference, date, where to) in its transfers."""
    locked = _staff_request(help_request, by)
    if to_centre.pk == locked.centre_id:
        raise ValidationError({"to_centre": _("The request is already in this centre.")})
    transfer = Transfer.objects.create(
        request=locked, from_centre_id=locked.centre_id, to_centre=to_centre, by=by
    )
    _event(
        locked,
        _("Transferred from %(from)s to %(to)s")
        % {"from": locked.centre.name, "to": to_centre.name},
        by,
    )
    locked.centre = to_centre
    locked.assignee = None
    if not locked.is_finished:
        locked.status = Status.NEW
    locked.save()
    transaction.on_commit(lambda: notifications.transferred(locked.pk))
    return transfer


def access_record(*, help_request, user, action=AccessAction.OPENED) -> None:
    """Write down that a member of staff opened a request (or its file, or its export)."""
    AccessLogEntry.objects.create(
        request=help_request, centre_id=help_request.centre_id, user=user, action=action
    )


@transaction.atomic
def request_called_back(*, help_request, by) -> bool:
    locked = _staff_request(help_request, by)
    done = mark_called_back(locked, by=by)
    if done:
        _event(locked, _("Called back"), by)
    return done


@transaction.atomic
def request_anonymize(*, help_request) -> HelpRequest:
    """Remove everything that names or describes the person: contacts, texts, files. The topic,
    centre, region, dates, status and the timeline's dates stay, so the figures do not move."""
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if locked.anonymized_at:
        return locked
    for attachment in locked.attachments.all():
        attachment.file.delete(save=False)
    locked.attachments.all().delete()
    locked.messages.update(text="")
    locked.name = locked.email = locked.phone = locked.description = ""
    locked.anonymized_at = timezone.now()
    locked.save()
    return locked


def request_erase(*, help_request) -> HelpRequest:
    """The requester asks to be forgotten: the request is anonymized now and closed."""
    with transaction.atomic():
        locked = request_anonymize(help_request=help_request)
        if not locked.is_finished:
            locked.status = Status.CLOSED
            locked.closed_at = timezone.now()
            locked.save(update_fields=["status", "closed_at", "updated_at"])
    return locked


def anonymize_expired(now=None) -> int:
    """Anonymize requests closed longer ago than the retention setting (periodic)."""
    now = now or timezone.now()
    months = HelpdeskSettings.load().retention_months
    before = now - timedelta(days=round(months * 30.44))
    due = HelpRequest.objects.filter(
        anonymized_at__isnull=True, closed_at__isnull=False, closed_at__lt=before
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        request_anonymize(help_request=HelpRequest(pk=pk))
        count += 1
    return count


DIGEST_HOUR = 8  # Asia/Bishkek: the heads read it when the working day starts


def digests_send(today=None) -> int:
    """Once a day, each centre's heads get what waits in the centre (counts, no personal data).
    Called without a date (the periodic task, every few minutes), it waits until 08:00 in
    Bishkek, so the letter tells the morning's state, not the night's."""
    if today is None:
        now = timezone.localtime(timezone.now(), ZoneInfo("Asia/Bishkek"))
        if now.hour < DIGEST_HOUR:
            return 0
        today = now.date()
    return notifications.send_digests(today)
