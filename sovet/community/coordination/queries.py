"""Hours, counted one way everywhere (a volunteer's page, certificates, the period report):
a participation credits its hours once a coordinator confirmed the volunteer came; hours
outside shifts count once approved."""

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from sovet.organizations.models import Organization

from ..models import (
    Attendance,
    HoursEntry,
    HoursStatus,
    Participation,
    ParticipationStatus,
    Project,
    Shift,
    Slot,
)


def credited_participations():
    """Participations that count: the volunteer came and the hours are set."""
    return Participation.objects.filter(attendance=Attendance.CAME, hours__isnull=False)


def approved_hours():
    return HoursEntry.objects.filter(status=HoursStatus.APPROVED)


def hours_by_year(volunteer) -> dict[int, Decimal]:
    """{year: hours}, newest first, in two queries."""
    totals: dict[int, Decimal] = {}
    shifts = (
        credited_participations()
        .filter(volunteer=volunteer)
        .annotate(year=ExtractYear("slot__shift__starts_at"))
        .values("year")
        .annotate(total=Sum("hours"))
    )
    outside = (
        approved_hours()
        .filter(volunteer=volunteer)
        .annotate(year=ExtractYear("day"))
        .values("year")
        .annotate(total=Sum("hours"))
    )
    for row in [*shifts, *outside]:
        totals[row["year"]] = totals.get(row["year"], Decimal(0)) + row["total"]
    return dict(sorted(totals.items(), reverse=True))


def hours_of(volunteer, *, year: int | None = None, project=None) -> Decimal:
    """A volunteer's credited hours in a year or on a project (what a certificate states)."""
    shifts = credited_participations().filter(volunteer=volunteer)
    outside = approved_hours().filter(volunteer=volunteer)
    if year is not None:
        shifts = shifts.filter(slot__shift__starts_at__year=year)
        outside = outside.filter(day__year=year)
    if project is not None:
        shifts = shifts.filter(slot__shift__project=project)
        outside = outside.filter(project=project)
    total = shifts.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    return total + (outside.aggregate(total=Sum("hours"))["total"] or Decimal(0))


def projects_of(volunteer, *, year: int | None = None):
    """The projects a volunteer has credited hours on (in a year), by title."""
    shifts = credited_participations().filter(volunteer=volunteer)
    outside = approved_hours().filter(volunteer=volunteer, project__isnull=False)
    if year is not None:
        shifts = shifts.filter(slot__shift__starts_at__year=year)
        outside = outside.filter(day__year=year)
    ids = set(shifts.values_list("slot__shift__project", flat=True))
    ids |= set(outside.values_list("project", flat=True))
    return Project.objects.filter(pk__in=ids).order_by("title_ru")


# The period report (the `period_figures` hook) and the coordinators' desk.


def _whole(value) -> int | float:
    """Hours as the report prints numbers (core.i18n.number takes int and float)."""
    value = value or Decimal(0)
    return int(value) if value == value.to_integral_value() else float(value)


def _credited_in(start, end):
    return credited_participations().filter(slot__shift__starts_at__date__range=(start, end))


def _approved_in(start, end):
    return approved_hours().filter(day__range=(start, end))


def held_shifts(shifts=None, now=None):
    """Shifts held, one definition everywhere (a memorial place's section, the period report):
    not cancelled, ended, and at least one volunteer marked as having come."""
    shifts = Shift.objects.all() if shifts is None else shifts
    came = Participation.objects.filter(slot__shift=OuterRef("pk"), attendance=Attendance.CAME)
    return shifts.filter(cancelled=False, ends_at__lte=now or timezone.now()).filter(Exists(came))


def hours_by_organization(start, end) -> list[tuple[str, Decimal]]:
    """[(organization's name in the reader's language, hours)] given in the period, most hours
    first, one line per organization (two of the same name stay apart): credited shifts count
    for the project's organization, approved outside hours for the one they were given to
    (three queries)."""
    totals: dict[int, Decimal] = {}
    shifts = (
        _credited_in(start, end)
        .values("slot__shift__project__organization")
        .annotate(total=Sum("hours"))
    )
    outside = _approved_in(start, end).values("organization").annotate(total=Sum("hours"))
    for row in shifts:
        pk = row["slot__shift__project__organization"]
        totals[pk] = totals.get(pk, Decimal(0)) + row["total"]
    for row in outside:
        pk = row["organization"]
        totals[pk] = totals.get(pk, Decimal(0)) + row["total"]
    names = {organization.pk: organization.name
             for organization in Organization.objects.filter(pk__in=totals)}  # fmt: skip
    rows = [(names.get(pk, ""), hours, pk) for pk, hours in totals.items()]
    rows.sort(key=lambda row: (-row[1], row[0], row[2]))
    return [(name, hours) for name, hours, _pk in rows]


def hours_by_project(start, end) -> list[tuple[str, Decimal]]:
    """[(project's title in the reader's language, hours)] given in the period, most hours first:
    credited shifts and approved outside hours logged to a project (three queries)."""
    totals: dict[int, Decimal] = {}
    shifts = _credited_in(start, end).values("slot__shift__project").annotate(total=Sum("hours"))
    outside = (
        _approved_in(start, end)
        .filter(project__isnull=False)
        .values("project")
        .annotate(total=Sum("hours"))
    )
    for pk, total in [(row["slot__shift__project"], row["total"]) for row in shifts] + [
        (row["project"], row["total"]) for row in outside
    ]:
        totals[pk] = totals.get(pk, Decimal(0)) + total
    titles = {project.pk: project.title for project in Project.objects.filter(pk__in=totals)}
    rows = sorted(((titles.get(pk, ""), hours, pk) for pk, hours in totals.items()),
                  key=lambda row: (-row[1], row[0], row[2]))  # fmt: skip
    return [(title, hours) for title, hours, _pk in rows]


def period_figures(start, end) -> list[tuple[str, object]]:
    """Volunteers who gave hours, the hours, the shifts held (held_shifts) that started between
    two dates, then the hours by organization and by project (one line each)."""
    credited, approved = _credited_in(start, end), _approved_in(start, end)
    volunteers = set(credited.values_list("volunteer", flat=True).distinct())
    volunteers |= set(approved.values_list("volunteer", flat=True).distinct())
    by_organization = hours_by_organization(start, end)
    total = sum((hours for _name, hours in by_organization), Decimal(0))
    held = held_shifts(Shift.objects.filter(starts_at__date__range=(start, end))).count()
    figures = [
        (_("Volunteers who gave hours"), len(volunteers)),
        (_("Volunteer hours given"), _whole(total)),
        (_("Volunteer shifts held"), held),
    ]
    figures += [
        (_("Volunteer hours: %(organization)s") % {"organization": name}, _whole(hours))
        for name, hours in by_organization
    ]
    figures += [
        (_("Volunteer hours, project: %(project)s") % {"project": title}, _whole(hours))
        for title, hours in hours_by_project(start, end)
    ]
    return figures


# Other apps' pages: a memorial place's clean-ups, an event's volunteer shifts.


def _public_shifts():
    return Shift.objects.filter(cancelled=False, project__published=True)


def event_shifts(event) -> list:
    """An event's volunteer shifts still to come, each with ``places_left`` (one query)."""
    capacity = (
        Slot.objects.filter(shift=OuterRef("pk"))
        .values("shift")
        .annotate(total=Sum("capacity"))
        .values("total")
    )
    taken = (
        Participation.objects.filter(
            slot__shift=OuterRef("pk"), status=ParticipationStatus.CONFIRMED
        )
        .values("slot__shift")
        .annotate(total=Count("pk"))
        .values("total")
    )
    shifts = (
        _public_shifts()
        .filter(event=event, starts_at__gt=timezone.now())
        .select_related("project")
        .annotate(capacity=Coalesce(Subquery(capacity), 0), taken=Coalesce(Subquery(taken), 0))
        .order_by("starts_at", "pk")
    )
    rows = list(shifts)
    for shift in rows:
        shift.places_left = max(shift.capacity - shift.taken, 0)
    return rows
