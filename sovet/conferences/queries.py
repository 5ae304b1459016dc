"""Reads shared by the public pages, the organization cards and (later) the API and reports."""

from datetime import date

from django.db.models import Count, Prefetch, Q

from sovet.organizations.models import Organization

from .importer import roman_to_int
from .models import (
    Conference,
    ConferenceStatus,
    Decision,
    DecisionStatus,
    Delegate,
    ProgressReport,
    ReportStatus,
)


def conferences():
    return (
        Conference.objects.select_related("resolution")
        .annotate(decision_count=Count("resolution__decisions"))
        .order_by("-number")
    )


def conference_by_slug(slug: str) -> Conference | None:
    number = roman_to_int(slug.upper())
    if number is None:
        return None
    return Conference.objects.select_related("resolution").filter(number=number).first()


def resolution_decisions(resolution):
    organizations = Organization.objects.only(
        "pk", "slug", "name_ru", "name_ky", "name_en"
    ).order_by("name_ru")
    return list(
        resolution.decisions.select_related("schedules_conference")
        .prefetch_related(Prefetch("organizations", queryset=organizations))
        .order_by("number")
    )


def open_decisions_of(organization):
    """Tracked decisions assigned to the organization that are not done or cancelled."""
    return list(
        Decision.objects.filter(organizations=organization, tracked=True)
        .exclude(status__in=[DecisionStatus.DONE, DecisionStatus.CANCELLED])
        .select_related("resolution__conference")
        .order_by("-resolution__adopted_on", "number")
    )


def overdue_decisions() -> list[Decision]:
    """Decisions whose due date has passed and which are not done (``Decision.is_overdue``: tracked,
    neither done nor cancelled). A due date may be a period ("2022"), so it is read in Python."""
    open_decisions = (
        Decision.objects.filter(tracked=True)
        .exclude(status__in=[DecisionStatus.DONE, DecisionStatus.CANCELLED])
        .select_related("resolution__conference")
    )
    return [decision for decision in open_decisions if decision.is_overdue]


def delegates_waiting() -> list[Conference]:
    """Conferences still ahead, each with ``waiting``: its delegates not yet confirmed."""
    return list(
        Conference.objects.filter(
            status__in=[ConferenceStatus.PLANNED, ConferenceStatus.REGISTRATION_OPEN]
        )
        .annotate(waiting=Count("delegates", filter=Q(delegates__confirmed=False)))
        .order_by("number")
    )


def decision_counts(resolution) -> dict:
    return resolution.decisions.aggregate(
        total=Count("pk"),
        tracked=Count("pk", filter=Q(tracked=True)),
        done=Count("pk", filter=Q(status=DecisionStatus.DONE)),
    )


def expected_of(user) -> list[Decision]:
    """ "What is expected of us": open decisions assigned to the user's organizations, overdue first."""
    decisions = list(
        Decision.objects.filter(organizations__editor_links__user=user, tracked=True)
        .exclude(status__in=[DecisionStatus.DONE, DecisionStatus.CANCELLED])
        .select_related("resolution__conference")
        .prefetch_related(
            Prefetch(
                "organizations",
                queryset=Organization.objects.filter(editor_links__user=user).only(
                    "pk", "name_ru", "name_ky", "name_en"
                ),
                to_attr="my_organizations",
            )
        )
        .distinct()
    )
    far_future = date.max
    return sorted(
        decisions,
        key=lambda d: (
            not d.is_overdue,
            d.due.latest() if d.due else far_future,
            d.resolution_id,
            d.number,
        ),
    )


def latest_reports(decisions, *, accepted_only: bool = True) -> None:
    """Attach each decision's reports, newest first (one query for all).

    The public sees only reports the secretary accepted.
    """
    reports = ProgressReport.objects.filter(decision__in=decisions)
    if accepted_only:
        reports = reports.filter(status=ReportStatus.ACCEPTED)
    reports = reports.select_related("organization").order_by("-reported_on", "-pk")
    by_decision = {}
    for report in reports:
        by_decision.setdefault(report.decision_id, []).append(report)
    for decision in decisions:
        decision.latest_reports = by_decision.get(decision.pk, [])[:3]
        decision.report_count = len(by_decision.get(decision.pk, []))


def delegate_counts(conference) -> dict:
    """How many delegates came from each organization and region (for the secretary's list)."""
    delegates = Delegate.objects.filter(conference=conference)
    return {
        "by_organization": list(
            delegates.values("organization__name_ru")
            .annotate(
                total=Count("pk"),
                confirmed=Count("pk", filter=Q(confirmed=True)),
                arrived=Count("pk", filter=Q(checked_in_at__isnull=False)),
            )
            .order_by("organization__name_ru")
        ),
        "by_region": list(
            delegates.values("organization__region__name_ru")
            .annotate(total=Count("pk"), arrived=Count("pk", filter=Q(checked_in_at__isnull=False)))
            .order_by("organization__region__sort_order")
        ),
        "total": delegates.count(),
    }
