"""Coordination on the public site: a volunteer's hours outside shifts (me/hours/ of the
volunteers page), and the sections other apps' pages show (a memorial place's clean-ups, an
event's volunteer shifts)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sovet.core.lookups import index_page
from sovet.core.pages import page_section
from sovet.core.public import RateLimit, private, render_page

from ..models import HoursEntry, Volunteer, VolunteersPage
from . import queries, services
from .forms import HoursLogForm

HOURS_LIMIT = RateLimit(
    "community-hours-log",
    "30/h",
    gettext_lazy("Too many requests from your address. Please try again in an hour."),
)


def hours_view(page, request):
    """A signed-in volunteer logs hours given outside shifts and sees their entries."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    volunteer = Volunteer.objects.filter(user=request.user).first()
    if volunteer is None:
        return redirect(page.get_url(request) + "join/")
    # Counted before the form is bound: a refused request costs nothing.
    limited = request.method == "POST" and HOURS_LIMIT.exceeded(request)
    form = HoursLogForm(request.POST or None, volunteer=volunteer)
    status = 200
    if limited:
        status = HOURS_LIMIT.refuse(form)
    elif request.method == "POST":
        if form.is_valid():
            try:
                services.hours_log(volunteer=volunteer, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                for name, errors in error.update_error_dict({}).items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(request, _("Thank you: the hours wait for a coordinator."))
                return redirect(page.get_url(request) + "me/hours/")
        status = 400
    entries = (
        HoursEntry.objects.filter(volunteer=volunteer)
        .select_related("organization", "project")
        .order_by("-day", "-pk")
    )
    context = {"form": form, "volunteer": volunteer, "entries": entries}
    response = render_page(page, request, "community/coordination/hours.html", context,
                           status=status)  # fmt: skip
    return private(response)


def _shift_url(request, shift) -> str:
    page = index_page(VolunteersPage)
    return f"{page.get_url(request)}shifts/{shift.pk}/" if page is not None else ""


def event_page_section(request, event):
    """An event's page: its volunteer shifts, with the places left."""
    shifts = queries.event_shifts(event)
    if not shifts:
        return None
    page = index_page(VolunteersPage)
    base = page.get_url(request) if page is not None else ""
    for shift in shifts:
        shift.url = f"{base}shifts/{shift.pk}/" if base else ""
    return page_section(
        request, _("Volunteers needed"), "community/coordination/event_shifts.html",
        {"shifts": shifts},
    )  # fmt: skip
