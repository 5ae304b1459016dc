"""Admin screens of one event that are not its form: registrants (check-in, exports), approval."""

import csv
import io
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.utils import get_valid_next_url_from_request

from sovet.core.lookups import index_page
from sovet.core.spreadsheets import no_formula

from . import rules, services
from .models import (
    CampaignEdition,
    Event,
    EventIndexPage,
    Registration,
    RegistrationMode,
    RegistrationStatus,
)


class CheckInForm(forms.Form):
    registration = forms.IntegerField()
    arrived = forms.BooleanField(required=False)


class CalledBackForm(forms.Form):
    called_back = forms.IntegerField()


def registrants_view(request, pk):
    """Who registered for an event: counts, the list with check-in, the invitation link, exports."""
    event = get_object_or_404(Event, pk=pk)
    if not rules.can_see_registrants(request.user, event):
        raise PermissionDenied
    registrations = event.registrations.order_by("created_at", "pk")
    if request.method == "POST" and "called_back" in request.POST:
        return _called_back(request, event, registrations)
    if request.method == "POST":
        return _check_in(request, event, registrations)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _export(event, registrations, export)
    rows = list(registrations.select_related("called_back_by"))
    waiting = [r for r in rows if r.status == RegistrationStatus.WAITLISTED]
    return render(
        request,
        "events/admin/registrants.html",
        {
            "event": event,
            "columns": _columns(),
            "registrations": rows,
            "seats_taken": services.seats_taken(event),
            "waiting_people": len(waiting),
            "to_call": sum(r.needs_call_back for r in rows if r.erased_at is None),
            "waiting_seats": sum(r.seats for r in waiting),
            "checked_in": sum(r.seats for r in rows if r.checked_in_at),
            "attendance": services.attendance(event),
            "invitation_url": _invitation_url(event, request),
            "is_invitation": event.registration == RegistrationMode.INVITATION,
        },
    )


def _check_in(request, event, registrations):
    form = CheckInForm(request.POST)
    if form.is_valid():
        registration = get_object_or_404(
            registrations.exclude(status=RegistrationStatus.CANCELLED),
            pk=form.cleaned_data["registration"],
        )
        services.check_in(registration, arrived=form.cleaned_data["arrived"])
        anchor = f"#registration-{registration.pk}"
    else:
        messages.error(request, _("Choose the registration to check in, then try again."))
        anchor = ""
    return redirect(reverse("events_registrants", args=[event.pk]) + anchor)


def _called_back(request, event, registrations):
    """A staff member called a registrant back: say so, once (the list shows who and when)."""
    form = CalledBackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the registration to mark, then try again."))
        return redirect("events_registrants", pk=event.pk)
    registration = get_object_or_404(
        registrations.filter(erased_at__isnull=True), pk=form.cleaned_data["called_back"]
    )
    services.registration_called_back(registration=registration, by=request.user)
    messages.success(request, _("Marked as called back."))
    return redirect(
        reverse("events_registrants", args=[event.pk]) + f"#registration-{registration.pk}"
    )


def _invitation_url(event, request) -> str:
    if event.registration != RegistrationMode.INVITATION:
        return ""
    # In the site's language, whatever the admin's: the invitation goes to guests.
    calendar = index_page(EventIndexPage, settings.LANGUAGE_CODE)
    if calendar is None:
        return ""
    return calendar.event_url(event, request) + "?" + urlencode({"invite": event.invitation_code})


def _columns() -> list[str]:
    def label(name):
        return str(capfirst(Registration._meta.get_field(name).verbose_name))

    return [
        *[label(name) for name in ("name", "email", "phone", "seats", "status")],
        _("Registered at"),
        label("checked_in_at"),
    ]


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _rows(registrations):
    for registration in registrations:
        erased = registration.erased_at is not None
        yield [
            _("Personal data erased") if erased else registration.name,
            "" if erased else registration.email,
            "" if erased else registration.phone,
            registration.seats,
            registration.get_status_display(),
            _moment(registration.created_at),
            _moment(registration.checked_in_at),
        ]


def _export(event, registrations, export: str) -> HttpResponse:
    filename = f"registrants-{event.pk}.{export}"
    if export == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow(_columns())
        for row in _rows(registrations):
            writer.writerow([no_formula(value) for value in row])
    else:
        response = HttpResponse(
            _xlsx(registrations),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _xlsx(registrations) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrants")[:31])
    sheet.append(_columns())
    for row in _rows(registrations):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: openpyxl would store "=…" as a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def approve_view(request, pk):
    """A Council secretary approves an event an editor added: it may now appear on the site."""
    if not rules.can_approve_events(request.user):
        raise PermissionDenied
    event = get_object_or_404(Event, pk=pk)
    queue = reverse("events_event:index") + "?approved=false"
    if request.method == "POST":
        services.event_approve(event, by=request.user)
        messages.success(request, _("“%(event)s” is approved.") % {"event": event})
        return redirect(get_valid_next_url_from_request(request) or queue)
    return render(
        request,
        "events/admin/approve.html",
        {"event": event, "next": get_valid_next_url_from_request(request) or queue},
    )


class EditionCopyForm(forms.Form):
    year = forms.IntegerField(
        label=_lazy("Year of the new edition"), min_value=1990, max_value=2100
    )


def edition_copy_view(request, pk):
    """A secretary opens next year's edition of a campaign from the last one (services.edition_copy)."""
    if not rules.can_manage_campaigns(request.user):
        raise PermissionDenied
    edition = get_object_or_404(CampaignEdition, pk=pk)
    events = edition.events.order_by()
    taken = set(edition.campaign.editions.values_list("year", flat=True))
    year = edition.year + 1
    while year in taken:
        year += 1
    form = EditionCopyForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.edition_copy(
                edition=edition, year=form.cleaned_data["year"], by=request.user
            )
        except ValidationError as error:
            form.add_error("year", error)
        else:
            messages.success(
                request,
                _(
                    "%(edition)s is open: %(count)s events copied as drafts, on the same days. "
                    "Set each date and publish the events."
                )
                % {"edition": copy, "count": copy.copied_events},
            )
            return redirect(reverse("events_event:index") + f"?edition={copy.pk}")
    return render(
        request,
        "events/admin/edition_copy.html",
        {
            "edition": edition,
            "form": form,
            "event_count": events.count(),
            "city_count": events.exclude(city="").values("city").distinct().count(),
        },
    )
