"""Visitors' reports about memorial places: a damaged place, or one missing from the list.

The public form (with a photo and the phone's location), the services behind it, the e-mails to
the caretaking organization's editors and the moderators, and to the reporter on each change of
status. The reporter follows the report on a private page, by its token.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.log_actions import log

from sovet.accounts.roles import Role
from sovet.core.images import check_image, gps_position, set_image_from_upload
from sovet.core.lookups import index_page
from sovet.core.public import RateLimit, private, render_page
from sovet.memory.queries import moderator_emails
from sovet.organizations.models import OrganizationEditor

from . import rules, services
from .models import MemorialPlace, PlaceReport, PlacesIndexPage, PlaceStatus, ReportKind
from .models import ReportStatus as Status

# Each report e-mails the caretakers and the moderators: a flood from one address must not
# flood their inboxes.
REPORT_LIMIT = RateLimit(
    "places-report",
    "5/h",
    gettext_lazy("Too many reports from your address. Please try again in an hour."),
)
# What a report may be about: on a place's page, and from the list (a place not in it).
PLACE_KINDS = [ReportKind.DAMAGE, ReportKind.OTHER]
GENERAL_KINDS = [ReportKind.MISSING_PLACE, ReportKind.DAMAGE, ReportKind.OTHER]
CLOSED = (Status.RESOLVED, Status.REJECTED)
SIX_PLACES = Decimal("0.000001")


def kinds_for(place: MemorialPlace | None) -> list[ReportKind]:
    return PLACE_KINDS if place is not None else GENERAL_KINDS


# --- Who may handle a report ---------------------------------------------------------------


def may_see_reports(user) -> bool:
    """Moderators and the Council see every report; an organization's editors, the reports
    about the places it looks after."""
    return rules.can_add_place(user)


def can_handle_report(user, report: PlaceReport) -> bool:
    if rules.can_manage_places(user):
        return True
    return report.place is not None and rules.can_edit_place(user, report.place)


def handled_reports(user, queryset):
    """The reports this user may see and handle, as a queryset (a missing place's report has
    no caretaker yet: only the moderators and the Council see it)."""
    if rules.can_manage_places(user):
        return queryset
    places = rules.editable_places(user, MemorialPlace.objects.all())
    return queryset.filter(place__in=places.values("pk"))


# --- The public form -----------------------------------------------------------------------


class CoordinateField(forms.DecimalField):
    """Degrees as a phone or a map gives them: a comma or a point, any number of decimals
    (kept to six, about 10 cm)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 12})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        value = super().to_python(value)
        if value is not None:
            try:
                value = value.quantize(SIX_PLACES)
            except InvalidOperation:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return value


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What is it about?"), widget=forms.RadioSelect)
    description = forms.CharField(
        label=gettext_lazy("What did you see?"),
        help_text=gettext_lazy(
            "What is damaged or missing, since when, and where exactly (an address or a landmark)."
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Please describe what you saw.")},
    )
    photo = forms.FileField(
        label=gettext_lazy("Photo (optional)"),
        help_text=gettext_lazy("Take a photo or choose one. The location is removed from it."),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    latitude = CoordinateField(
        label=gettext_lazy("Latitude"), required=False, min_value=-90, max_value=90
    )
    longitude = CoordinateField(
        label=gettext_lazy("Longitude"), required=False, min_value=-180, max_value=180
    )
    reporter_name = forms.CharField(
        label=gettext_lazy("Your name (optional)"), max_length=150, required=False
    )
    reporter_email = forms.EmailField(
        label=gettext_lazy("Your e-mail"),
        help_text=gettext_lazy(
            "To tell you what was done. Only the staff see it; it is never published."
        ),
        error_messages={"required": gettext_lazy("Please give your e-mail: we write to it.")},
    )

    def __init__(self, *args, place=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = place
        self.photo_location = None
        kinds = kinds_for(place)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["kind"].initial = kinds[0].value

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        clean = check_image(upload)  # refuses what is not a sound image, before anything else
        # Read from the original: where the phone says the photo was taken (the copy has no GPS).
        self.photo_location = gps_position(upload)
        return clean

    def clean(self):
        cleaned = super().clean()
        if "latitude" in self.errors or "longitude" in self.errors:
            return cleaned
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is None and longitude is None and self.photo_location:
            latitude, longitude = cleaned["latitude"], cleaned["longitude"] = self.photo_location
        if latitude is None and longitude is None and self.place is None:
            # A place missing from the list can only be added where it is.
            if cleaned.get("photo"):
                message = _(
                    "Your photo carries no location. Use your location, or type the "
                    "coordinates of the place."
                )
            else:
                message = _(
                    "Tell us where the place is: use your location, type the coordinates, or "
                    "send a photo taken there with the phone's location turned on."
                )
            self.add_error("latitude", ValidationError(message, code="no_location"))
            return cleaned
        try:
            services.check_location(latitude, longitude)
        except ValidationError as error:
            self.add_error("latitude", error)
        return cleaned

    def report_data(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "kind",
                "description",
                "photo",
                "latitude",
                "longitude",
                "reporter_name",
                "reporter_email",
            )
        }


def status_path(page, report: PlaceReport) -> str:
    return page.url + page.reverse_subpage("report_status", kwargs={"token": report.token})


def report_view(page, request, pk):
    """/<lang>/memory/places/<pk>/report/ (a published place) and …/places/report/ (a place
    missing from the list, or anything else)."""
    place = None
    if pk is not None:
        place = (
            MemorialPlace.objects.filter(pk=pk, status=PlaceStatus.PUBLISHED)
            .select_related("region")
            .first()
        )
        if place is None:
            raise Http404
    limited = request.method == "POST" and REPORT_LIMIT.exceeded(request)
    form = ReportForm(request.POST or None, request.FILES or None, place=place)
    status = 200
    if limited:
        status = REPORT_LIMIT.refuse(form)
    elif request.method == "POST" and form.is_valid():
        try:
            report = report_place(
                place=place, language=translation.get_language(), **form.report_data()
            )
        except ValidationError as error:
            for name, errors in error.update_error_dict({}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your report has been sent. Keep the address of this page "
                    "(we have also e-mailed it to you): the answer will appear here."
                ),
            )
            return private(redirect(status_path(page, report)))
    context = {
        "place": place,
        "form": form,
        "place_path": page.place_path(place) if place else "",
        "photo_lost": request.method == "POST" and bool(request.FILES),
    }
    return render_page(page, request, "places/report.html", context, status=status)


def report_status_view(page, request, token):
    """The reporter's private page: what they sent, where it is, and the staff's note."""
    report = PlaceReport.objects.select_related("place").filter(token=token).first()
    if report is None:
        raise Http404
    place = report.place
    context = {
        "report": report,
        "place_path": page.place_path(place)
        if place is not None and place.status == PlaceStatus.PUBLISHED
        else "",
    }
    return private(render_page(page, request, "places/report_status.html", context))


# --- Services ------------------------------------------------------------------------------


def report_place(
    *,
    place: MemorialPlace | None,
    kind: str,
    description: str,
    reporter_email: str,
    reporter_name: str = "",
    photo=None,
    latitude=None,
    longitude=None,
    language: str = "",
) -> PlaceReport:
    """Record a visitor's report (``photo``: what core.images.check_image returned). Nothing is
    kept when anything is wrong; the staff and the reporter are e-mailed once it is saved."""
    if place is not None and place.status != PlaceStatus.PUBLISHED:
        raise ValidationError(_("Only places on the site can be reported."), code="not_published")
    if kind not in kinds_for(place):
        raise ValidationError(
            {"kind": ValidationError(_("Choose what the report is about."), code="kind")}
        )
    description = description.strip()
    if not description:
        raise ValidationError(
            {"description": ValidationError(_("Please describe what you saw."), code="empty")}
        )
    try:
        services.check_location(latitude, longitude)
    except ValidationError as error:
        raise ValidationError({"latitude": error}) from None
    languages = {code for code, _name in settings.LANGUAGES}
    report = PlaceReport(
        place=place,
        kind=kind,
        description=description,
        latitude=latitude,
        longitude=longitude,
        reporter_name=reporter_name.strip(),
        reporter_email=reporter_email.strip(),
        language=language if language in languages else settings.LANGUAGE_CODE,
    )
    report.full_clean(exclude=["place", "image", "thumbnail"])
    try:
        with transaction.atomic():
            if photo is not None:
                set_image_from_upload(report, photo)  # a clean JPEG and its small copy
            report.save()
            transaction.on_commit(lambda: notify_staff.enqueue(report.pk))
            transaction.on_commit(lambda: notify_reporter.enqueue(report.pk, "received"))
    except Exception:
        _delete_files(report)
        raise
    return report


def _delete_files(report: PlaceReport) -> None:
    for file in (report.image, report.thumbnail):
        if file and file.name:
            file.storage.delete(file.name)


def report_set_status(report: PlaceReport, user, status: str, note: str = "") -> PlaceReport:
    """Move the report on; the note is shown to the reporter, who is e-mailed."""
    if not can_handle_report(user, report):
        raise PermissionDenied
    if status not in Status.values:
        raise ValidationError(
            {"status": ValidationError(_("Choose the report's status."), code="status")}
        )
    note = note.strip()
    if status == Status.REJECTED and not note:
        raise ValidationError(
            {
                "note": ValidationError(
                    _("Tell the reporter why the report is rejected."), code="no_reason"
                )
            }
        )
    with transaction.atomic():
        report = PlaceReport.objects.select_for_update().get(pk=report.pk)
        if report.status == status and report.staff_note == note:
            raise ValidationError(
                _("Nothing has changed: choose another status or change the note."),
                code="unchanged",
            )
        report.status, report.staff_note = status, note
        closed = status in CLOSED
        report.resolved_at = timezone.now() if closed else None
        report.resolved_by = user if closed else None
        report.save(
            update_fields=["status", "staff_note", "resolved_at", "resolved_by", "updated_at"]
        )
        log(instance=report, action="wagtail.edit", user=user, content_changed=True)
        transaction.on_commit(lambda: notify_reporter.enqueue(report.pk, "status"))
    return report


# --- E-mails -------------------------------------------------------------------------------


def status_url(report: PlaceReport) -> str:
    """The absolute address of the reporter's private page, in their language."""
    page = index_page(PlacesIndexPage, report.language)
    if page is None:
        return settings.SITE_URL
    return settings.SITE_URL + status_path(page, report)


def osm_url(latitude, longitude) -> str:
    return (
        f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
        f"#map=18/{latitude}/{longitude}"
    )


def staff_emails(report: PlaceReport) -> list[str]:
    """The active editors of the place's caretaker, and the memory moderators (the Council's
    address when there are none)."""

    emails = []
    if report.place is not None and report.place.caretaker_id:
        emails = list(
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__name=str(Role.ORGANIZATION_EDITOR),
                pk__in=OrganizationEditor.objects.filter(
                    organization_id=report.place.caretaker_id
                ).values("user_id"),
            )
            .exclude(email="")
            .order_by("email")
            .values_list("email", flat=True)
            .distinct()
        )
    return list(dict.fromkeys(emails + moderator_emails()))


def staff_email(report: PlaceReport) -> None:
    """One letter to each of the staff: they do not see each other's addresses."""
    with translation.override(settings.LANGUAGE_CODE):
        place = report.place
        about = place.name_ru if place is not None else _("a place that is not in the list")
        lines = [
            _("A visitor reported a problem with a memorial place: %(place)s.") % {"place": about},
            "",
            _("What it is about: %(kind)s") % {"kind": report.get_kind_display()},
            _("What they saw:"),
            report.description,
        ]
        if report.latitude is not None:
            lines += [_("Where:"), osm_url(report.latitude, report.longitude)]
        if report.image:
            lines.append(_("A photo is attached to the report."))
        lines += [
            "",
            _("The report:"),
            settings.SITE_URL + reverse("places_report", args=[report.pk]),
        ]
        subject = _("Report about the memorial place “%(place)s”") % {"place": about}
        body = "\n".join(lines) + "\n"
        connection = get_connection()
        for address in staff_emails(report):
            EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[address],
                connection=connection,
            ).send()


def reporter_email(report: PlaceReport, kind: str) -> None:
    """The reporter's letter: the report is "received", or its new "status" and the staff's
    note."""
    with translation.override(report.language or settings.LANGUAGE_CODE):
        received = kind == "received"
        place = report.place
        context = {
            "report": report,
            "received": received,
            "place_name": place.name if place is not None else "",
            "status": report.get_status_display(),
            "status_url": status_url(report),
        }
        if received:
            subject = _("Your report about a memorial place has been received")
        else:
            subject = _("Your report about a memorial place: %(status)s") % {
                "status": report.get_status_display()
            }
        EmailMessage(
            subject=subject,
            body=render_to_string("places/report_email.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[report.reporter_email],
        ).send()


@task()
def notify_staff(report_id: int) -> bool:
    report = PlaceReport.objects.select_related("place").filter(pk=report_id).first()
    if report is None:
        return False
    staff_email(report)
    return True


@task()
def notify_reporter(report_id: int, kind: str) -> bool:
    report = PlaceReport.objects.select_related("place").filter(pk=report_id).first()
    if report is None:
        return False
    reporter_email(report, kind)
    return True
