"""Links to memorial places from other apps' templates (an event held at a place)."""

from django import template

from sovet.core.lookups import index_page

from ..models import PlacesIndexPage, PlaceStatus

register = template.Library()


@register.simple_tag
def place_url(place) -> str:
    """The public page of a published place in the active language; '' for a draft."""
    if place is None or place.status != PlaceStatus.PUBLISHED:
        return ""
    page = index_page(PlacesIndexPage)
    return page.place_path(place) if page else ""
