"""The follow-up's changes: reminders of due dates, the secretary's monthly digest, and the
organization's answer to the secretary's question on a report.

Periodic (``tasks.py``, the ``periodic_tasks`` hook): ``reminders_send``, ``digest_send``.
Each is idempotent: a row (``DecisionReminder``, ``DigestSent``) is claimed in the same
transaction before its letters are queued, so a repeated or concurrent run sends nothing twice.
"""

from datetime import date, timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    ConferencesSettings,
    DecisionReminder,
    DigestSent,
    ProgressReport,
    Recurrence,
    ReminderKind,
    ReportEvent,
    ReportEventKind,
    ReportStatus,
)
from . import notifications, queries, rules

DIGEST_HOUR = 8  # Bishkek time: the secretary reads it when the working day starts
# The organizations hear of an overdue decision in its first month only; after that it is the
# secretary's (the monthly digest lists it). A first run on a years-old resolution sends nothing
# about decisions overdue since long ago.
OVERDUE_REMINDER_DAYS = 30


def reminder_due(decision, *, today: date, days_before: int, remind_overdue: bool):
    """The reminder a decision calls for today, as (kind, due_on), or None.

    "Before the due date": from ``days_before`` days before the due date's last day up to that
    day. "Overdue": the day after (``Decision.is_overdue_on``), once per due date, within
    ``OVERDUE_REMINDER_DAYS`` of it. A decision
    done every year has no single due date: it is reminded before the end of each year (its
    ``due_on`` is 31 December of this year), and is overdue only by its own due date, if any."""
    if decision.recurrence == Recurrence.PERMANENT:
        return None  # kept up for good: nothing falls due
    if decision.is_overdue_on(today):
        due_on = decision.due.latest()
        recent = today - due_on <= timedelta(days=OVERDUE_REMINDER_DAYS)
        return (ReminderKind.OVERDUE, due_on) if remind_overdue and recent else None
    if decision.recurrence == Recurrence.YEARLY:
        due_on = date(today.year, 12, 31)
    elif decision.recurrence == Recurrence.NONE and decision.due:
        due_on = decision.due.latest()
    else:
        return None
    if due_on - timedelta(days=days_before) <= today <= due_on:
        return ReminderKind.BEFORE_DUE, due_on
    return None


def reminders_send(*, today: date | None = None) -> int:
    """Remind the assigned organizations' editors of due dates; the number of reminders queued.

    One letter per person and decision, whatever the number of their assigned organizations.
    A reminder with nobody to write to is not recorded: an editor added later still gets it."""
    today = today or timezone.localdate()
    config = ConferencesSettings.load()
    due = []
    for decision in queries.decisions_to_remind():
        found = reminder_due(
            decision,
            today=today,
            days_before=config.remind_days_before,
            remind_overdue=config.remind_overdue,
        )
        if found:
            due.append((decision, *found))
    if not due:
        return 0
    sent = set(
        DecisionReminder.objects.filter(decision__in=[d for d, _k, _o in due]).values_list(
            "decision_id", "kind", "due_on"
        )
    )
    count = 0
    for decision, kind, due_on in due:
        if (decision.pk, kind, due_on) in sent:
            continue
        user_ids = sorted(
            {
                link.user_id
                for organization in decision.organizations.all()
                for link in organization.editor_links.all()
            }
        )
        if not user_ids:
            continue
        with transaction.atomic():
            reminder, created = DecisionReminder.objects.get_or_create(
                decision=decision,
                kind=kind,
                due_on=due_on,
                defaults={"recipients": len(user_ids)},
            )
            if created:
                transaction.on_commit(partial(notifications.reminder_later, reminder.pk, user_ids))
                count += 1
    return count


def digest_send(*, now=None) -> bool:
    """The secretaries' digest, once a month: on the first run on or after the 1st, 08:00 in
    Bishkek. The month is recorded even when there is nothing to tell (no letter then): the
    digest is a monthly reading, not an alarm; the desk shows the same lists every day."""
    now = timezone.localtime(now or timezone.now())
    if now.hour < DIGEST_HOUR:
        return False
    config = ConferencesSettings.load()
    if not config.monthly_digest:
        return False
    month = now.date().replace(day=1)
    if DigestSent.objects.filter(month=month).exists():
        return False
    contents = queries.digest(today=now.date(), stale_days=config.stale_report_days)
    with transaction.atomic():
        _sent, created = DigestSent.objects.get_or_create(month=month)
        if not created or contents.is_empty:
            return False
        today = now.date().isoformat()
        transaction.on_commit(partial(notifications.digest_later, today))
    return True


def progress_report_answer(*, report: ProgressReport, user, text: str) -> ReportEvent:
    """The organization answers the secretary's question: the answer is kept in the report's
    history (the report's own text is unchanged) and the report waits for review again."""
    if not rules.can_answer_report(user, report):
        raise PermissionDenied(_("Only an editor of the reporting organization can answer."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your answer to the secretary."), code="required")
    with transaction.atomic():
        locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.NEEDS_MORE:
            raise ValidationError(
                _("The secretary has not asked for more on this report."), code="not_asked"
            )
        event = ReportEvent(report=locked, kind=ReportEventKind.ANSWERED, text=text, author=user)
        event.full_clean()
        event.save()
        ProgressReport.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
        report.status = ReportStatus.SUBMITTED
        transaction.on_commit(partial(notifications.answered_later, event.pk))
    return event


def record_review(*, report: ProgressReport, user, status: str, comment: str) -> ReportEvent:
    """The history's step of the secretary's review (``services.progress_report_review``), and
    the letter to the organization when more is asked, after commit."""
    kind = (
        ReportEventKind.ACCEPTED if status == ReportStatus.ACCEPTED else ReportEventKind.ASKED_MORE
    )
    event = ReportEvent.objects.create(report=report, kind=kind, text=comment, author=user)
    if kind == ReportEventKind.ASKED_MORE:
        transaction.on_commit(partial(notifications.asked_more_later, event.pk))
    return event
