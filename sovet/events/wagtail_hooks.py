"""Events' hooks into the rest of the site: demo pages, organization cards, period figures."""

from wagtail import hooks


@hooks.register("demo_pages")
def events_demo_pages(home):
    from .demo import add_pages

    return add_pages(home)


@hooks.register("organization_card_sections")
def upcoming_events_on_organization_card(request, organization):
    from django.template.loader import render_to_string
    from django.utils.translation import gettext

    from . import queries
    from .models import EventIndexPage

    events = queries.upcoming_of(organization)
    calendar = EventIndexPage.objects.live().first()
    if not events or calendar is None:
        return None
    return {
        "title": gettext("Upcoming events"),
        "html": render_to_string(
            "events/includes/organization_events.html",
            {"events": events, "calendar": calendar.localized},
            request=request,
        ),
    }


@hooks.register("period_figures")
def event_figures(start, end):
    from django.utils.translation import gettext

    from .models import Event, EventStatus, Registration, RegistrationStatus

    held = Event.objects.filter(starts_at__date__range=(start, end)).exclude(
        status=EventStatus.CANCELLED
    )
    registered = Registration.objects.filter(event__in=held, status=RegistrationStatus.CONFIRMED)
    return [
        (gettext("Events held"), held.count()),
        (gettext("People registered for events"), sum(registered.values_list("seats", flat=True))),
    ]
