"""Staff admin: visitors' reports about cards, and what a moderator does with one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Q, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sovet.core.pages import paginate
from sovet.memory import services
from sovet.memory.models import (
    CardReport,
)
from sovet.memory.notifications import admin_card_url

from . import error_text, moderators_only
from .merges import merge_url

PAGE_SIZE = 50


# --- Reports -------------------------------------------------------------------------------

REPORT_FILTERS = {
    "open": Q(resolved_at__isnull=True),
    "closed": Q(resolved_at__isnull=False),
}


@moderators_only
def reports_view(request):
    """Visitors' reports, open ones first; ?status=open or ?status=closed narrows the list."""
    status = request.GET.get("status", "")
    if status not in REPORT_FILTERS:
        status = ""
    counts = CardReport.objects.aggregate(
        open=Count("pk", filter=REPORT_FILTERS["open"]),
        closed=Count("pk", filter=REPORT_FILTERS["closed"]),
    )
    listed = CardReport.objects.select_related("participant", "resolved_by").order_by(
        Case(When(resolved_at__isnull=True, then=0), default=1, output_field=IntegerField()),
        "-created_at",
        "-pk",
    )
    if status:
        listed = listed.filter(REPORT_FILTERS[status])
    reports = paginate(request, listed, PAGE_SIZE)
    context = {
        "title": _("Reports about cards"),
        "icon": "warning",
        "list_url": reverse("memory_reports"),
        "reports": reports,
        "items": reports,
        "status": status,
        "counts": counts,
        "filters": [
            ("", _("All"), counts["open"] + counts["closed"]),
            ("open", _("Open"), counts["open"]),
            ("closed", _("Closed"), counts["closed"]),
        ],
    }
    return render(request, "memory/admin/reports.html", context)


@moderators_only
def report_view(request, pk):
    """One report: the card, what the visitor says; close it, or hide the card and close it."""
    report = get_object_or_404(
        CardReport.objects.select_related("participant", "resolved_by"), pk=pk
    )
    if request.method == "POST":
        action = request.POST.get("action")
        services_by_action = {"close": services.report_close, "hide": services.report_hide_card}
        if action not in services_by_action:
            messages.error(request, _("Choose what to do with the report."))
            return redirect("memory_report", pk=report.pk)
        try:
            services_by_action[action](report=report, user=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect("memory_report", pk=report.pk)
        if action == "hide":
            messages.success(request, _("The card is hidden from the site and the report closed."))
        else:
            messages.success(request, _("The report is closed."))
        return redirect(reverse("memory_reports") + "?status=open")
    card = report.participant
    context = {
        "report": report,
        "card": card,
        "card_edit_url": admin_card_url(card, request.user),
        "merge_url": merge_url(kept=card),
        "other_reports": card.reports.exclude(pk=report.pk)
        .filter(resolved_at__isnull=True)
        .count(),
    }
    return render(request, "memory/admin/report.html", context)
