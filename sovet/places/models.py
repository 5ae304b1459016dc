"""Memorial places: monuments, graves and plaques on one map, their condition over time, the
people commemorated there and who looks after them."""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from sovet.core.i18n import TranslatedField
from sovet.core.models import latitude_field, longitude_field
from sovet.core.pages import RoutedPage, SovetPage, re_route, route
from sovet.core.reach import CallBack


class PlaceKind(models.TextChoices):
    """OpenStreetMap's words (memorial=*, historic=tomb, tourism=museum), so data can be shared."""

    WAR_MEMORIAL = "war_memorial", _("War memorial")
    GRAVE = "grave", _("Grave")
    MASS_GRAVE = "mass_grave", _("Mass grave")
    PLAQUE = "plaque", _("Memorial plaque")
    STELE = "stele", _("Stele")
    OBELISK = "obelisk", _("Obelisk")
    STATUE = "statue", _("Statue")
    BUST = "bust", _("Bust")
    STONE = "stone", _("Memorial stone")
    MUSEUM = "museum", _("Museum")
    OTHER = "other", _("Other memorial")


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    NEEDS_REPAIR = "needs_repair", _("Needs repair")
    CRITICAL = "critical", _("Critical")
    UNKNOWN = "unknown", _("Not inspected yet")


class PlaceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class MemorialPlace(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name = TranslatedField()
    address = models.CharField(_("address"), max_length=255, blank=True)
    region = models.ForeignKey(
        "core.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    latitude = latitude_field()
    longitude = longitude_field()
    description = models.TextField(_("description"), blank=True)
    history = models.TextField(_("history"), blank=True)
    year_erected = models.PositiveSmallIntegerField(_("year erected"), null=True, blank=True)
    architect = models.CharField(_("architect"), max_length=255, blank=True)
    participants = models.ManyToManyField(
        "memory.WarParticipant",
        verbose_name=_("people buried or commemorated here"),
        blank=True,
        related_name="memorial_places",
    )
    unnamed_count = models.PositiveIntegerField(
        _("people whose names are unknown"), null=True, blank=True
    )
    caretaker = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("caretaking organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memorial_places",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PlaceStatus.choices, default=PlaceStatus.DRAFT
    )
    # The latest inspection's, kept by services.inspection_record (map colours, filters).
    condition = models.CharField(
        _("condition"), max_length=16, choices=Condition.choices, default=Condition.UNKNOWN
    )
    inspected_on = models.DateField(_("last inspected"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("memorial place")
        verbose_name_plural = _("memorial places")
        ordering = ["name_ru", "pk"]
        indexes = [
            models.Index(fields=["status", "region"]),
            models.Index(fields=["status", "condition"]),
            models.Index(fields=["latitude", "longitude"]),
        ]
        constraints = [
            # A place has both coordinates or neither.
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="place_location_whole",
            ),
        ]

    def __str__(self):
        return self.name_ru


class Inspection(models.Model):
    """A dated visit: what state the place was in. The latest sets the place's condition."""

    place = models.ForeignKey(MemorialPlace, on_delete=models.CASCADE, related_name="inspections")
    inspected_on = models.DateField(_("date of inspection"))
    condition = models.CharField(
        _("condition"),
        max_length=16,
        choices=[c for c in Condition.choices if c[0] != Condition.UNKNOWN],
    )
    notes = models.TextField(_("notes"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self):
        return f"{self.place} {self.inspected_on}: {self.get_condition_display()}"


def _photo_path(instance, filename):
    return f"places/photos/{uuid.uuid4().hex}.jpg"


def _thumbnail_path(instance, filename):
    return f"places/photos/{uuid.uuid4().hex}-small.jpg"


class PlacePhoto(models.Model):
    """A photo of a place, dated: together they show its state over the years."""

    place = models.ForeignKey(MemorialPlace, on_delete=models.CASCADE, related_name="photos")
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="photos"
    )
    image = models.ImageField(
        _("photo"), upload_to=_photo_path, width_field="width", height_field="height"
    )
    thumbnail = models.ImageField(upload_to=_thumbnail_path, editable=False)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    taken_on = models.DateField(_("date taken"), null=True, blank=True)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-taken_on", "-pk"]

    def __str__(self):
        return self.caption or f"{self.place}, {self.taken_on or ''}"


class ReportKind(models.TextChoices):
    DAMAGE = "damage", _("Damage")
    MISSING_PLACE = "missing_place", _("A place missing from the list")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Rejected")


def _report_token():
    return secrets.token_urlsafe(24)


def _report_photo_path(instance, filename):
    return f"places/reports/{uuid.uuid4().hex}.jpg"


def _report_thumbnail_path(instance, filename):
    return f"places/reports/{uuid.uuid4().hex}-small.jpg"


class PlaceReport(CallBack):
    """A visitor's report: a damaged place, or one missing from the list (``place`` is empty).
    The reporter follows it on a private page (by ``token``); the e-mail and the phone are never
    shown there. An e-mail, a phone or both (core.reach): a phone-only reporter is called back."""

    reach_fields = ("reporter_email", "reporter_phone")

    place = models.ForeignKey(
        MemorialPlace,
        verbose_name=_("memorial place"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    kind = models.CharField(_("what is it about"), max_length=20, choices=ReportKind.choices)
    description = models.TextField(_("description"))
    # A clean JPEG (core.images.check_image: no EXIF, no GPS) and a small copy for lists.
    image = models.ImageField(
        _("photo"),
        upload_to=_report_photo_path,
        width_field="width",
        height_field="height",
        blank=True,
    )
    thumbnail = models.ImageField(upload_to=_report_thumbnail_path, blank=True, editable=False)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    latitude = latitude_field()
    longitude = longitude_field()
    reporter_name = models.CharField(_("your name"), max_length=150, blank=True)
    reporter_email = models.EmailField(_("your e-mail"), blank=True)
    reporter_phone = models.CharField(_("your phone"), max_length=32, blank=True)
    # The language the reporter wrote in: the letters about the report are sent in it.
    language = models.CharField(max_length=8, default="ru", editable=False)
    token = models.CharField(max_length=64, unique=True, default=_report_token, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    staff_note = models.TextField(_("note to the reporter"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("report about a place")
        verbose_name_plural = _("reports about places")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="place_report_location_whole",
            ),
            models.CheckConstraint(
                condition=~models.Q(reporter_email="") | ~models.Q(reporter_phone=""),
                name="place_report_email_or_phone",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.place or self.description[:40]}"


@register_setting(icon="site")
class PlaceSettings(BaseGenericSetting):
    """How the Council looks after memorial places."""

    inspection_interval_days = models.PositiveSmallIntegerField(
        _("flag places not inspected for (days)"),
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_("A place whose last inspection is older is marked as needing a visit."),
    )

    class Meta:
        verbose_name = _("memorial places settings")


class PlacesIndexPage(RoutedPage, SovetPage):
    """/<lang>/memory/places/: the map and list of memorial places, and a page per place."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["memory.MemoryIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    # The list's filters (core.filters), read by the list and the map's feed.
    filter_form = "sovet.places.forms.PlaceFilterForm"
    filter_routes = ("", "map/")
    routes = [
        route("", "sovet.places.views.index_view"),
        re_route(r"^(?P<pk>\d+)/$", "sovet.places.views.place_view", name="place"),
        re_route(r"^(?P<pk>\d+)/report/$", "sovet.places.views.report_view", name="place_report"),
        route("report/", "sovet.places.views.report_view", {"pk": None}, name="report"),
        re_route(
            r"^reports/(?P<token>[\w-]+)/$",
            "sovet.places.views.report_status_view",
            name="report_status",
        ),
        route("map/", "sovet.places.views.map_view", name="map"),
        re_route(
            r"^export/(?P<fmt>geojson|csv)/$", "sovet.places.export.export_view", name="export"
        ),
        re_route(r"^(?P<pk>\d+)/plate/$", "sovet.places.plate.plate_view", name="plate"),
        # Not "plate.pdf": Wagtail serves only paths of words and slashes (like placard/pdf/).
        re_route(
            r"^(?P<pk>\d+)/plate/pdf/$", "sovet.places.plate.plate_pdf_view", name="plate_pdf"
        ),
    ]

    class Meta:
        verbose_name = _("memorial places")

    def place_path(self, place, route: str = "place") -> str:
        return self.url + self.reverse_subpage(route, kwargs={"pk": place.pk})

    def report_status_path(self, report) -> str:
        """The reporter's private page of a report."""
        return self.url + self.reverse_subpage("report_status", kwargs={"token": report.token})
