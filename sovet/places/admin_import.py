"""Staff admin: importing memorial places from a file, in two steps.

The upload is checked and reported, nothing saved; a file that can be imported waits in storage
under a random name until the user confirms, then it is checked again (the database may have
changed) and imported, all or nothing (the importer package checks, services.places_import
saves). Moderators and the Council only.
"""

import csv
import io
import secrets
from datetime import timedelta
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_http_methods
from django.views.defaults import permission_denied
from wagtail import hooks

from sovet.core.models import Region
from sovet.core.private_files import private_storage

from . import importer, rules, services
from .models import PlaceKind, PlaceStatus

SESSION_KEY = "places_import"
# Checked files waiting to be confirmed, under random names in the private storage (no URL).
KEPT_FOLDER = "places/imports"
KEPT_FOR = timedelta(days=1)
SHOWN_PROBLEMS = 1000  # a longer table helps nobody: the first problems are fixed first


@hooks.register("register_admin_urls")
def place_import_urls():
    return [path("places/import/", import_view, name="places_import")]


def managers_only(view):
    """A 403 for anyone else. (Raised inside an admin view, PermissionDenied would become a
    redirect to the dashboard.)"""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not rules.can_manage_places(request.user):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return guarded


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A table (CSV or XLSX) or a map (GeoJSON)."),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish at once"),
        required=False,
        help_text=gettext_lazy(
            "The places appear on the public map as soon as they are imported; otherwise they "
            "are drafts. A row's own status column wins."
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind for rows that do not say"),
        choices=[("", "—"), *PlaceKind.choices],
        required=False,
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region for rows that do not say"),
        queryset=Region.objects.all(),
        required=False,
        help_text=gettext_lazy("Maps from OpenStreetMap or uMap usually name no region."),
    )

    def __init__(self, *args, may_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:
            del self.fields["publish"]


@require_http_methods(["GET", "HEAD", "POST"])
@managers_only
def import_view(request):
    """Upload → the report (counts, problems by row) → "Import N places" → the places list."""
    if request.GET.get("template") == "csv":
        return _template()
    may_publish = rules.can_publish_place(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, may_publish)
    form = UploadForm(request.POST or None, request.FILES or None, may_publish=may_publish)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        options = {
            "publish": form.cleaned_data.get("publish", False),
            "kind": form.cleaned_data["kind"],
            "region": form.cleaned_data["region"].pk if form.cleaned_data["region"] else None,
        }
        try:
            importer.check_size(upload.size)
            data = upload.read()
            report = _check(upload.name, data, options, may_publish)
        except importer.ImportRefused as error:
            form.add_error("file", str(error))
        else:
            _forget(request)
            _sweep_abandoned()
            token = ""
            if report.can_import:
                # Kept until the user confirms: nothing is uploaded twice.
                token = secrets.token_hex(16)
                stored = private_storage().save(f"{KEPT_FOLDER}/{token}", ContentFile(data))
                request.session[SESSION_KEY] = {
                    "token": token, "path": stored, "name": upload.name, **options,
                }  # fmt: skip
            return _report_page(request, report, upload.name, token)
    return render(
        request,
        "places/admin/import.html",
        {"form": form, "columns": _columns(), "limits": _limits()},
    )


def _check(name: str, data: bytes, options: dict, may_publish: bool) -> importer.ImportReport:
    region = Region.objects.filter(pk=options["region"]).first() if options["region"] else None
    return importer.check_file(
        name,
        data,
        may_publish=may_publish,
        publish=options["publish"],
        default_kind=options["kind"],
        default_region=region,
    )


def _confirm(request, may_publish: bool):
    """The second step: the kept file, checked again, saved in one transaction."""
    pending = request.session.get(SESSION_KEY)
    # A stale token (an older report in another tab) leaves the newer check alone.
    if not pending or not constant_time_compare(pending["token"], request.POST["token"]):
        messages.error(request, _("The checked file is no longer kept: upload it again."))
        return redirect("places_import")
    try:
        with private_storage().open(pending["path"]) as stored:
            data = stored.read()
    except OSError:
        _forget(request)
        messages.error(request, _("The checked file is no longer kept: upload it again."))
        return redirect("places_import")
    try:
        report = _check(pending["name"], data, pending, may_publish)
        places = services.places_import(report, by=request.user)
    except importer.ImportRefused as error:
        _forget(request)
        messages.error(request, str(error))
        return redirect("places_import")
    except ValidationError:
        # The database changed since the check (a caretaker deleted…): show what is wrong now.
        _forget(request)
        messages.error(request, _("The file has errors now: nothing was imported."))
        return _report_page(request, report, pending["name"], "")
    _forget(request)
    messages.success(
        request,
        ngettext(
            "%(count)s memorial place was imported.",
            "%(count)s memorial places were imported.",
            len(places),
        )
        % {"count": len(places)},
    )
    return redirect("places_place:index")


def _forget(request) -> None:
    """Delete the kept file of an earlier upload, if any."""
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        private_storage().delete(pending["path"])


def _sweep_abandoned() -> None:
    """Delete the files of checks never confirmed (the user went away) after a day."""
    storage, folder = private_storage(), KEPT_FOLDER
    if not storage.exists(folder):
        return
    old = timezone.now() - KEPT_FOR
    for name in storage.listdir(folder)[1]:
        kept = f"{folder}/{name}"
        if storage.get_modified_time(kept) < old:
            storage.delete(kept)


def _report_page(request, report: importer.ImportReport, name: str, token: str):
    names = {row.number: row.place.name_ru for row in report.rows}
    problems = [(problem, names.get(problem.row, "")) for problem in report.problems]
    context = {
        "report": report,
        "file_name": name,
        "token": token,
        "problems": problems[:SHOWN_PROBLEMS],
        "hidden": max(len(problems) - SHOWN_PROBLEMS, 0),
        # GeoJSON has features, not rows: the report numbers them as the file does.
        "unit": pgettext("GeoJSON", "Feature") if report.file_kind == "geojson" else _("Row"),
    }
    return render(request, "places/admin/import_report.html", context)


def _template() -> HttpResponse:
    """An empty table with the column names in the user's language; semicolons and a BOM, so
    that Excel set to Russian opens it in columns."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";")
    writer.writerow([importer.column_title(name) for name in importer.TEMPLATE_COLUMNS])
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, "memorial-places-template.csv"
    )
    return response


def _columns() -> list[dict]:
    """What each column takes, for the table under the form."""
    regions = ", ".join(f"«{region.name}» ({region.code})" for region in Region.objects.all())
    kinds = ", ".join(f"«{label}»" for label in PlaceKind.labels)
    statuses = ", ".join(f"«{label}»" for label in PlaceStatus.labels)
    degrees = _(
        "Decimal degrees, e.g. 42.874621 and 74.569762 (a decimal comma is fine too), or both "
        "in one column «Coordinates», the latitude first."
    )
    help_texts = {
        "kind": _("One of: %(kinds)s.") % {"kinds": kinds},
        "name_ru": _("Required."),
        "region": _("The name or the code: %(regions)s.") % {"regions": regions},
        "latitude": degrees,
        "longitude": degrees,
        "year_erected": _("A year, e.g. 1975."),
        "unnamed_count": _("A whole number."),
        "caretaker": _("The organization's name, as the directory writes it."),
        "participants": _("Numbers of memory cards, separated by commas."),
        "status": _("%(statuses)s; empty: a draft, or published with “Publish at once”.")
        % {"statuses": statuses},
    }
    return [
        {"title": names[0], "names": names[1:], "help": help_texts.get(field, "")}
        for field, names in importer.column_names().items()
    ]


def _limits() -> str:
    return _("Up to %(size)s and %(rows)s rows.") % {
        "size": filesizeformat(importer.MAX_BYTES),
        "rows": number_format(importer.MAX_ROWS, force_grouping=True),
    }
