"""Reads shared by the calendar, the feeds, organization cards and the home page."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from sovet.organizations.models import Organization

from .models import Event


def published_events() -> QuerySet[Event]:
    return Event.objects.filter(published=True).select_related("series", "region")


def calendar(
    *,
    past: bool = False,
    region=None,
    organization=None,
    series=None,
    date_from=None,
    date_to=None,
    query="",
):
    now = timezone.now()
    events = published_events()
    events = (
        events.filter(ends_at__lt=now).order_by("-starts_at")
        if past
        else events.filter(ends_at__gte=now)
    )
    if region:
        events = events.filter(region=region)
    if organization:
        events = events.filter(organizations=organization)
    if series:
        events = events.filter(series=series)
    if date_from:
        events = events.filter(starts_at__date__gte=date_from)
    if date_to:
        events = events.filter(starts_at__date__lte=date_to)
    if query:
        events = events.filter(
            Q(title_ru__icontains=query)
            | Q(title_ky__icontains=query)
            | Q(title_en__icontains=query)
        )
    return events.prefetch_related(organizers())


def organizers():
    from django.db.models import Prefetch

    return Prefetch(
        "organizations",
        queryset=Organization.objects.only("pk", "slug", "name_ru", "name_ky", "name_en"),
    )


def upcoming_of(organization, limit=5):
    return list(
        published_events().filter(organizations=organization, ends_at__gte=timezone.now())[:limit]
    )
