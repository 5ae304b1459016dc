"""Reads shared by the calendar, the feeds, campaign pages, organization cards and the home page.

Only published events approved by the Council are public; every read here starts from
`published_events()`.
"""

import re
from datetime import date, datetime, time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.images import get_image_model

from sovet.core import page_cache
from sovet.core.cities import localized as localized_city
from sovet.core.lookups import index_page
from sovet.core.text import fold
from sovet.organizations.models import Organization

from .models import BISHKEK, Campaign, CampaignEdition, Event, EventIndexPage

# A month grid shows at most this many events; a busier month is still bounded.
MONTH_LIMIT = 3000


def published_events() -> QuerySet[Event]:
    return Event.objects.filter(published=True, approved=True).select_related(
        "series", "region", "edition__campaign"
    )


def organizers() -> Prefetch:
    return Prefetch(
        "organizations",
        queryset=Organization.objects.only("pk", "slug", "name_ru", "name_ky", "name_en"),
    )


def _fold(city: str) -> str:
    """A city's name as compared (core.text.fold), a hyphen as a space: Кара-Балта, Кара Балта."""
    return fold(re.sub(r"[-‐–—]", " ", city))


def cities() -> list[str]:
    """The cities and villages of public events, as they are written, alphabetically."""
    names = (
        Event.objects.filter(published=True, approved=True)
        .exclude(city="")
        .order_by()
        .values_list("city", flat=True)
        .distinct()
    )
    return sorted(names, key=_fold)


def _matching_cities(city: str) -> list[str]:
    # SQLite's lower() ignores Cyrillic: compare the few distinct spellings in Python instead.
    wanted = _fold(city)
    return [name for name in cities() if _fold(name) == wanted]


# Dates typed into the filters are kept within these, so no conversion to UTC overflows.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def bishkek_start(day: date) -> datetime:
    return datetime.combine(min(max(day, EARLIEST), LATEST), time.min, tzinfo=BISHKEK)


def bishkek_end(day: date) -> datetime:
    return datetime.combine(min(max(day, EARLIEST), LATEST), time.max, tzinfo=BISHKEK)


def _filtered(
    events: QuerySet[Event],
    *,
    region=None,
    organization=None,
    series=None,
    date_from=None,
    date_to=None,
    query="",
    city="",
    tag=None,
    audience="",
    campaign=None,
) -> QuerySet[Event]:
    if region:
        events = events.filter(region=region)
    if organization:
        events = events.filter(organizations=organization)
    if series:
        events = events.filter(series=series)
    if campaign:
        events = events.filter(edition__campaign=campaign)
    if tag:
        events = events.filter(tags=tag)
    if audience:
        events = events.filter(audience=audience)
    if city:
        events = events.filter(city__in=_matching_cities(city))
    # A date range keeps the events that take place in it, even if they began before.
    if date_from:
        events = events.filter(ends_at__gte=bishkek_start(date_from))
    if date_to:
        events = events.filter(starts_at__lte=bishkek_end(date_to))
    if query:
        events = events.filter(
            Q(title_ru__icontains=query)
            | Q(title_ky__icontains=query)
            | Q(title_en__icontains=query)
        )
    return events


def calendar(*, past: bool = False, **filters) -> QuerySet[Event]:
    """Upcoming events, soonest first, or (past) the archive, latest first; see `_filtered`."""
    now = timezone.now()
    events = published_events()
    events = (
        events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        if past
        else events.filter(ends_at__gte=now)
    )
    return _filtered(events, **filters).prefetch_related(organizers(), "tags")


def month(year: int, number: int, **filters) -> list[Event]:
    """The events taking place in a month (Bishkek time), with only what the grid shows."""
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    events = published_events().filter(
        starts_at__lt=bishkek_start(following), ends_at__gte=bishkek_start(first)
    )
    events = _filtered(events, **filters).select_related(None)
    fields = ("pk", "title_ru", "title_ky", "title_en", "starts_at", "ends_at", "all_day")
    return list(events.only(*fields, "status", "city").order_by("starts_at", "pk")[:MONTH_LIMIT])


def event_page(pk: int) -> Event | None:
    """One public event with everything its page shows."""

    photos = get_image_model().objects.prefetch_renditions("fill-320x240|format-webp")
    return (
        published_events()
        .select_related("image", "memorial_place", "decision__resolution__conference")
        .prefetch_related(organizers(), "tags", Prefetch("photos", queryset=photos))
        .filter(pk=pk)
        .first()
    )


def dated_editions(editions: QuerySet[CampaignEdition]) -> QuerySet[CampaignEdition]:
    """Editions with their public events' first start and last end (`first_start`,
    `last_end`: None without any), which `edition_is_past` reads."""
    public = Q(events__published=True, events__approved=True)
    return editions.annotate(
        first_start=Min("events__starts_at", filter=public),
        last_end=Max("events__ends_at", filter=public),
    )


def edition_is_past(edition: CampaignEdition, now=None) -> bool:
    """An edition of an earlier year, or of this year with all its events over."""
    now = now or timezone.now()
    this_year = now.astimezone(BISHKEK).year
    if edition.year != this_year:
        return edition.year < this_year
    return edition.last_end is not None and edition.last_end < now


def lead_edition(editions: list[CampaignEdition], now=None) -> CampaignEdition | None:
    """What a campaign is shown by: its current or next edition (the earliest not over), else
    its latest. `editions` are dated (`dated_editions`), in any order."""
    ahead = [edition for edition in editions if not edition_is_past(edition, now)]
    if ahead:
        return min(ahead, key=lambda edition: edition.year)
    return max(editions, key=lambda edition: edition.year, default=None)


def campaign_editions(campaign: Campaign) -> list[CampaignEdition]:
    """A campaign's editions, the latest year first, dated and marked (`is_past`)."""
    editions = list(dated_editions(campaign.editions.order_by("-year")))
    now = timezone.now()
    for edition in editions:
        edition.campaign = campaign
        edition.is_past = edition_is_past(edition, now)
    return editions


def campaign_edition(slug: str, year: int | None = None) -> CampaignEdition:
    """A campaign's edition of that year, or (no year) its current or next one, else its
    latest; dated and marked (`is_past`), with the campaign's other editions as `editions`.
    Raises DoesNotExist."""
    campaign = Campaign.objects.get(slug=slug)
    editions = campaign_editions(campaign)
    if year is not None:
        edition = next((edition for edition in editions if edition.year == year), None)
    else:
        edition = lead_edition(editions)
    if edition is None:
        raise CampaignEdition.DoesNotExist
    edition.editions = editions
    return edition


# The home page and the calendar show the campaigns on every visit: kept in the cache (shared by
# every server) for a few minutes, dropped when a campaign, an edition or an event is saved.
CURRENT_CAMPAIGNS_KEY = "events:current-campaigns"
CURRENT_CAMPAIGNS_SECONDS = 5 * 60


def forget_current_campaigns(**kwargs) -> None:
    cache.delete(CURRENT_CAMPAIGNS_KEY)


def forget_event_pages(sender, instance, raw=False, **kwargs) -> None:
    """A registration changes the seats left on its event's page and, when the event fills up,
    the calendar: those pages leave the page cache in every language (core.page_cache)."""
    if raw:
        return
    paths = set()
    for language, _name in settings.LANGUAGES:
        page = index_page(EventIndexPage, language)
        if page is not None and page.url:
            paths |= {
                page.url,
                page.url + page.reverse_subpage("event", kwargs={"pk": instance.event_id}),
            }
    page_cache.paths_changed(sorted(paths))


def current_campaigns() -> list[CampaignEdition]:
    """Each campaign by its current or next edition (else its latest), the soonest first: for
    the home page and the calendar. One query, then none for a few minutes."""
    return cache.get_or_set(CURRENT_CAMPAIGNS_KEY, _current_campaigns, CURRENT_CAMPAIGNS_SECONDS)


def _current_campaigns() -> list[CampaignEdition]:
    editions = list(dated_editions(CampaignEdition.objects.all()))
    now = timezone.now()
    by_campaign: dict[int, list[CampaignEdition]] = {}
    for edition in editions:
        edition.is_past = edition_is_past(edition, now)
        by_campaign.setdefault(edition.campaign_id, []).append(edition)
    leads = [lead_edition(group, now) for group in by_campaign.values()]
    return sorted(
        leads,
        key=lambda edition: (
            edition.is_past,
            -edition.year if edition.is_past else edition.year,
            edition.campaign.title_ru,
        ),
    )


def edition_events(edition: CampaignEdition) -> list[Event]:
    return list(
        published_events()
        .filter(edition=edition)
        .prefetch_related(organizers())
        .order_by("starts_at", "pk")
    )


def by_city(events) -> list[tuple[str, list[Event]]]:
    """Events grouped by city, cities alphabetically; events without a city come last ("")."""
    groups: dict[str, tuple[str, list[Event]]] = {}
    for event in events:
        key = _fold(event.city)
        groups.setdefault(key, (event.city.strip(), []))[1].append(event)
    ordered = sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))
    return [group for _key, group in ordered]


def map_features(events, url_for) -> dict:
    """A GeoJSON FeatureCollection ([lon, lat] order) of the events that have a place."""

    features = []
    for event in events:
        if not event.has_place:
            continue
        starts = timezone.localtime(event.starts_at, BISHKEK)
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(event.longitude), float(event.latitude)],
                },
                "properties": {
                    "title": event.title,
                    "city": localized_city(event.city),
                    "venue": event.where[0],
                    "starts_at": starts.isoformat(),
                    "when": date_format(
                        starts, "DATE_FORMAT" if event.all_day else "DATETIME_FORMAT"
                    ),
                    "status": event.status,
                    "url": url_for(event),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def upcoming_of(organization, limit=5) -> list[Event]:
    return list(
        published_events().filter(organizations=organization, ends_at__gte=timezone.now())[:limit]
    )


def past_of(organization, limit=5) -> list[Event]:
    return list(
        published_events()
        .filter(organizations=organization, ends_at__lt=timezone.now())
        .order_by("-starts_at", "-pk")[:limit]
    )


def held_at(place) -> list[Event]:
    """The events held at a memorial place (clean-ups, commemorations), the latest first."""
    return list(
        Event.objects.filter(published=True, approved=True, memorial_place=place)
        .only("pk", "title_ru", "title_ky", "title_en", "starts_at")
        .order_by("-starts_at", "-pk")
    )


def serving(decision) -> list[Event]:
    """The public events that served a decision of a resolution, the latest first."""
    return list(
        Event.objects.filter(published=True, approved=True, decision=decision)
        .only("pk", "title_ru", "title_ky", "title_en", "starts_at", "status")
        .order_by("-starts_at", "-pk")
    )


def upcoming(limit=4) -> list[Event]:
    """The next events, for the home page."""
    events = published_events().select_related(None).filter(ends_at__gte=timezone.now())
    fields = ("pk", "title_ru", "title_ky", "title_en", "starts_at", "all_day", "city", "status")
    return list(events.only(*fields)[:limit])


def calendar_page() -> EventIndexPage | None:
    """The calendar in the active language (its translation or alias), else any live one."""
    return index_page(EventIndexPage)
