"""Admin screens that are not plain registries: importing organizations, inviting an editor."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput

from sovet.core.private_files import private_storage

from . import imports, rules, services
from .models import MembershipStatus, Organization

SESSION_KEY = "organizations_import"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy("The first row names the columns; see the template."),
    )


def import_view(request):
    """Upload → preview with every row's errors → import all, or only the valid rows."""
    if not rules.can_import_organizations(request.user):
        raise PermissionDenied
    if request.GET.get("template") == "csv":
        response = HttpResponse(",".join(imports.COLUMNS) + "\n", content_type="text/csv")
        response["Content-Disposition"] = content_disposition_header(
            True, "organizations-template.csv"
        )
        return response

    upload_form, report = ImportUploadForm(), None
    if request.method == "POST" and "file" in request.FILES:
        upload_form = ImportUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            upload = upload_form.cleaned_data["file"]
            data = upload.read(imports.MAX_BYTES + 1)
            try:
                report = imports.check(upload.name, data)
            except imports.ImportFileError as error:
                upload_form.add_error("file", str(error))
            else:
                # Kept until the user confirms, so that nothing is typed or uploaded twice; in the
                # private storage, as the organizations' contacts are in it.
                stored = private_storage().save(
                    f"imports/{uuid.uuid4().hex}-{upload.name}", ContentFile(data)
                )
                request.session[SESSION_KEY] = {"path": stored, "name": upload.name}
    elif request.method == "POST" and request.POST.get("action") in ("all", "valid"):
        pending = request.session.get(SESSION_KEY)
        if not pending:
            messages.error(request, _("The uploaded file has expired. Upload it again."))
            return redirect("organizations_import")
        with private_storage().open(pending["path"]) as file:
            report = imports.check(pending["name"], file.read())
        try:
            count = imports.apply(
                report, user=request.user, valid_only=request.POST["action"] == "valid"
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            private_storage().delete(pending["path"])
            del request.session[SESSION_KEY]
            messages.success(request, _("Imported organizations: %(count)s.") % {"count": count})
            return redirect("wagtailsnippets_organizations_organization:list")
    return render(
        request,
        "organizations/admin/import.html",
        {"form": upload_form, "report": report, "columns": imports.COLUMNS},
    )


class InviteEditorForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))


def invite_editor_view(request, pk):
    organization = get_object_or_404(Organization, pk=pk)
    if not rules.can_invite_editor(request.user, organization):
        raise PermissionDenied
    form = InviteEditorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.organization_editor_invite(
            organization=organization, invited_by=request.user, email=form.cleaned_data["email"]
        )
        messages.success(
            request,
            _("An invitation to edit “%(organization)s” was sent to %(email)s.")
            % {"organization": organization, "email": form.cleaned_data["email"]},
        )
        return redirect("wagtailsnippets_organizations_organization:list")
    editors = organization.editor_links.select_related("user").order_by("user__email")
    return render(
        request,
        "organizations/admin/invite_editor.html",
        {"form": form, "organization": organization, "editors": editors},
    )


class MembershipChangeForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"), choices=MembershipStatus.choices)
    date = forms.DateField(label=gettext_lazy("Date"), widget=AdminDateInput)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=255, required=False)


def membership_view(request, pk):
    """Record a step in an organization's history with the Council (joined, suspended, left)."""
    organization = get_object_or_404(Organization, pk=pk)
    if not rules.can_change_membership(request.user, organization):
        raise PermissionDenied
    form = MembershipChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.membership_change(
            organization=organization, user=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("The membership of “%(organization)s” was updated.") % {"organization": organization},
        )
        return redirect("wagtailsnippets_organizations_organization:list")
    history = organization.membership_changes.select_related("recorded_by")
    return render(
        request,
        "organizations/admin/membership.html",
        {"form": form, "organization": organization, "history": history},
    )
