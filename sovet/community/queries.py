"""Reads of the volunteers' public pages and a volunteer's own page, each in a constant number of
queries whatever the number of shifts, places and participations."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from sovet.core import page_cache
from sovet.core.lookups import index_page
from sovet.events.models import EventIndexPage

from .certificates.queries import certificates_of
from .coordination.queries import held_shifts, hours_by_year
from .models import (
    Participation,
    ParticipationStatus,
    Project,
    Shift,
    Slot,
    Volunteer,
    VolunteersPage,
)

LIVE = (ParticipationStatus.CONFIRMED, ParticipationStatus.WAITING)


def slots_with_counts():
    """Slots with how many places are confirmed and how many wait: counts, never names."""
    return Slot.objects.annotate(
        confirmed=Count(
            "participations", filter=Q(participations__status=ParticipationStatus.CONFIRMED)
        ),
        waiting=Count(
            "participations", filter=Q(participations__status=ParticipationStatus.WAITING)
        ),
    ).order_by("pk")


def _shifts():
    return (
        Shift.objects.filter(project__published=True)
        .select_related(
            "project__organization", "memorial_place", "event", "region", "project__decision"
        )
        .prefetch_related(Prefetch("slots", queryset=slots_with_counts()))
    )


def upcoming_shifts(
    *, region=None, role: str = "", skill: str = "", date_from=None, date_to=None, project=None
):
    """Shifts still to come (not cancelled) of published projects, soonest first, each with its
    slots' confirmed and waiting counts: three queries for any number of them."""
    shifts = _shifts().filter(starts_at__gt=timezone.now(), cancelled=False)
    if project is not None:
        shifts = shifts.filter(project=project)
    if region is not None:
        shifts = shifts.filter(
            Q(region=region) | Q(region__isnull=True, memorial_place__region=region)
        )
    if role:
        shifts = shifts.filter(slots__role=role)
    if skill:
        # The JSON list's text holds the quoted value (SQLite has no JSON "contains").
        shifts = shifts.filter(required_skills__icontains=f'"{skill}"')
    if date_from:
        shifts = shifts.filter(starts_at__date__gte=date_from)
    if date_to:
        shifts = shifts.filter(starts_at__date__lte=date_to)
    return shifts.distinct().order_by("starts_at", "pk")


def shift_page(pk: int) -> Shift | None:
    """A published project's shift (past ones too), with its slots' counts."""
    return _shifts().filter(pk=pk).first()


def published_project(slug: str) -> Project | None:
    return (
        Project.objects.filter(slug=slug, published=True)
        .select_related("organization", "decision__resolution__conference")
        .first()
    )


def serving(decision) -> list[Project]:
    """The published volunteer projects that served a decision, each with its shifts held or
    planned (``project.served_shifts``, cancelled ones left out): two queries."""
    shifts = Shift.objects.filter(cancelled=False).only("pk", "project_id", "starts_at")
    return list(
        Project.objects.filter(decision=decision, published=True)
        .only("pk", "slug", "title_ru", "title_ky", "title_en")
        .prefetch_related(
            Prefetch("shifts", queryset=shifts.order_by("starts_at", "pk"), to_attr="served_shifts")
        )
        .order_by("title_ru", "pk")
    )


def live_participations(volunteer: Volunteer):
    """The volunteer's confirmed and waiting places on shifts still to come."""
    return (
        Participation.objects.filter(
            volunteer=volunteer, status__in=LIVE, slot__shift__ends_at__gt=timezone.now()
        )
        .select_related("slot__shift__project", "slot__shift__memorial_place", "slot__shift__event")
        .order_by("slot__shift__starts_at", "pk")
    )


def calendar_participations(volunteer: Volunteer):
    """What the volunteer's calendar feed shows: confirmed places, a month back and ahead."""
    since = timezone.now() - timezone.timedelta(days=31)
    return (
        Participation.objects.filter(
            volunteer=volunteer,
            status=ParticipationStatus.CONFIRMED,
            slot__shift__starts_at__gte=since,
        )
        .select_related("slot__shift__project", "slot__shift__memorial_place", "slot__shift__event")
        .order_by("slot__shift__starts_at", "pk")
    )


def volunteer_page(volunteer: Volunteer) -> dict:
    """Everything a volunteer's own page shows, in a fixed number of queries."""
    consents = list(volunteer.guardian_consents.all())
    return {
        "participations": list(live_participations(volunteer)),
        "hours_by_year": hours_by_year(volunteer),
        # Revoked ones too: the holder's page says they are revoked, and since when.
        "certificates": list(certificates_of(volunteer).order_by("-issued_at", "-pk")),
        "organization": volunteer.organization,
        "consents": consents,
    }


def projects_with_shifts(shifts) -> list[tuple[Project, list[Shift]]]:
    """Shifts grouped by their project, in the order of each project's first shift."""
    grouped: dict[int, tuple[Project, list]] = {}
    for shift in shifts:
        grouped.setdefault(shift.project_id, (shift.project, []))[1].append(shift)
    return list(grouped.values())


def forget_shift_pages(shift_id: int, project_slug: str = "", event=None) -> None:
    """A place taken or freed changes the counts on the shift's page, its project's page, the
    list and the page of the event it serves (places left): those leave the page cache in every
    language (core.page_cache)."""
    paths = set()
    for language, _name in settings.LANGUAGES:
        page = index_page(VolunteersPage, language)
        if page is not None and page.url:
            paths |= {page.url, f"{page.url}shifts/{shift_id}/"}
            if project_slug:
                paths.add(f"{page.url}projects/{project_slug}/")
        calendar = index_page(EventIndexPage, language) if event is not None else None
        if calendar is not None and calendar.url:
            paths.add(calendar.event_path(event))
    page_cache.paths_changed(sorted(paths))


def shifts_at_place(place, *, limit: int = 5) -> tuple[list[Shift], int]:
    """A memorial place's clean-ups and other shifts: the next ones planned, and how many were
    held: ended, not cancelled, someone came (two queries)."""
    at_place = Shift.objects.filter(memorial_place=place, project__published=True, cancelled=False)
    now = timezone.now()
    planned = list(
        at_place.filter(starts_at__gt=now)
        .select_related("project")
        .order_by("starts_at", "pk")[:limit]
    )
    # "Held" as the period report counts it (coordination.queries.held_shifts).
    held = held_shifts(at_place).count()
    return planned, held
