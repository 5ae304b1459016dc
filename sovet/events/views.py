"""The public calendar's views. The calendar page's routes (`EventIndexPage`) call the functions
here with the page; the registrant's private page is a plain Django view."""

import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from sovet.conferences.queries import decision_url
from sovet.core import fragments
from sovet.core.filters import list_filters
from sovet.core.lookups import index_url
from sovet.core.pages import page_section, paginate
from sovet.core.public import RateLimit, private, private_page, render_page
from sovet.organizations.models import OrganizationIndexPage

from . import queries, services
from .calendar import BISHKEK, ics, month_grid, next_month, parse_month, previous_month
from .forms import RegistrationForm
from .models import (
    Campaign,
    CampaignEdition,
    EventStatus,
    Registration,
    RegistrationMode,
    RegistrationStatus,
)

# Each registration sends an e-mail: a flood from one address must not fill the seats with
# made-up people or send letters to strangers.
REGISTRATION_LIMIT = RateLimit(
    "event-registration",
    "10/10m",
    gettext_lazy("Too many registrations from your address. Please wait a few minutes."),
)


@require_http_methods(["GET", "POST"])
@private_page
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
        {
            "registration": registration,
            "event": registration.event,
            "has_started": registration.event.starts_at <= timezone.now(),
        },
    )


FEED_NAMED_BY = ("campaign", "organization", "series", "tag", "region")


def _map_context() -> dict:
    return {"map_tiles": settings.MAP_TILE_URL, "map_attribution": settings.MAP_TILE_ATTRIBUTION}


def calendar_view(page, request):
    """The list of upcoming (or, with ?past=1, past) events, or with ?view=month a month grid."""
    form = list_filters(page, request)
    filters = form.filters()
    context = {
        "form": form,
        "cities": SimpleLazyObject(queries.cities),
        "filter_query": form.query_string(),
    }
    if request.GET.get("view") == "month":
        today = timezone.localdate(timezone=BISHKEK)
        first = parse_month(request.GET.get("month"), today)
        # Read only if the page's kept fragment is not there (events/event_index_month.html).
        events = SimpleLazyObject(lambda: queries.month(first.year, first.month, **filters))
        context.update(
            view="month",
            month=first,
            weekdays=list(zip(WEEKDAYS.values(), WEEKDAYS_ABBR.values(), strict=True)),
            weeks=SimpleLazyObject(lambda: month_grid(first, events, today)),
            has_events=SimpleLazyObject(lambda: bool(events)),
            day_query=form.query_string(exclude=("date_from", "date_to")),
            previous_month=previous_month(first),
            next_month=next_month(first),
            today=today,
        )
        template = "events/event_index_month.html"
    else:
        past = request.GET.get("past") == "1"
        query_string = request.GET.copy()
        query_string.pop("page", None)
        context.update(
            view="list",
            past=past,
            # Read only if the page's kept fragment is not there (events/event_index_page.html).
            events=SimpleLazyObject(
                lambda: paginate(request, queries.calendar(past=past, **filters), per_page=20)
            ),
            extra_query=query_string.urlencode(),
            # The campaign chosen in the filter, and every campaign by its current edition.
            campaign=filters.get("campaign"),
            campaigns=SimpleLazyObject(queries.current_campaigns),
        )
        template = "events/event_index_page.html"
    return page.render(request, context_overrides=context, template=template)


def feed_view(page, request):
    form = list_filters(page, request)
    filters = form.filters()
    if form.errors:
        # A subscription to an organization that no longer exists must not become the whole
        # calendar without anyone noticing.
        raise Http404
    events = queries.calendar(**filters)[:500]
    # A calendar app shows the name: "Events — Immortal Regiment" says what was subscribed to.
    chosen = [str(filters[name]) for name in FEED_NAMED_BY if filters.get(name)]
    name = " — ".join([page.title, *chosen])
    body = ics(events, name=name, url_for=lambda event: page.event_url(event, request))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _edition_or_404(slug, year=None) -> CampaignEdition:
    try:
        return queries.campaign_edition(slug, year)
    except (Campaign.DoesNotExist, CampaignEdition.DoesNotExist) as missing:
        raise Http404 from missing


def campaign_view(page, request, slug, year=None):
    """A campaign's edition: what it is, where to join in each city, and its map."""
    edition = _edition_or_404(slug, year)
    # Read only if the page's kept fragment is not there (events/campaign.html).
    events = SimpleLazyObject(lambda: queries.edition_events(edition))
    # A past edition's page points to the one ahead, if the Council has opened it.
    ahead = queries.lead_edition(edition.editions) if edition.is_past else None
    context = {
        "edition": edition,
        "campaign": edition.campaign,
        "editions": edition.editions,
        "edition_ahead": ahead if ahead and not ahead.is_past else None,
        "cities": SimpleLazyObject(lambda: queries.by_city(events)),
        "has_places": lambda: any(event.has_place for event in events),
        "directory_url": index_url(OrganizationIndexPage, request),
        **_map_context(),
    }
    return page.render(request, context_overrides=context, template="events/campaign.html")


def campaign_map_view(page, request, slug, year):
    edition = _edition_or_404(slug, year)
    features = fragments.cached(
        "campaign-map",
        page.pk,
        edition.pk,
        compute=lambda: queries.map_features(
            queries.edition_events(edition), url_for=lambda event: page.event_path(event)
        ),
    )
    response = JsonResponse(features, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    return response


def registration_state(event, *, invitation_code: str) -> str:
    """What the event page offers: "off", "cancelled", "past", "closed", "invitation" or "open"."""
    if event.registration == RegistrationMode.OFF:
        return "off"
    try:
        services.check_registration_open(event, invitation_code)
    except ValidationError as error:
        return "invitation" if error.code == "invitation_only" else error.code
    return "open"


def event_view(page, request, pk):
    # Kept per content version with all its page shows; a copy of its own for this request.
    event = fragments.cached("event-page", pk, compute=lambda: queries.event_page(pk))
    if event is None:
        raise Http404
    event = copy.copy(event)
    invite = request.GET.get("invite", "")[:64]
    state = registration_state(event, invitation_code=invite)
    invited = event.registration == RegistrationMode.INVITATION and state == "open"
    sending = request.method == "POST" and state != "off"
    limited = sending and REGISTRATION_LIMIT.exceeded(request)
    form = RegistrationForm(request.POST or None)
    registration = None
    status = 200
    if limited:
        status = REGISTRATION_LIMIT.refuse(form)
    elif sending and form.is_valid():
        try:
            registration = services.registration_create(
                event=event, invitation_code=invite if invited else "", **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
    seats_left = None
    if event.capacity is not None and state == "open":
        seats_left = max(event.capacity - services.seats_taken(event), 0)
    now = timezone.now()
    is_over = event.ends_at < now and event.status != EventStatus.CANCELLED
    attendance = services.attendance(event) if is_over else None
    context = {
        "event": event,
        "form": form,
        "registration": registration,
        "registration_state": state,
        "invite": invite if invited else "",
        "seats_left": seats_left,
        "is_over": is_over,
        "attendance": attendance,
        "campaign_url": page.edition_url(event.edition) if event.edition else "",
        "decision_url": decision_url(event.decision, request) if event.decision else "",
        "directory_url": index_url(OrganizationIndexPage, request),
        # Other apps' sections (the volunteer shifts of the event…).
        "sections": SimpleLazyObject(
            lambda: [
                section
                for fn in hooks.get_hooks("event_page_sections")
                if (section := fn(request, event))
            ]
        ),
        **_map_context(),
    }
    response = render_page(page, request, "events/event.html", context, status=status)
    # A phone-only registrant reads their private link here (no letter brings it).
    return private(response) if registration is not None else response


def event_ics_view(page, request, pk):
    event = queries.published_events().filter(pk=pk).first()
    if event is None:
        raise Http404
    response = HttpResponse(
        ics([event], name=event.title, url_for=lambda e: page.event_url(e, request)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, f"event-{event.pk}.ics")
    return response


def organization_card_section(request, organization):
    """The organization card's section: its upcoming and latest past events (None without any)."""
    upcoming = queries.upcoming_of(organization)
    past = queries.past_of(organization)
    calendar_page = queries.calendar_page()
    if calendar_page is None or not (upcoming or past):
        return None
    return page_section(
        request,
        _("Events"),
        "events/includes/organization_events.html",
        {
            "upcoming": upcoming,
            "past": past,
            "calendar": calendar_page,
            "organization": organization,
        },
    )


def place_page_section(request, place):
    """A memorial place's page: the events held there (None without any, or without a calendar)."""
    events = queries.held_at(place)
    calendar_page = queries.calendar_page() if events else None
    if calendar_page is None:
        return None
    return page_section(
        request,
        _("Events at this place"),
        "events/includes/place_events.html",
        {"events": events, "calendar": calendar_page},
    )


def decision_page_section(request, decision):
    """A decision's accountability page: the events that served it (None without any)."""
    events = queries.serving(decision)
    calendar_page = queries.calendar_page() if events else None
    if calendar_page is None:
        return None
    return page_section(
        request,
        _("Events that served this decision"),
        "events/includes/decision_events.html",
        {"events": events, "calendar": calendar_page},
    )


def home_page_section(request, page):
    """The home page's "Upcoming events" block (None when the site has no calendar)."""
    calendar_page = queries.calendar_page()
    if calendar_page is None:
        return None
    return page_section(
        request,
        _("Upcoming events"),
        "events/includes/home_events.html",
        {"events": queries.upcoming(limit=4), "calendar": calendar_page},
    )


def home_campaigns_section(request, page):
    """The home page's "Campaigns" block: each by its current or next edition (None without)."""
    calendar_page = queries.calendar_page()
    campaigns = queries.current_campaigns() if calendar_page else []
    if not campaigns:
        return None
    return page_section(
        request,
        _("Campaigns"),
        "events/includes/campaigns.html",
        {"campaigns": campaigns, "calendar": calendar_page},
    )


def account_section(request):
    """ "My account": the events the person registered for with one of their verified addresses."""
    emails = [
        address.lower()
        for address in request.user.emailaddress_set.filter(verified=True).values_list(
            "email", flat=True
        )
    ]
    registrations = list(
        Registration.objects.select_related("event")
        .filter(email__in=emails, event__ends_at__gte=timezone.now(), erased_at__isnull=True)
        .exclude(status=RegistrationStatus.CANCELLED)
        .order_by("event__starts_at")
    )
    if not registrations:
        return None
    return page_section(
        request,
        _("My registrations for events"),
        "events/includes/account_registrations.html",
        {"registrations": registrations},
    )
