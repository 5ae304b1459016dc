"""What the centres keep besides the queue: the requests transferred away (the fact alone), the
access log for the heads, and the figures (counts, no personal data)."""

from datetime import date

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sovet.core.pages import paginate

from .. import queries, rules
from ..models import AccessLogEntry, Transfer
from .guards import only
from .queue import chosen_centre

PAGE_SIZE = 50


@only(rules.works_at_desk)
def transfers_view(request):
    """The requests the centre handed to another: reference, date, where to — nothing else."""
    centre, centres = chosen_centre(request)
    transfers = (
        Transfer.objects.filter(from_centre=centre)
        .order_by("-at", "-pk")
        .values("at", "request__reference", "to_centre__name_ru", "to_centre__name_ky",
                "to_centre__name_en")
    )  # fmt: skip
    page = paginate(request, transfers, PAGE_SIZE)
    language = get_language() or "ru"
    rows = [
        (
            row["request__reference"],
            row["at"],
            row.get(f"to_centre__name_{language}") or row["to_centre__name_ru"],
        )
        for row in page
    ]
    query = f"centre={centre.pk}" if len(centres) > 1 else ""
    return render(
        request,
        "helpdesk/admin/transfers.html",
        {"title": _("Transferred away"), "centre": centre, "centres": centres, "rows": rows,
         "items": page, "query": query},
    )  # fmt: skip


@only(rules.reads_access_log)
def access_log_view(request):
    """Who opened which request of the head's centres, when, and how."""
    # The request's reference alone is read: nothing else of it reaches this page.
    entries = (
        AccessLogEntry.objects.filter(centre_id__in=rules.headed_centre_ids(request.user))
        .select_related("user", "centre", "request")
        .only("at", "action", "centre__name_ru", "centre__name_ky", "centre__name_en",
              "request__reference", "user__email", "user__first_name", "user__last_name")
        .order_by("-at", "-pk")
    )  # fmt: skip
    page = paginate(request, entries, PAGE_SIZE)
    return render(
        request,
        "helpdesk/admin/access_log.html",
        {"title": _("Access log"), "entries": page, "items": page, "query": ""},
    )


def _date_input():
    # ISO dates: what a browser's date field reads and sends, whatever the admin's language.
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=_date_input())
    end = forms.DateField(label=gettext_lazy("To"), widget=_date_input())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError(_("The period's start must not be after its end."))
        return cleaned


@only(rules.sees_figures)
def figures_view(request):
    """The help desk's figures for a period (this year unless chosen): counts only."""
    today = timezone.localdate()
    default = {"start": date(today.year, 1, 1), "end": today}
    form = PeriodForm(request.GET if request.GET else None, initial=default)
    period = form.cleaned_data if form.is_bound and form.is_valid() else default
    return render(
        request,
        "helpdesk/admin/figures.html",
        {
            "title": _("Help desk figures"),
            "form": form,
            "start": period["start"],
            "end": period["end"],
            "figures": queries.figures(period["start"], period["end"]),
        },
    )
