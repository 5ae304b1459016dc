"""Staff admin: visitors' reports about memorial places.

Moderators and the Council see every report; an organization's editors, the reports about the
places it looks after (rules.can_handle_report guards every page of one report). The services
are services.report_submit and services.report_set_status.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Q, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail import hooks

from sovet.core.admin import RuleMenuItem
from sovet.core.pages import paginate

from . import notifications, rules, services
from .models import PlaceReport, ReportStatus

PAGE_SIZE = 50


@hooks.register("register_admin_urls")
def place_report_urls():
    return [
        path("places/reports/", reports_view, name="places_reports"),
        path("places/reports/<int:pk>/", report_view, name="places_report"),
        path(
            "places/reports/<int:pk>/called-back/",
            called_back_view,
            name="places_report_called_back",
        ),
    ]


@hooks.register("register_log_actions")
def register_report_actions(actions):
    actions.register_action(
        "places.called_back",
        gettext_lazy("Call back"),
        gettext_lazy("The reporter was called back"),
    )


@hooks.register("register_admin_menu_item")
def place_reports_menu_item():
    # Right after the "Memorial places" group (menu_order 230).
    return RuleMenuItem(
        gettext_lazy("Reports about places"),
        reverse("places_reports"),
        icon_name="warning",
        order=231,
        name="place-reports",
        rule=rules.may_see_reports,
    )


def reporters_only(view):
    """A 403 for anyone who may not see reports. (Raised inside an admin view, PermissionDenied
    would become a redirect to the dashboard.)"""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not rules.may_see_reports(request.user):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return guarded


@reporters_only
def reports_view(request):
    """The reports this user may handle: new ones first, then in progress, then closed; ?status=
    narrows the list."""
    status = request.GET.get("status", "")
    if status not in ReportStatus.values:
        status = ""
    mine = rules.handled_reports(request.user, PlaceReport.objects.all())
    counts = mine.aggregate(
        **{value: Count("pk", filter=Q(status=value)) for value in ReportStatus.values}
    )
    listed = mine.select_related("place", "resolved_by").order_by(
        Case(
            When(status=ReportStatus.NEW, then=0),
            When(status=ReportStatus.IN_PROGRESS, then=1),
            default=2,
            output_field=IntegerField(),
        ),
        "-created_at",
        "-pk",
    )
    if status:
        listed = listed.filter(status=status)
    reports = paginate(request, listed, PAGE_SIZE)
    context = {
        "title": _("Reports about places"),
        "icon": "warning",
        "list_url": reverse("places_reports"),
        "reports": reports,
        "items": reports,
        "status": status,
        "filters": [("", _("All"), sum(counts.values()))]
        + [(value, label, counts[value]) for value, label in ReportStatus.choices],
    }
    return render(request, "places/report_admin_list.html", context)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=ReportStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the reporter"),
        help_text=gettext_lazy(
            "Shown on the reporter's private page and sent to them by e-mail. Required when "
            "the report is rejected."
        ),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@reporters_only
def report_view(request, pk):
    """One report: what the visitor saw, the photo, the location, the reporter's e-mail; and the
    form that moves it on (the reporter is e-mailed)."""
    report = get_object_or_404(
        PlaceReport.objects.select_related(
            "place__caretaker", "place__region", "resolved_by", "called_back_by"
        ),
        pk=pk,
    )
    if not rules.can_handle_report(request.user, report):
        return permission_denied(request, PermissionDenied())
    form = StatusForm(
        request.POST or None, initial={"status": report.status, "note": report.staff_note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_set_status(
                report,
                by=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for name, errors in error.update_error_dict({}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            if report.reporter_email:
                messages.success(request, _("The status is saved and the reporter is e-mailed."))
            else:
                messages.success(request, _("The status is saved."))
            return redirect("places_report", pk=report.pk)
    place = report.place
    context = {
        "report": report,
        "place": place,
        "place_edit_url": reverse("places_place:edit", args=[place.pk]) if place else "",
        "osm_url": notifications.osm_url(report.latitude, report.longitude)
        if report.latitude is not None
        else "",
        "form": form,
    }
    return render(request, "places/report_admin.html", context)


@reporters_only
@require_POST
def called_back_view(request, pk):
    """A staff member called a phone-only (or any) reporter back: say so, once."""
    report = get_object_or_404(PlaceReport, pk=pk)
    if not rules.can_handle_report(request.user, report):
        return permission_denied(request, PermissionDenied())
    services.report_called_back(report=report, by=request.user)
    messages.success(request, _("Marked as called back."))
    return redirect("places_report", pk=report.pk)
