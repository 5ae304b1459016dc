"""The secretary's review of progress reports: the list of those waiting, and one report with
its history, accepted or asked for more with a comment (``services.progress_report_review``
records the step and writes to the organization)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import attachments, rules, services
from ..models import ProgressReport, ReportStatus
from . import queries


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the organization"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text=gettext_lazy("Required when you ask for more: say what is missing."),
    )


class AnswerForm(forms.Form):
    """The organization's answer to the secretary's question (on the report screen)."""

    text = forms.CharField(
        label=gettext_lazy("Your answer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


def review_view(request, pk):
    if not rules.can_review_reports(request.user):
        raise PermissionDenied
    report = get_object_or_404(
        ProgressReport.objects.select_related(
            "decision__resolution__conference", "organization", "author"
        ),
        pk=pk,
    )
    form = ReviewForm(request.POST or None, initial={"comment": report.secretary_comment})
    if request.method == "POST" and form.is_valid():
        status = ReportStatus.ACCEPTED if "accept" in request.POST else ReportStatus.NEEDS_MORE
        try:
            services.progress_report_review(
                report=report,
                user=request.user,
                status=status,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error("comment", error)
        else:
            done = (
                _("The report was accepted.")
                if status == ReportStatus.ACCEPTED
                else _("Your question was sent to the organization.")
            )
            messages.success(request, done)
            return redirect("conferences_reports_waiting")
    return render(
        request,
        "conferences/admin/report_review.html",
        {
            "report": report,
            "decision": report.decision,
            "events": report.events.select_related("author"),
            "attachments": attachments.attachment_links(report),
            "form": form,
        },
    )


def waiting_view(request):
    """The reports waiting for review, each linked to its review (answers to questions marked)."""
    if not rules.can_review_reports(request.user):
        raise PermissionDenied
    return render(
        request,
        "conferences/admin/reports_waiting.html",
        {"reports": queries.reports_waiting()},
    )
