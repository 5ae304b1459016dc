"""The public pages of memorial places. `PlacesIndexPage`'s routes call the functions here."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import timezone, translation

from sovet.core.pages import paginate

from . import queries
from .forms import PlaceFilterForm
from .models import PlaceSettings

PAGE_SIZE = 20


def _interval_days(request) -> int:
    return PlaceSettings.load(request_or_site=request).inspection_interval_days


def _directory_url(page) -> str:
    """The organizations directory in the page's language, for links to caretakers' cards."""
    from sovet.organizations.models import OrganizationIndexPage

    directory = OrganizationIndexPage.objects.live().filter(locale_id=page.locale_id).first()
    return directory.url if directory else ""


def _memory_page(page):
    """The memory archive in the page's language, for links to people's cards."""
    from sovet.memory.models import MemoryIndexPage

    return MemoryIndexPage.objects.live().filter(locale_id=page.locale_id).first()


def index_view(page, request):
    """The list of published places with its filters; complete without the map's JavaScript."""
    form = PlaceFilterForm(request.GET or None)
    filters = form.filters()
    interval = _interval_days(request)
    today = timezone.localdate()
    places, counts = queries.place_list_and_counts(filters, interval_days=interval, today=today)
    form.show_counts(counts)
    places = paginate(request, places, per_page=PAGE_SIZE)
    for place in places:
        place.needs_visit = queries.is_overdue(place, interval, today)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": form,
        "places": places,
        "extra_query": query_string.urlencode(),
        "interval_days": interval,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    return page.render(request, context_overrides=context, template="places/places_index.html")


def map_view(page, request):
    """The map's markers for the list's filters: lean GeoJSON (RFC 7946, [longitude, latitude])
    with the name in the active language, the condition and the page's address."""
    form = PlaceFilterForm(request.GET or None)
    places = queries.place_list(
        form.filters(), interval_days=_interval_days(request), today=timezone.localdate()
    ).filter(latitude__isnull=False)
    name_field = {"ky": "name_ky", "en": "name_en"}.get(translation.get_language(), "name_ru")
    features = [
        {
            "type": "Feature",
            "id": pk,
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {
                "name": name or name_ru,
                "condition": condition,
                "url": f"{page.url}{pk}/",
            },
        }
        for pk, name_ru, name, condition, lat, lon in places.values_list(
            "pk", "name_ru", name_field, "condition", "latitude", "longitude"
        )
    ]
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def place_view(page, request, pk):
    """A published place's page; drafts are not found."""
    place = queries.place_page(pk)
    if place is None:
        raise Http404
    interval = _interval_days(request)
    memory = _memory_page(page)
    people = [
        (card, memory.person_path(card) if memory else "") for card in place.published_participants
    ]
    context = {
        "place": place,
        "people": people,
        "needs_visit": queries.is_overdue(place, interval, timezone.localdate()),
        "interval_days": interval,
        "directory_url": _directory_url(page) if place.caretaker_id else "",
    }
    return page.render(request, context_overrides=context, template="places/place.html")


def places_page():
    """The places page in the active language (or any), for links from other apps' pages."""
    from django.utils import translation

    from .models import PlacesIndexPage

    pages = PlacesIndexPage.objects.live().select_related("locale")
    return pages.filter(locale__language_code=translation.get_language()).first() or pages.first()


def organization_card_section(request, organization):
    """The organization card's section: the memorial places it takes care of (None without)."""
    from django.template.loader import render_to_string
    from django.utils.translation import gettext

    from .services import published_places

    places = list(published_places().filter(caretaker=organization).select_related("region"))
    page = places_page()
    if not places or page is None:
        return None
    return {
        "title": gettext("Memorial places in our care"),
        "html": render_to_string(
            "places/includes/organization_places.html",
            {"places": places, "page": page},
            request=request,
        ),
    }
