"""Links to memorial places from other apps' templates (an event held at a place)."""

from django import template
from django.utils import translation

from ..models import PlacesIndexPage, PlaceStatus

register = template.Library()


@register.simple_tag
def place_url(place) -> str:
    """The public page of a published place in the active language; '' for a draft."""
    if place is None or place.status != PlaceStatus.PUBLISHED:
        return ""
    page = PlacesIndexPage.in_active_language()
    return page.place_path(place) if page else ""


@register.simple_tag(takes_context=True)
def event_path(context, event) -> str:
    """An event's page in the active language (the calendar page is looked up once a render)."""
    from sovet.events.models import EventIndexPage

    cache = context.render_context
    if "places_calendar" not in cache:
        language = translation.get_language()
        pages = EventIndexPage.objects.live().select_related("locale")
        cache["places_calendar"] = (
            pages.filter(locale__language_code=language).first() or pages.first()
        )
    calendar = cache["places_calendar"]
    return calendar.event_path(event) if calendar else ""
