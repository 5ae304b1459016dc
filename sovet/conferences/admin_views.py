"""The resolution import screen: paste or upload the adopted text, check the preview, confirm."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput

from sovet.core.images import check_image
from sovet.core.partial_dates import PartialDate
from sovet.core.uploads import check_document
from sovet.organizations.models import Organization
from sovet.organizations.rules import editable_organizations

from . import importer, period, queries, rules, services
from .followup import services as followup_services
from .followup.views import AnswerForm
from .forms import PeriodForm, period_presets
from .models import (
    Conference,
    Decision,
    DecisionKind,
    Delegate,
    ProgressReport,
    Proposal,
    Recurrence,
    ReportStatus,
    Resolution,
)
from .preparation import queries as preparation_queries
from .preparation import services as preparation
from .preparation.forms import DeclineForm
from .preparation.queries import adoption_day

MAX_TEXT = 200_000


class ResolutionTextForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text of the resolution"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        max_length=MAX_TEXT,
        help_text=gettext_lazy(
            "Markdown or plain text: each decision on its own line, starting with “-” or a number."
        ),
    )
    file = forms.FileField(label=gettext_lazy("or a .md / .txt file"), required=False)
    conference = forms.IntegerField(
        label=gettext_lazy("Conference number"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("Only if the text does not name it."),
    )
    force = forms.BooleanField(
        label=gettext_lazy("Use my number, even if the text names another"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > MAX_TEXT * 4:
                raise ValidationError(_("The file is too large for a resolution."))
            try:
                cleaned["text"] = importer.decode(upload.read())
            except importer.UnreadableFile as error:
                raise ValidationError(str(error)) from error
        if not cleaned.get("text", "").strip():
            raise ValidationError(_("Paste the text of the resolution or choose its file."))
        return cleaned

    @staticmethod
    def decision_rows(parsed, data) -> tuple[list[dict], dict[int, dict], bool]:
        """Each decision as the preview shows it, with the secretary's corrections kept as typed
        (``kind-<n>``, ``due-<n>``, ``recurrence-<n>``); the corrections for the service; and
        whether a typed due date could not be read."""
        rows, corrections, bad = [], {}, False
        for decision in parsed.decisions:
            n, corrected, error = decision.number, {}, ""
            if data.get(f"kind-{n}") in DecisionKind.values:
                corrected["kind"] = data[f"kind-{n}"]
            if data.get(f"recurrence-{n}") in Recurrence.values:
                corrected["recurrence"] = data[f"recurrence-{n}"]
            due_text = decision.due.to_human() if decision.due else ""
            if f"due-{n}" in data:
                due_text = data[f"due-{n}"].strip()
                try:
                    corrected["due"] = PartialDate.from_human(due_text) if due_text else None
                except ValueError:
                    bad, error = (
                        True,
                        _(
                            "“%(value)s” is not a date. Write it as 01.09.2023, 09.2023, 2023 "
                            "or 03.2023–04.2023, or leave it empty."
                        )
                        % {"value": due_text},
                    )
            corrections[n] = corrected
            rows.append(
                {
                    "decision": decision,
                    "kind": corrected.get("kind", decision.kind),
                    "recurrence": corrected.get("recurrence", decision.recurrence),
                    "due_text": due_text,
                    "due_error": error,
                    "schedules": decision.schedules_conference
                    and importer.int_to_roman(decision.schedules_conference),
                }
            )
        return rows, corrections, bad


def import_view(request):
    if not rules.can_manage_conferences(request.user):
        raise PermissionDenied
    form = ResolutionTextForm(request.POST or None, request.FILES or None)
    parsed, rows = None, []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        text, number, force = data["text"], data["conference"], data["force"]
        parsed = importer.parse(text, conference_number=number, force=force)
        rows, corrections, bad_dates = ResolutionTextForm.decision_rows(parsed, request.POST)
        if "confirm" in request.POST and parsed.is_valid and not bad_dates:
            try:
                resolution = services.resolution_create(
                    parsed=parsed, user=request.user, corrections=corrections
                )
            except ValidationError as error:
                parsed.errors.extend(error.messages)
            else:
                messages.success(
                    request,
                    _("The resolution was imported: %(count)s decisions.")
                    % {"count": resolution.decisions.count()},
                )
                return redirect(
                    reverse("conferences_decision:index") + f"?resolution={resolution.pk}"
                )
        # The text stays in the form: the secretary corrects it and checks again.
        form = ResolutionTextForm(initial={"text": text, "conference": number, "force": force})
    return render(
        request,
        "conferences/admin/import.html",
        {
            "form": form,
            "parsed": parsed,
            "rows": rows,
            "kinds": DecisionKind.choices,
            "recurrences": Recurrence.choices,
        },
    )


class ForOrganizationForm(forms.Form):
    """A form filled in for one of the organizations the user acts for."""

    organization = forms.ModelChoiceField(label=gettext_lazy("Organization"), queryset=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations
        only = list(organizations[:2])
        if len(only) == 1:
            # The editor's only organization: chosen, with no empty choice to fall back to.
            field.initial, field.empty_label = only[0].pk, None


def chosen_organization(request, organizations) -> dict:
    """The form's initial organization from ``?organization=`` (the desk's links), if the user
    acts for it; any other value is ignored."""
    key = request.GET.get("organization", "")
    if key.isdigit() and organizations.filter(pk=key).exists():
        return {"organization": int(key)}
    return {}


class ProgressReportForm(ForOrganizationForm):
    text = forms.CharField(
        label=gettext_lazy("What was done"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    progress = forms.IntegerField(
        label=gettext_lazy("Progress now, %"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=gettext_lazy("Leave empty if you cannot tell."),
    )
    links = forms.CharField(
        label=gettext_lazy("Links"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("Events, news, photos on the web: one link per line."),
    )
    photo = forms.FileField(label=gettext_lazy("Photo"), required=False)
    document = forms.FileField(label=gettext_lazy("Document"), required=False)

    def clean_links(self):
        validate = URLValidator(schemes=["http", "https"])
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for link in links:
            try:
                validate(link)
            except ValidationError as error:
                raise ValidationError(
                    _("“%(link)s” is not a web address.") % {"link": link}
                ) from error
        return "\n".join(links)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        return check_image(photo) if photo else None

    def clean_document(self):
        document = self.cleaned_data.get("document")
        return check_document(document) if document else None


def report_view(request, pk):
    """An editor reports on a decision assigned to their organization, and answers the
    secretary's questions on its reports; the secretary sees the reports waiting for review."""
    decision = get_object_or_404(Decision.objects.select_related("resolution__conference"), pk=pk)
    organizations = editable_organizations(request.user, decision.organizations.all())
    if not organizations.exists():
        raise PermissionDenied
    answering = request.method == "POST" and "answer" in request.POST
    form = ProgressReportForm(
        request.POST if request.method == "POST" and not answering else None,
        request.FILES if request.method == "POST" and not answering else None,
        organizations=organizations,
        initial=chosen_organization(request, organizations),
    )
    # The questions the secretary asked on this decision's reports of the user's organizations.
    questioned = list(
        ProgressReport.objects.filter(
            decision=decision,
            status=ReportStatus.NEEDS_MORE,
            organization__editor_links__user=request.user,
        )
        .select_related("organization")
        .distinct()
    )
    for report in questioned:
        report.answer_form = AnswerForm(prefix=f"report-{report.pk}")
    if answering:
        key = request.POST.get("report", "")
        report = get_object_or_404(
            ProgressReport.objects.select_related("organization"),
            decision=decision,
            pk=key if key.isdigit() else 0,
        )
        answer_form = AnswerForm(request.POST, prefix=f"report-{report.pk}")
        if answer_form.is_valid():
            try:
                followup_services.progress_report_answer(
                    report=report, user=request.user, text=answer_form.cleaned_data["text"]
                )
            except ValidationError as error:
                answer_form.add_error(None, error)
            else:
                messages.success(request, _("Thank you: your answer was sent to the secretary."))
                return redirect("conferences_report", pk=decision.pk)
        # The answer stays on the page with why it was refused (even if the question is gone).
        questioned = [shown for shown in questioned if shown.pk != report.pk] + [report]
        report.answer_form = answer_form
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.progress_report_add(
            decision=decision,
            organization=data["organization"],
            user=request.user,
            text=data["text"],
            progress=data["progress"],
            links=data["links"],
            photo=data["photo"],
            document=data["document"],
        )
        messages.success(request, _("Thank you: the report was sent to the Council secretary."))
        return redirect("wagtailadmin_home")
    waiting = (
        decision.reports.filter(status=ReportStatus.SUBMITTED).select_related("organization")
        if rules.can_review_reports(request.user)
        else []
    )
    return render(
        request,
        "conferences/admin/report.html",
        {"form": form, "decision": decision, "questioned": questioned, "waiting": waiting},
    )


def period_report_view(request, pk):
    """«Итоги работы за период» as a printable page, a PDF or a DOCX — always in Russian.

    The period comes from the chooser (``start``, ``end``); a period the form refuses shows the
    form again, with what was typed and why, and no report."""

    if not rules.can_manage_conferences(request.user):
        raise PermissionDenied
    resolution = get_object_or_404(Resolution.objects.select_related("conference"), pk=pk)
    today = timezone.localdate()
    export = request.GET.get("format")
    with translation.override("ru"):
        # No period asked for: the whole one, from the adoption to today, shown in the fields.
        data = request.GET.copy()
        data.setdefault("start", resolution.adopted_on.isoformat())
        data.setdefault("end", today.isoformat())
        form = PeriodForm(data, resolution=resolution, today=today)
        context = {
            "form": form,
            "resolution": resolution,
            "presets": period_presets(
                resolution, today, next_adopted_on=queries.next_adoption(resolution)
            ),
            "back_url": queries.conference_url(resolution.conference, request),
        }
        if not form.is_valid():
            return render(request, "conferences/period_report.html", context)
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        report = period.build(resolution, start=start, end=end)
        filename = f"itogi-{resolution.conference.slug}-{start:%Y%m%d}-{end:%Y%m%d}"
        if export == "pdf":
            response = HttpResponse(period.as_pdf(report), content_type="application/pdf")
            response["Content-Disposition"] = content_disposition_header(True, f"{filename}.pdf")
            return response
        if export == "docx":
            response = HttpResponse(
                period.as_docx(report),
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
            response["Content-Disposition"] = content_disposition_header(True, f"{filename}.docx")
            return response
        period_query = urlencode({"start": start.isoformat(), "end": end.isoformat()})
        return render(
            request,
            "conferences/period_report.html",
            {**context, "report": report, "period_query": period_query},
        )


class DelegateForm(ForOrganizationForm):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    position = forms.CharField(label=gettext_lazy("Position"), max_length=200, required=False)
    email = forms.EmailField(label=gettext_lazy("E-mail (not published)"), required=False)
    phone = forms.CharField(
        label=gettext_lazy("Phone (not published)"), max_length=32, required=False
    )


def delegates_view(request, pk):
    """Delegates of a conference: editors register their own; the secretary confirms and checks in."""

    conference = get_object_or_404(Conference, pk=pk)
    manager = rules.can_manage_conferences(request.user)
    organizations = editable_organizations(request.user, Organization.objects.order_by("name_ru"))
    if not organizations.exists():
        raise PermissionDenied
    delegates = Delegate.objects.filter(
        conference=conference, organization__in=organizations
    ).select_related("organization")
    form = DelegateForm(organizations=organizations)
    if request.method == "POST" and "register" in request.POST:
        form = DelegateForm(request.POST, organizations=organizations)
        if form.is_valid():
            try:
                services.delegate_register(
                    conference=conference, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The delegate was registered."))
                return redirect("conferences_delegates", pk=conference.pk)
    elif request.method == "POST" and manager and request.POST.get("delegate"):
        delegate = get_object_or_404(delegates, pk=request.POST["delegate"])
        if "confirm" in request.POST:
            services.delegate_confirm(delegate=delegate, user=request.user)
        elif "check_in" in request.POST:
            services.delegate_check_in(delegate=delegate, user=request.user)
        return redirect("conferences_delegates", pk=conference.pk)
    quotas = (
        [
            (organization, services.delegate_quota_for(conference, organization))
            for organization in organizations
        ]
        if not manager
        else []
    )
    return render(
        request,
        "conferences/admin/delegates.html",
        {
            "conference": conference,
            "delegates": delegates,
            "form": form,
            "manager": manager,
            "quotas": quotas,
            "counts": queries.delegate_counts(conference) if manager else None,
        },
    )


def delegates_print_view(request, pk):
    """The printable list of delegates for the registration desk (no contacts)."""

    if not rules.can_manage_conferences(request.user):
        raise PermissionDenied
    conference = get_object_or_404(Conference, pk=pk)
    delegates = conference.delegates.select_related("organization").order_by(
        "organization__name_ru", "full_name"
    )
    return render(
        request,
        "conferences/delegates_print.html",
        {"conference": conference, "delegates": delegates},
    )


class ProposalForm(ForOrganizationForm):
    text = forms.CharField(
        label=gettext_lazy("Proposed decision"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
    )


class PublishForm(forms.Form):
    adopted_on = forms.DateField(
        label=gettext_lazy("Adopted on"),
        widget=AdminDateInput,
        required=False,
        help_text=gettext_lazy("The conference's day if left empty."),
    )
    preamble = forms.CharField(
        label=gettext_lazy("Preamble"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


def proposals_view(request, pk):
    """Before the conference: editors propose decisions; the secretary declines some (with a
    reason), merges the others into the draft, records the vote on each item and publishes the
    adopted resolution. Afterwards each proposal says what became of it."""

    conference = get_object_or_404(Conference, pk=pk)
    manager = rules.can_decide_proposals(request.user)
    organizations = editable_organizations(request.user, Organization.objects.order_by("name_ru"))
    if not organizations.exists():
        raise PermissionDenied
    proposals = (
        Proposal.objects.filter(conference=conference, organization__in=organizations)
        .select_related("organization")
        .prefetch_related("drafts__decision__resolution__conference")
    )
    form, publish_form = (
        ProposalForm(organizations=organizations),
        PublishForm(initial={"adopted_on": adoption_day(conference)}),
    )
    decline_form = DeclineForm(proposals=proposals) if manager else None
    if request.method == "POST" and "propose" in request.POST:
        form = ProposalForm(request.POST, organizations=organizations)
        if form.is_valid():
            try:
                services.proposal_submit(
                    conference=conference, user=request.user, **form.cleaned_data
                )
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your proposal was sent to the Council secretary."))
                return redirect("conferences_proposals", pk=conference.pk)
    elif request.method == "POST" and manager and "decline" in request.POST:
        decline_form = DeclineForm(request.POST, proposals=proposals)
        if decline_form.is_valid():
            try:
                preparation.proposal_decline(user=request.user, **decline_form.cleaned_data)
            except ValidationError as error:
                decline_form.add_error(None, error)
            else:
                messages.success(request, _("The proposal was declined; its author is told why."))
                return redirect("conferences_proposals", pk=conference.pk)
    elif request.method == "POST" and manager and "merge" in request.POST:
        chosen = proposals.filter(pk__in=request.POST.getlist("proposal"))
        text = request.POST.get("draft_text", "").strip() or "\n".join(p.text for p in chosen)
        if text:
            try:
                services.draft_add(
                    conference=conference, user=request.user, text=text, proposals=chosen
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The item was added to the draft resolution."))
        return redirect("conferences_proposals", pk=conference.pk)
    elif request.method == "POST" and manager and "publish" in request.POST:
        publish_form = PublishForm(request.POST)
        if publish_form.is_valid():
            try:
                resolution = services.draft_publish(
                    conference=conference, user=request.user, **publish_form.cleaned_data
                )
            except ValidationError as error:
                publish_form.add_error(None, error)
            else:
                messages.success(request, _("The resolution was published."))
                return redirect(
                    reverse("conferences_decision:index") + f"?resolution={resolution.pk}"
                )
    proposals = list(proposals)
    preparation_queries.proposal_outcomes(proposals)
    here = reverse("conferences_proposals", args=[conference.pk])
    return render(
        request,
        "conferences/admin/proposals.html",
        {
            "conference": conference,
            "proposals": proposals,
            "form": form,
            "manager": manager,
            "drafts": (
                conference.draft_decisions.select_related("decision").order_by("sort_order", "pk")
                if manager
                else []
            ),
            "published": hasattr(conference, "resolution"),
            "proposals_accepted": rules.proposals_accepted(conference),
            "publish_form": publish_form,
            "decline_form": decline_form,
            "vote_next": urlencode({"next": here}),
            "prepare_url": (
                reverse("conferences_prepare", args=[conference.pk])
                if rules.can_prepare(request.user, conference)
                else ""
            ),
        },
    )
