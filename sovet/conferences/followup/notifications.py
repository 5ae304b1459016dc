"""The follow-up's letters, each in its reader's language (``queries.language_of``): reminders
to the assigned organizations' editors, the question to a report's author, the answer and the
monthly digest to the secretaries.

Services call the ``*_later`` functions once their transaction has committed; each enqueues a
task, so a slow mail server never fails a request and one failure loses no other letter.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy
from django_tasks import task

from sovet.core.lookups import absolute_url, index_page
from sovet.core.reach import has_email

from ..models import (
    ConferenceIndexPage,
    ConferencesSettings,
    DecisionReminder,
    DecisionStatus,
    ReminderKind,
    ReportEvent,
)
from . import queries

SUBJECTS = {
    ReminderKind.BEFORE_DUE: gettext_lazy("A decision falls due on %(date)s: %(decision)s"),
    ReminderKind.OVERDUE: gettext_lazy("A decision is overdue: %(decision)s"),
    "asked_more": gettext_lazy("The Council secretary asks for more on your report"),
    "answered": gettext_lazy("An organization answered your question on a report"),
    "digest": gettext_lazy("Resolution decisions: the digest of %(month)s"),
}


def decision_name(decision) -> str:
    """«XII country conference, decision 9», in the active language."""
    return str(
        gettext_lazy("%(conference)s, decision %(number)s")
        % {"conference": decision.resolution.conference, "number": decision.number}
    )


def decision_url(decision, language: str) -> str:
    """The decision's public page in ``language`` ('' when the site has no conferences page)."""
    page = index_page(ConferenceIndexPage, language)
    return absolute_url(page.decision_url(decision)) if page else ""


def report_url(decision, organization=None) -> str:
    """The admin screen where an editor reports on the decision (and answers questions)."""
    url = absolute_url(reverse("conferences_report", args=[decision.pk]))
    return f"{url}?organization={organization.pk}" if organization else url


def review_url(report) -> str:
    return absolute_url(reverse("conferences_report_review", args=[report.pk]))


def _send(users, subject, template: str, context: dict) -> int:
    """One letter to each of ``users`` (they do not see each other's addresses), each in their
    language; ``subject`` and ``context`` may be callables of the user, read in that language."""
    connection, sent = get_connection(), 0
    for user in users:
        if not has_email(user.email):
            continue
        language = queries.language_of(user)
        with translation.override(language):
            data = context(user, language) if callable(context) else context
            EmailMessage(
                subject=str(subject(data) if callable(subject) else subject),
                body=render_to_string(template, {"user": user, **data}),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[user.email],
                connection=connection,
            ).send()
        sent += 1
    return sent


def reminder_later(reminder_id: int, user_ids: list[int]) -> None:
    send_reminder.enqueue(reminder_id, user_ids)


def asked_more_later(event_id: int) -> None:
    send_asked_more.enqueue(event_id)


def answered_later(event_id: int) -> None:
    send_answered.enqueue(event_id)


def digest_later(today: str) -> None:
    send_digest.enqueue(today)


@task()
def send_reminder(reminder_id: int, user_ids: list[int]) -> int:
    reminder = (
        DecisionReminder.objects.select_related("decision__resolution__conference")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or reminder.decision.status in (
        DecisionStatus.DONE,
        DecisionStatus.CANCELLED,
    ):
        return 0
    decision = reminder.decision
    users = (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .select_related("wagtail_userprofile")
    )
    organizations = list(
        decision.organizations.filter(editor_links__user__in=user_ids)
        .prefetch_related("editor_links")
        .distinct()
    )

    def context(user, language):
        mine = [o for o in organizations if any(e.user_id == user.pk for e in o.editor_links.all())]
        return {
            "decision": decision,
            "decision_name": decision_name(decision),
            "kind": reminder.kind,
            "due_on": reminder.due_on,
            "organizations": mine,
            "report_url": report_url(decision, mine[0] if len(mine) == 1 else None),
            "decision_url": decision_url(decision, language),
        }

    return _send(
        users,
        lambda data: (
            SUBJECTS[data["kind"]]
            % {
                "decision": data["decision_name"],
                "date": date_format(data["due_on"], "DATE_FORMAT"),
            }
        ),
        "conferences/email/reminder.txt",
        context,
    )


def _event(event_id: int):
    return (
        ReportEvent.objects.select_related(
            "author", "report__decision__resolution__conference", "report__organization"
        )
        .filter(pk=event_id)
        .first()
    )


@task()
def send_asked_more(event_id: int) -> int:
    """The report's author learns what the secretary asks; with no author to write to (gone,
    or no address), the organization's editors do."""
    event = _event(event_id)
    if event is None:
        return 0
    report = event.report
    author = report.author
    if author is not None and author.is_active and has_email(author.email):
        users = [author]
    else:
        users = (
            get_user_model()
            .objects.filter(
                is_active=True, pk__in=report.organization.editor_links.values("user_id")
            )
            .select_related("wagtail_userprofile")
        )
    decision = report.decision
    return _send(
        users,
        SUBJECTS["asked_more"],
        "conferences/email/asked_more.txt",
        lambda user, language: {
            "event": event,
            "report": report,
            "decision_name": decision_name(decision),
            "answer_url": report_url(decision, report.organization),
        },
    )


@task()
def send_answered(event_id: int) -> int:
    event = _event(event_id)
    if event is None:
        return 0
    report = event.report
    return _send(
        queries.secretaries(),
        SUBJECTS["answered"],
        "conferences/email/answered.txt",
        lambda user, language: {
            "event": event,
            "report": report,
            "decision_name": decision_name(report.decision),
            "review_url": review_url(report),
        },
    )


@task()
def send_digest(today: str) -> int:
    day = date.fromisoformat(today)
    config = ConferencesSettings.load()
    contents = queries.digest(today=day, stale_days=config.stale_report_days)
    if contents.is_empty:
        return 0

    def context(user, language):
        return {
            "digest": contents,
            "stale_days": config.stale_report_days,
            "overdue": [(decision_name(d), d, _decision_admin_url(d)) for d in contents.overdue],
            "stale": [(decision_name(d), d, _decision_admin_url(d)) for d in contents.stale],
            "waiting": [(decision_name(r.decision), r, review_url(r)) for r in contents.waiting],
            "overdue_url": absolute_url(reverse("conferences_decision:index") + "?overdue=true"),
            "waiting_url": absolute_url(reverse("conferences_reports_waiting")),
            "month": date_format(day, "YEAR_MONTH_FORMAT"),
        }

    return _send(
        queries.secretaries(),
        lambda data: SUBJECTS["digest"] % {"month": data["month"]},
        "conferences/email/digest.txt",
        context,
    )


def _decision_admin_url(decision) -> str:
    return absolute_url(reverse("conferences_decision:edit", args=[decision.pk]))
