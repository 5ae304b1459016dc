"""The public pages of memorial places. `PlacesIndexPage`'s routes call the functions here: the
list, the map's feed, a place's page, and a visitor's report with its private status page."""

import copy
import gzip
import hashlib
import json
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks

from sovet.core import fragments
from sovet.core.filters import list_filters
from sovet.core.i18n import language_of
from sovet.core.lookups import index_page, index_url
from sovet.core.pages import page_section, paginate
from sovet.core.public import RateLimit, private, render_page
from sovet.memory.models import MemoryIndexPage
from sovet.organizations.models import OrganizationIndexPage

from . import overview, queries, services
from .forms import ReportForm
from .models import (
    Condition,
    MemorialPlace,
    PlaceKind,
    PlaceSettings,
    PlacesIndexPage,
    PlaceStatus,
)

PAGE_SIZE = 20
MAP_NEEDS = [
    ("vendor/leaflet/leaflet.js", "script"),
    ("vendor/leaflet/leaflet.css", "style"),
    ("core/css/sovet.css", "style"),
]
MAP_CACHE_SECONDS = 60 * 60
# The map feed's condition indexes: places' conditions by their position in this list.
MAP_CONDITIONS = list(Condition.values)
# Each report e-mails the caretakers and the moderators: a flood from one address must not
# flood their inboxes.
REPORT_LIMIT = RateLimit(
    "places-report",
    "5/h",
    gettext_lazy("Too many reports from your address. Please try again in an hour."),
)


def _interval_days(request) -> int:
    return PlaceSettings.load(request_or_site=request).inspection_interval_days


def _memory_page():
    """The memory archive in the page's language, for links to people's cards."""
    return index_page(MemoryIndexPage)


def index_view(page, request):
    """The list of published places with its filters; complete without the map's JavaScript."""
    form = list_filters(page, request)
    filters = form.filters()
    interval = _interval_days(request)
    today = timezone.localdate()
    places = queries.place_list(filters, interval_days=interval, today=today)
    # The counts read every place once per filter (a fifth of a second for 10,000): kept until
    # a place changes, like the map's feed.
    version = _feed_version(filters, interval, today)[0]
    counts = cache.get_or_set(
        f"places:counts:{version}:{interval}:{today.isoformat()}",
        lambda: queries.filter_counts(filters, interval_days=interval, today=today),
        MAP_CACHE_SECONDS,
    )
    form.show_counts(counts)
    # The map's first view rides in the page (see overview.py), kept like the feed.
    first_view = {}
    if settings.MAP_TILE_URL:
        first_view = cache.get_or_set(
            f"places:first-view:{version}",
            lambda: overview.first_view(_map_rows(places)),
            MAP_CACHE_SECONDS,
        )

    def one_page():
        shown = paginate(request, places, per_page=PAGE_SIZE)
        for place in shown:
            place.needs_visit = queries.is_overdue(place, interval, today)
        return shown

    legend = _legend(form, counts)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": form,
        # Read only if the page's kept fragment is not there (places/places_index.html).
        "places": SimpleLazyObject(one_page),
        "extra_query": query_string.urlencode(),
        "interval_days": interval,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "map_feed": map_feed_url(page, request, version) if settings.MAP_TILE_URL else "",
        "map_first_view": first_view,
        "legend": legend,
    }
    response = page.render(request, context_overrides=context, template="places/places_index.html")
    if settings.MAP_TILE_URL:
        # What the map waits for, asked for as soon as the headers arrive (≈ 50 ms sooner than
        # from the page on a slow phone).
        response["Link"] = ", ".join(
            f"<{static(path)}>; rel=preload; as={kind}" for path, kind in MAP_NEEDS
        )
    return response


def _legend(form, counts: dict) -> dict:
    """The map's legend: the conditions the markers' colours mean and the kinds of places, each
    with how many places it would show (the other filters kept) and the link that shows them."""

    def entries(name, choices, keep_empty):
        kept = form.query_string(exclude=(name, "page"))
        found = counts.get(name, {})
        return [
            {
                "value": value,
                "label": label,
                "count": found.get(value, 0),
                "query": "&".join(part for part in (kept, f"{name}={value}") if part),
            }
            for value, label in choices
            if keep_empty or found.get(value)
        ]

    return {
        "conditions": entries("condition", Condition.choices, keep_empty=True),
        "kinds": entries("kind", PlaceKind.choices, keep_empty=False),
    }


def map_view(page, request):
    """The map's places for the list's filters, in columns: ``{"conditions": ["good", …],
    "id": […], "longitude": […], "latitude": […], "condition": […]}``; each ``id`` is the
    difference from the one before (ascending ids: mostly 1, which gzip all but erases),
    coordinates are rounded to 5 decimals (about a metre), ``condition`` is an index in
    ``conditions``. Names are not in it: a popup asks for its place's with ``?place=<id>``
    (map_place), so the feed is the same in every language.

    Built once per version of the places and kept gzipped in the cache. The list page links
    to it with the version (``?v=``, map_feed_url): the browser keeps that address for good,
    and a change of the places makes a new one. Without it (or with an old one) the browser
    keeps the feed but asks again each time, a 304 while nothing changed."""
    if "place" in request.GET:
        return map_place(page, request)
    filters = list_filters(page, request).filters()
    today = timezone.localdate()
    interval = _interval_days(request) if filters.get("needs_visit") else 0  # a query saved
    version, changed = _feed_version(filters, interval, today)
    etag = f'"{version}"'
    last_modified = int(changed.timestamp()) if changed else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        key = f"places:map:{version}"
        body = cache.get(key)
        if body is None:
            places = queries.place_list(filters, interval_days=interval, today=today)
            body = gzip.compress(_map_feed(_map_rows(places)), mtime=0)
            cache.set(key, body, MAP_CACHE_SECONDS)
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            response = HttpResponse(body, content_type="application/json")
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(body), content_type="application/json")
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    if request.GET.get("v") == version:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, no-cache"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def map_feed_url(page, request, version: str) -> str:
    """The address of the map's feed for the list's filters, with the version of its content."""
    query = request.GET.copy()
    query.pop("page", None)
    query["v"] = version
    return f"{page.url}map/?{query.urlencode()}"


def _feed_version(filters: dict, interval_days: int, today) -> tuple[str, datetime | None]:
    """A digest of what the feed holds, and when a place last changed. The places' count and
    latest ``updated_at`` change whenever one is added, deleted or saved (drafts too:
    unpublishing is a save; services move ``updated_at`` when an inspection changes a place's
    condition): one quick query."""
    stats = MemorialPlace.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    kept = sorted((name, getattr(value, "pk", value)) for name, value in filters.items() if value)
    # Only "needs a visit" depends on the day and the setting.
    day = (interval_days, today) if filters.get("needs_visit") else None
    fingerprint = repr((stats["count"], stats["changed"], kept, day))
    return hashlib.sha256(fingerprint.encode()).hexdigest()[:20], stats["changed"]


def _map_rows(places) -> list[tuple[int, float, float, str]]:
    """The map's places with a location: ``(id, longitude, latitude, condition)`` by id, the
    coordinates rounded to 5 decimals (about a metre)."""
    rows = (
        places.filter(latitude__isnull=False)
        .order_by("pk")
        .values_list("pk", "longitude", "latitude", "condition")
    )
    return [
        (pk, round(float(longitude), 5), round(float(latitude), 5), condition)
        for pk, longitude, latitude, condition in rows
    ]


def _map_feed(rows) -> bytes:
    index = {condition: number for number, condition in enumerate(MAP_CONDITIONS)}
    feed = {
        "conditions": MAP_CONDITIONS,
        "id": [],
        "longitude": [],
        "latitude": [],
        "condition": [],
    }
    previous = 0
    for pk, longitude, latitude, condition in rows:
        feed["id"].append(pk - previous)
        feed["longitude"].append(longitude)
        feed["latitude"].append(latitude)
        feed["condition"].append(index[condition])
        previous = pk
    return json.dumps(feed, separators=(",", ":")).encode()


def map_place(page, request):
    """What a map popup shows of one published place: its name in the active language (the
    language it is in, for ``lang``), its condition and the address of its page."""
    pk = request.GET.get("place", "")
    if not (pk.isdigit() and len(pk) < 19):  # a number the database can hold
        raise Http404
    place = (
        queries.public_places()
        .select_related(None)
        .filter(pk=pk)
        .only("pk", "name_ru", "name_ky", "name_en", "condition")
        .first()
    )
    if place is None:
        raise Http404
    response = JsonResponse(
        {
            "id": place.pk,
            "name": place.name,
            "lang": language_of(place, "name"),
            "condition": place.condition,
            "url": page.place_path(place),
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def place_view(page, request, pk):
    """A published place's page; drafts are not found."""
    # Kept per content version with all its page shows; a copy of its own for this request.
    place = fragments.cached("place-page", pk, compute=lambda: queries.place_page(pk))
    if place is None:
        raise Http404
    place = copy.copy(place)
    interval = _interval_days(request)
    # Worked out only if the page's kept fragment is not there (places/place.html).
    people = SimpleLazyObject(lambda: _people(place))
    # Other apps' sections (the events held at the place…).
    sections = SimpleLazyObject(
        lambda: [
            section
            for fn in hooks.get_hooks("place_page_sections")
            if (section := fn(request, place))
        ]
    )
    context = {
        "place": place,
        "people": people,
        "needs_visit": queries.is_overdue(place, interval, timezone.localdate()),
        "interval_days": interval,
        # The organizations directory in the page's language, for the link to the caretaker.
        "directory_url": index_url(OrganizationIndexPage) if place.caretaker_id else "",
        "sections": sections,
    }
    return page.render(request, context_overrides=context, template="places/place.html")


def _people(place) -> list:
    memory = _memory_page()
    return [
        (card, memory.person_path(card) if memory else "") for card in place.published_participants
    ]


def report_view(page, request, pk):
    """/<lang>/memory/places/<pk>/report/ (a published place) and …/places/report/ (a place
    missing from the list, or anything else)."""
    place = None
    if pk is not None:
        place = queries.public_place(pk)
        if place is None:
            raise Http404
    limited = request.method == "POST" and REPORT_LIMIT.exceeded(request)
    form = ReportForm(request.POST or None, request.FILES or None, place=place)
    status = 200
    if limited:
        status = REPORT_LIMIT.refuse(form)
    elif request.method == "POST" and form.is_valid():
        try:
            report = services.report_submit(
                place=place, language=translation.get_language(), **form.report_data()
            )
        except ValidationError as error:
            for name, errors in error.update_error_dict({}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            if report.reporter_email:
                thanks = gettext(
                    "Thank you! Your report has been sent. Keep the address of this page "
                    "(we have also e-mailed it to you): the answer will appear here."
                )
            else:
                thanks = gettext(
                    "Thank you! Your report has been sent and we will call you back. Keep the "
                    "address of this page (bookmark it): the answer will appear here."
                )
            messages.success(request, thanks)
            return private(redirect(page.report_status_path(report)))
    context = {
        "place": place,
        "form": form,
        "place_path": page.place_path(place) if place else "",
        "asks_location": place is None,  # a listed place's coordinates are the place's own
        "photo_lost": request.method == "POST" and bool(request.FILES),
    }
    return render_page(page, request, "places/report.html", context, status=status)


def report_status_view(page, request, token):
    """The reporter's private page: what they sent, where it is, and the staff's note."""
    report = queries.report_by_token(token)
    if report is None:
        raise Http404
    place = report.place
    context = {
        "report": report,
        "place_path": page.place_path(place)
        if place is not None and place.status == PlaceStatus.PUBLISHED
        else "",
    }
    return private(render_page(page, request, "places/report_status.html", context))


def organization_card_section(request, organization):
    """The organization card's section: the memorial places it takes care of (None without)."""
    places = list(queries.public_places().filter(caretaker=organization))
    page = index_page(PlacesIndexPage)
    if not places or page is None:
        return None
    return page_section(
        request,
        gettext("Memorial places in our care"),
        "places/includes/organization_places.html",
        {"places": places, "page": page},
    )
