"""Reads shared by the public pages, the organization cards and (later) the API and reports."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sovet.core.i18n import language_codes
from sovet.core.lookups import index_url
from sovet.organizations.models import Organization

from .importer import roman_to_int
from .models import (
    Conference,
    ConferenceIndexPage,
    ConferenceStatus,
    Decision,
    DecisionStatus,
    Delegate,
    DraftDecision,
    ProgressReport,
    ReportEvent,
    ReportStatus,
    Resolution,
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


def conference_url(conference, request=None) -> str:
    """The conference's public page in the active language ('' when the site has none)."""
    base = index_url(ConferenceIndexPage, request)
    return f"{base}{conference.slug}/" if base else ""


def next_adoption(resolution) -> date | None:
    """When the next conference (by number) adopted its resolution, if it has met."""
    return (
        Resolution.objects.filter(conference__number__gt=resolution.conference.number)
        .order_by("conference__number")
        .values_list("adopted_on", flat=True)
        .first()
    )


def resolution_decisions(resolution):
    organizations = Organization.objects.only(
        "pk", "slug", "name_ru", "name_ky", "name_en"
    ).order_by("name_ru")
    return list(
        resolution.decisions.select_related("schedules_conference")
        .prefetch_related(Prefetch("organizations", queryset=organizations))
        .order_by("number")
    )


# Where each decision of a resolution stands, in the order the summary shows them. Every
# decision is in exactly one state, so the states' counts add up to the decisions listed:
# - "overdue": Decision.is_overdue_on (the one definition), whatever its status says;
# - a tracked decision that is not overdue: its status (not started, in progress, ongoing,
#   done, cancelled); a decision nobody reported on is "not started", its default;
# - an untracked one (thanks, notes): "no follow-up", there is nothing to carry out.
STATES = {
    "overdue": _("Overdue"),
    "not_started": _("Not started"),
    "in_progress": _("In progress"),
    "ongoing": _("Ongoing"),
    "done": _("Done"),
    "cancelled": _("Cancelled"),
    "untracked": _("No follow-up needed"),
}


def decision_state(decision, *, today: date) -> str:
    """The one state (a key of STATES) a decision is counted in."""
    if not decision.tracked:
        return "untracked"
    if decision.is_overdue_on(today):
        return "overdue"
    return decision.status


def status_label(decision) -> str:
    """What a decision's line says: its status (the default "not started" when nobody reported),
    "overdue" beside it, or "no follow-up needed" for thanks and notes."""
    if decision.state == "untracked":
        return str(STATES["untracked"])
    if decision.state == "overdue":
        return f"{decision.get_status_display()} · {STATES['overdue']}"
    return decision.get_status_display()


@dataclass
class DecisionSummary:
    """The decisions of a resolution counted by state: ``rows`` (key, label, count) of the
    states that have any, their counts adding up to ``total``, the number of decisions."""

    total: int
    rows: list[tuple[str, str, int]]

    def count(self, state: str) -> int:
        return next((n for key, _label, n in self.rows if key == state), 0)

    @property
    def tracked(self) -> int:
        return self.total - self.count("untracked")


def decision_summary(decisions, *, today: date) -> DecisionSummary:
    """Count ``decisions`` (the list a page shows) by state, and mark each with ``.state`` and
    ``.overdue`` for the page: the summary and the list cannot disagree."""
    counts = dict.fromkeys(STATES, 0)
    for decision in decisions:
        decision.state = decision_state(decision, today=today)
        decision.overdue = decision.state == "overdue"
        decision.status_label = status_label(decision)
        counts[decision.state] += 1
    rows = [(key, str(STATES[key]), n) for key, n in counts.items() if n]
    return DecisionSummary(total=len(decisions), rows=rows)


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


def council_term_approvals(terms, request=None) -> dict[int, dict]:
    """The decision that approved each of ``terms`` (Council compositions), in one query:
    {term's pk: {"text", "url", "conference"}} for those a decision approved."""
    decisions = (
        Decision.objects.filter(approves_council_term__in=terms)
        .select_related("resolution__conference")
        .order_by("resolution__adopted_on", "number")
    )
    approvals = {}
    for decision in decisions:
        conference = decision.resolution.conference
        page = conference_url(conference, request)
        approvals[decision.approves_council_term_id] = {
            "text": _("Decision %(number)s of its resolution") % {"number": decision.number},
            "url": f"{page}?open={decision.number}#decision-{decision.number}" if page else "",
            "conference": str(conference),
        }
    return approvals


def not_adopted(conference) -> list[DraftDecision]:
    """The items of a conference's draft resolution that were put to the vote and not adopted
    (no decision after publishing), in the draft's order."""
    return list(
        DraftDecision.objects.filter(conference=conference, decision__isnull=True).order_by(
            "sort_order", "pk"
        )
    )


def decision_url(decision, request=None) -> str:
    """A decision's accountability page in the active language, for other apps' pages ('' when
    the site has no conferences page, or when the resolution's progress is not public)."""
    resolution = decision.resolution
    if not resolution.progress_public:
        return ""
    base = conference_url(resolution.conference, request)
    return f"{base}{decision.number}/" if base else ""


def text_with_fallback(instance, base: str) -> tuple[str, str, bool]:
    """``instance.<base>`` in the active language, else in Russian, else in any language written:
    (text, its language, whether it is a fallback). Unlike TranslatedField, a Kyrgyz-only decision
    still shows its text in Russian and English."""
    active = (get_language() or settings.LANGUAGE_CODE)[:2]
    for code in [active, settings.LANGUAGE_CODE, *language_codes()]:
        text = getattr(instance, f"{base}_{code}", "")
        if text:
            return text, code, code != active
    return "", active, False


def decision_page(resolution, number: int) -> Decision | None:
    """One decision of ``resolution`` with its assigned organizations (two queries)."""
    organizations = Organization.objects.only("pk", "slug", "name_ru", "name_ky", "name_en")
    return (
        resolution.decisions.select_related("schedules_conference")
        .prefetch_related(Prefetch("organizations", queryset=organizations.order_by("name_ru")))
        .filter(number=number)
        .first()
    )


ALL = object()  # decision_reports: the secretary sees every organization's reports


def decision_reports(decision, *, organizations_of_viewer):
    """The reports a viewer sees on a decision's page, newest first, each with its history
    (``report.history``) and organization (a page of them: two queries): accepted ones for everybody, and any
    report of an organization in ``organizations_of_viewer`` (the secretary's: every one; an
    editor's: their own organizations' pk set; the public's: an empty set)."""
    visible = Q(status=ReportStatus.ACCEPTED)
    if organizations_of_viewer is ALL:
        visible = Q()
    elif organizations_of_viewer:
        visible |= Q(organization__in=organizations_of_viewer)
    # Never the author (a person's name) nor the private files: only what the page shows.
    return (
        ProgressReport.objects.filter(visible, decision=decision)
        .select_related("organization")
        .only(
            "decision_id",
            "reported_on",
            "text",
            "progress",
            "links",
            "status",
            "organization__slug",
            "organization__name_ru",
            "organization__name_ky",
            "organization__name_en",
        )  # fmt: skip
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ReportEvent.objects.only("report_id", "kind", "text", "at"),
                to_attr="history",
            )
        )
        .order_by("-reported_on", "-pk")
    )


@dataclass
class ProgressChart:
    """Progress over time as a small SVG: ``points`` (date, percent) from 0 at adoption, and
    their coordinates in a WIDTH × HEIGHT box (``polyline``, ``dots``) for the template."""

    WIDTH = 400
    HEIGHT = 180
    PAD = 44  # room for the percentages on the left and the dates below
    TOP = 12

    points: list[tuple[date, int]]

    right = WIDTH - TOP  # where the grid ends
    bottom = HEIGHT - 32  # the 0 % line
    label_x = PAD - 6  # the percentages, right-aligned before the grid
    date_y = HEIGHT - 8  # the first and last dates, under the grid

    @property
    def dots(self) -> list[tuple[float, float, date, int]]:
        first, last = self.points[0][0], self.points[-1][0]
        span = max((last - first).days, 1)
        inner_w, inner_h = self.right - self.PAD, self.bottom - self.TOP
        return [
            (
                round(self.PAD + inner_w * (day - first).days / span, 1),
                round(self.bottom - inner_h * percent / 100, 1),
                day,
                percent,
            )
            for day, percent in self.points
        ]

    @property
    def polyline(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _day, _percent in self.dots)

    @property
    def gridlines(self) -> list[tuple[int, float]]:
        """The 0, 50 and 100 % lines: (percent, y)."""
        inner_h = self.bottom - self.TOP
        return [(p, self.bottom - inner_h * p / 100) for p in (0, 50, 100)]


def progress_chart(decision, reports) -> ProgressChart | None:
    """The chart of the reports' progress in date order, from 0 on the day the resolution was
    adopted; None when no report tells a progress."""
    points = [(decision.resolution.adopted_on, 0)]
    points += [(r.reported_on, r.progress) for r in reports if r.progress is not None]
    if len(points) == 1:
        return None
    return ProgressChart(points=sorted(points, key=lambda point: point[0]))
