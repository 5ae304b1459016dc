"""What memorial places show to the site search (core.site_search)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sovet.core.i18n import language_of
from sovet.core.lookups import index_page
from sovet.core.site_search import SearchDocument, SearchKind, list_search

from .models import MemorialPlace, PlacesIndexPage
from .queries import public_places


def _place(place: MemorialPlace, language: str) -> SearchDocument | None:
    places = index_page(PlacesIndexPage)
    if places is None:
        return None
    text = " ".join(
        part
        for part in (
            place.get_kind_display(),
            place.address,
            place.region.name if place.region else "",
            place.description,
            place.history,
        )
        if part
    )
    lang = language_of(place, "name")
    # A place's description and history are written in Russian.
    return SearchDocument(place.name, text, places.place_path(place), None, lang, "ru")


@hooks.register("search_kinds")
def search_kinds():
    return [
        SearchKind(
            "place",
            _("Memorial places"),
            MemorialPlace,
            public_places,
            _place,
            order=50,
            more_url=list_search(PlacesIndexPage),
        )
    ]
