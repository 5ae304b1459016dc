from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .models import Registration


@require_http_methods(["GET", "POST"])
def registration(request, token):
    """The registrant's private page: the registration's state, and a button to cancel it."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        services.registration_cancel(token=token)
        messages.success(request, _("Your registration was cancelled."))
        return redirect("events:registration", token=token)
    return render(
        request,
        "events/registration.html",
        {"registration": registration, "event": registration.event},
    )


def organization_card_section(request, organization):
    """The organization card's section listing its upcoming events (None when there are none)."""
    from django.template.loader import render_to_string

    from . import queries
    from .models import EventIndexPage

    events = queries.upcoming_of(organization)
    calendar = EventIndexPage.objects.live().first()
    if not events or calendar is None:
        return None
    return {
        "title": _("Upcoming events"),
        "html": render_to_string(
            "events/includes/organization_events.html",
            {"events": events, "calendar": calendar.localized},
            request=request,
        ),
    }
