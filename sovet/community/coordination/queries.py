"""Hours, counted one way everywhere (a volunteer's page, certificates, the period report):
a participation credits its hours once a coordinator confirmed the volunteer came; hours
outside shifts count once approved."""

from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from ..models import Attendance, HoursEntry, HoursStatus, Participation, Project


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
