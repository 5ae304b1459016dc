"""Reads of the follow-up: who gets the letters, what the digest lists, a decision's history."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, Max, OuterRef, Prefetch, Q

from sovet.accounts.roles import Role
from sovet.organizations.models import OrganizationEditor

from .. import queries
from ..models import (
    Decision,
    DecisionStatus,
    ProgressReport,
    Recurrence,
    ReportEvent,
    ReportEventKind,
    ReportStatus,
)

OPEN = Q(tracked=True) & ~Q(status__in=[DecisionStatus.DONE, DecisionStatus.CANCELLED])


def language_of(user) -> str:
    """The language a person reads their letters in: the one they chose for the admin (Wagtail's
    profile), else the site's (Russian)."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = profile.preferred_language if profile else ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def secretaries():
    """The Council's secretaries who can be written to (administrators are not in the group)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=str(Role.COUNCIL_SECRETARY))
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("email")
    )


def decisions_to_remind():
    """Open tracked decisions with an assigned organization (permanent ones have no due date to
    remind of), each organization with its active editors: one query for the decisions, one
    for their organizations, one for the editors. Due dates are periods, read in Python."""
    editors = OrganizationEditor.objects.filter(user__is_active=True).exclude(user__email="")
    return (
        Decision.objects.filter(OPEN, organizations__isnull=False)
        .exclude(recurrence=Recurrence.PERMANENT)
        .select_related("resolution__conference")
        .prefetch_related(Prefetch("organizations__editor_links", queryset=editors))
        .distinct()
    )


@dataclass
class Digest:
    """The secretary's monthly digest: overdue decisions, those without a report for long, and
    reports waiting for review (``answered``: the organization answered a question)."""

    overdue: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    waiting: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.stale or self.waiting)


def digest(*, today: date, stale_days: int) -> Digest:
    overdue = sorted(
        queries.overdue_decisions(), key=lambda d: (d.due.latest(), d.resolution_id, d.number)
    )
    cutoff = today - timedelta(days=stale_days)
    overdue_pks = {decision.pk for decision in overdue}
    stale = [
        decision
        for decision in Decision.objects.filter(OPEN)
        .annotate(last_report=Max("reports__reported_on"))
        .filter(
            Q(last_report__lt=cutoff)
            | Q(last_report__isnull=True, resolution__adopted_on__lt=cutoff)
        )
        .select_related("resolution__conference")
        .order_by("resolution__adopted_on", "number")
        if decision.pk not in overdue_pks
    ]
    return Digest(overdue=overdue, stale=stale, waiting=list(reports_waiting()))


def reports_waiting():
    """Reports waiting for the secretary's review, oldest first; ``answered``: the organization
    answered a question on it (a report goes back to "submitted" when answered)."""
    answered = ReportEvent.objects.filter(report=OuterRef("pk"), kind=ReportEventKind.ANSWERED)
    return (
        ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)
        .annotate(answered=Exists(answered))
        .select_related("decision__resolution__conference", "organization")
        .order_by("created_at", "pk")
    )


def report_history(decision, *, accepted_only: bool = False):
    """Every step of the review of the decision's reports, oldest first (``ReportEvent``:
    ``kind``, ``get_kind_display``, ``text``, ``author``, ``at``; ``report`` and
    ``report.organization`` for whose report). ``accepted_only``: the steps of the reports the
    secretary accepted, for the public (as ``queries.latest_reports``)."""
    events = ReportEvent.objects.filter(report__decision=decision)
    if accepted_only:
        events = events.filter(report__status=ReportStatus.ACCEPTED)
    return events.select_related("report__organization", "author").order_by("at", "pk")
