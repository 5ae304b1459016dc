"""Staff screens for certificates: the list of those the user may issue and revoke (a year's for
the youth council and the Council, a project's for its coordinators), the issue form that shows
the hours to be stated before issuing, and the revoke form."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from sovet.core.admin import only_for
from sovet.core.lookups import index_page
from sovet.core.pages import paginate

from .. import rules
from ..models import (
    Certificate,
    CertificateKind,
    CommunitySettings,
    Project,
    Volunteer,
    VolunteersPage,
)
from . import services
from .queries import certificate_paths
from .views import grouped_code, hours_text

PAGE_SIZE = 50
STATUSES = {
    "valid": Q(revoked_at__isnull=True),
    "revoked": Q(revoked_at__isnull=False),
}


def reachable_certificates(user, queryset=None):
    """The certificates ``user`` may issue and revoke."""
    queryset = Certificate.objects.all() if queryset is None else queryset
    if rules.manages_community(user):
        return queryset
    projects = rules.coordinated_projects(user, Project.objects.all())
    return queryset.filter(kind=CertificateKind.PROJECT, project__in=projects)


def download_path(certificate) -> str:
    page = index_page(VolunteersPage)
    return certificate_paths(page, certificate)["pdf"] if page else ""


@only_for(rules.coordinates)
def list_view(request):
    status = request.GET.get("status", "")
    if status not in STATUSES:
        status = ""
    mine = reachable_certificates(request.user)
    counts = mine.aggregate(**{key: Count("pk", filter=q) for key, q in STATUSES.items()})
    listed = mine.select_related("volunteer", "project", "issued_by").order_by("-issued_at", "-pk")
    if status:
        listed = listed.filter(STATUSES[status])
    items = paginate(request, listed, PAGE_SIZE)
    page = index_page(VolunteersPage)
    rows = [
        (
            certificate,
            grouped_code(certificate.code),
            hours_text(certificate.hours),
            certificate_paths(page, certificate)["pdf"] if page else "",
        )
        for certificate in items
    ]
    context = {
        "title": pgettext("certificate", "Certificates"),
        "icon": "doc-full",
        "list_url": reverse("community_certificates"),
        "items": items,
        "rows": rows,
        "status": status,
        "filters": [
            ("", _("All"), counts["valid"] + counts["revoked"]),
            ("valid", pgettext("certificate", "Valid"), counts["valid"]),
            ("revoked", pgettext("certificate", "Revoked"), counts["revoked"]),
        ],
    }
    return render(request, "community/certificates/admin/list.html", context)


def _years():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, this_year - 10, -1)]


class IssueForm(forms.Form):
    volunteer = forms.ModelChoiceField(
        label=pgettext_lazy("certificate", "Volunteer"), queryset=Volunteer.objects
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=CertificateKind.choices, widget=forms.RadioSelect
    )
    project = forms.ModelChoiceField(
        label=pgettext_lazy("certificate", "Project"),
        queryset=Project.objects,
        required=False,
        help_text=pgettext_lazy("certificate", "For a project's certificate."),
    )
    year = forms.TypedChoiceField(
        label=pgettext_lazy("certificate", "Year"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=pgettext_lazy("certificate", "For a year's certificate."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    signer_name = forms.CharField(label=pgettext_lazy("certificate", "Signed by"), max_length=150)
    signer_title = forms.CharField(
        label=pgettext_lazy("certificate", "Signer's position"), max_length=200
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["volunteer"].queryset = rules.visible_volunteers(user).order_by(
            "full_name", "pk"
        )
        self.fields["project"].queryset = rules.coordinated_projects(
            user, Project.objects.all()
        ).order_by("title_ru", "pk")
        self.fields["year"].choices = [("", "—"), *_years()]
        if not rules.manages_community(user):
            # A year's certificate speaks for the whole Council: the youth council's.
            self.fields["kind"].choices = [(CertificateKind.PROJECT, CertificateKind.PROJECT.label)]
            self.fields["kind"].initial = CertificateKind.PROJECT
            del self.fields["year"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == CertificateKind.PROJECT and not data.get("project"):
            self.add_error("project", pgettext("certificate", "Choose the project."))
        if kind == CertificateKind.YEAR and not data.get("year"):
            self.add_error("year", pgettext("certificate", "Choose the year."))
        return data

    def arguments(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        return {
            "volunteer": data["volunteer"],
            "kind": kind,
            "project": data.get("project") if kind == CertificateKind.PROJECT else None,
            "year": data.get("year") if kind == CertificateKind.YEAR else None,
            "language": data["language"],
        }


@only_for(rules.coordinates)
def issue_view(request):
    """The form; «Show the hours» states what would be printed, «Issue» issues it."""
    defaults = CommunitySettings.load()
    initial = {
        "signer_name": defaults.signer_name,
        "signer_title": defaults.signer_title,
        "language": "ru",
        "year": timezone.localdate().year,
    }
    volunteer = request.GET.get("volunteer", "")
    if volunteer.isdigit():
        found = rules.visible_volunteers(request.user).filter(pk=volunteer).first()
        if found:
            initial.update(volunteer=found.pk, language=found.language)
    form = IssueForm(request.POST or None, user=request.user, initial=initial)
    statement = None
    if request.method == "POST" and form.is_valid():
        arguments = form.arguments()
        try:
            if request.POST.get("action") == "issue":
                certificate = services.certificate_issue(
                    **arguments,
                    signer_name=form.cleaned_data["signer_name"],
                    signer_title=form.cleaned_data["signer_title"],
                    by=request.user,
                )
                messages.success(
                    request,
                    _("Certificate %(code)s issued to %(name)s.")
                    % {"code": grouped_code(certificate.code), "name": certificate.holder_name},
                )
                return redirect("community_certificates")
            statement = services.certificate_statement(**arguments)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
    context = {
        "title": pgettext("certificate", "Issue a certificate"),
        "form": form,
        "statement": statement,
        "hours": hours_text(statement.hours) if statement else "",
    }
    return render(request, "community/certificates/admin/issue.html", context)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("certificate", "Reason for revoking"),
        help_text=gettext_lazy("Kept in the log; the verification page shows only the date."),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@only_for(rules.coordinates)
def revoke_view(request, pk):
    certificate = (
        reachable_certificates(request.user)
        .select_related("volunteer", "project")
        .filter(pk=pk)
        .first()
    )
    if certificate is None:
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and certificate.valid and form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(
                request,
                _("Certificate %(code)s revoked.") % {"code": grouped_code(certificate.code)},
            )
            return redirect("community_certificates")
    context = {
        "title": pgettext("certificate", "Revoke a certificate"),
        "certificate": certificate,
        "code": grouped_code(certificate.code),
        "hours": hours_text(certificate.hours),
        "download_path": download_path(certificate),
        "form": form,
    }
    return render(request, "community/certificates/admin/revoke.html", context)
