import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from sovet.core.i18n import TranslatedField
from sovet.core.models import latitude_field, longitude_field
from sovet.core.pages import RoutedPage, SovetPage, route
from sovet.core.reach import CallBack
from sovet.core.validators import validate_web_links

BISHKEK = ZoneInfo("Asia/Bishkek")


def _registration_token():
    return secrets.token_urlsafe(24)


def _invitation_code():
    return secrets.token_urlsafe(12)


class EventSeries(models.Model):
    """A programme events belong to: "Cross Year of Kyrgyzstan and Russia", a yearly campaign…"""

    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("address on the site"), max_length=100, unique=True)

    title = TranslatedField()

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["title_ru"]

    def __str__(self):
        return self.title


class EventTag(models.Model):
    """What an event is about (memory, culture, education…): a short list kept by the Council."""

    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    slug = models.SlugField(_("address on the site"), max_length=100, unique=True)

    name = TranslatedField()

    class Meta:
        verbose_name = _("event tag")
        verbose_name_plural = _("event tags")
        ordering = ["name_ru"]

    def __str__(self):
        return self.name


class Campaign(models.Model):
    """A campaign held every year (the Immortal Regiment, the St. George Ribbon)."""

    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_ky = models.TextField(_("description (Kyrgyz)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    slug = models.SlugField(_("address on the site"), max_length=100, unique=True)

    title = TranslatedField()
    description = TranslatedField()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["title_ru"]

    def __str__(self):
        return self.title


class CampaignEditionManager(models.Manager):
    def get_queryset(self):
        # An edition is named after its campaign ("Бессмертный полк 2021") wherever it is listed.
        return super().get_queryset().select_related("campaign")


class CampaignEdition(models.Model):
    """One year of a campaign: its local events in many cities make one map."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="editions"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    intro_ru = models.TextField(_("introduction (Russian)"), blank=True)
    intro_ky = models.TextField(_("introduction (Kyrgyz)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)

    intro = TranslatedField()

    objects = CampaignEditionManager()

    class Meta:
        verbose_name = _("campaign edition")
        verbose_name_plural = _("campaign editions")
        ordering = ["campaign", "-year"]
        constraints = [
            models.UniqueConstraint("campaign", "year", name="campaign_edition_once_a_year")
        ]

    def __str__(self):
        return f"{self.campaign.title} {self.year}"


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    FAMILIES = "families", _("Families")
    VETERANS = "veterans", _("Veterans and elders")
    ORGANIZATIONS = "organizations", pgettext_lazy("event audience", "Member organizations")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationMode(models.TextChoices):
    OFF = "off", _("No registration")
    OPEN = "open", _("Open registration")
    INVITATION = "invitation", _("By invitation")


class Event(models.Model):
    """One dated event. Times are stored in UTC and shown in Asia/Bishkek."""

    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_ky = models.TextField(_("description (Kyrgyz)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    all_day = models.BooleanField(_("all day"), default=False)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    venue_ky = models.CharField(_("venue (Kyrgyz)"), max_length=200, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    address_ky = models.CharField(_("address (Kyrgyz)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    city = models.CharField(_("city or village"), max_length=100, blank=True, db_index=True)
    latitude = latitude_field()
    longitude = longitude_field()
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    online_url = models.URLField(_("online link"), blank=True)
    # A clean-up or a commemoration at a memorial place: the place's page lists its events.
    memorial_place = models.ForeignKey(
        "places.MemorialPlace",
        verbose_name=_("memorial place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("For a clean-up or a commemoration at a memorial place."),
    )
    organizations = models.ManyToManyField(
        "organizations.Organization", verbose_name=_("organizers"), related_name="events"
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    edition = models.ForeignKey(
        CampaignEdition,
        verbose_name=_("campaign edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    tags = models.ManyToManyField(EventTag, verbose_name=_("tags"), blank=True, related_name="+")
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.ForeignKey(
        "conferences.Decision",
        verbose_name=_("serves the decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(_("reason or new date"), max_length=255, blank=True)
    registration = models.CharField(
        _("registration"),
        max_length=16,
        choices=RegistrationMode.choices,
        default=RegistrationMode.OFF,
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True
    )
    invitation_code = models.CharField(max_length=64, default=_invitation_code, editable=False)
    published = models.BooleanField(_("published"), default=True)
    approved = models.BooleanField(
        _("approved by the Council"),
        default=True,
        help_text=_("Shown on the site only when published and approved."),
    )
    # The participation report, filled in by the organizers after the event.
    attendance = models.PositiveIntegerField(
        _("attendance"),
        null=True,
        blank=True,
        help_text=_("How many people came. Empty: counted from the check-in."),
    )
    press_links = models.TextField(
        _("press and social media links"),
        blank=True,
        help_text=_("One link per line."),
        validators=[validate_web_links],
    )
    photos = models.ManyToManyField(
        "wagtailimages.Image", verbose_name=_("photos"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    title = TranslatedField()
    description = TranslatedField()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]
        # The calendar lists what is public and not over yet, the archive what is public and over.
        indexes = [
            models.Index(fields=["published", "starts_at"]),
            models.Index(fields=["ends_at"]),
        ]

    def __str__(self):
        return self.title

    @property
    def press_link_list(self) -> list[str]:
        return [line.strip() for line in self.press_links.splitlines() if line.strip()]

    @property
    def last_day(self):
        """The last day it takes place, in Bishkek: an event ending at midnight ends the day before."""
        end = max(self.starts_at, self.ends_at - timedelta(microseconds=1))
        return end.astimezone(BISHKEK).date()

    @property
    def where(self) -> tuple[str, str]:
        """``(text, language)``: the venue and address in the page's language when both are
        translated, else the Russian ones (a translated hall beside a Russian street would read
        as neither)."""
        default = settings.LANGUAGE_CODE
        active = (get_language() or default)[:2]
        parts = [name for name in ("venue", "address") if getattr(self, name)]
        language = default
        if active != default and parts and all(getattr(self, f"{n}_{active}") for n in parts):
            language = active
        suffix = "" if language == default else f"_{language}"
        return ", ".join(getattr(self, f"{name}{suffix}") for name in parts), language

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def clean(self):

        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = ValidationError(
                _("The event cannot end before it starts."), code="ends_before_start"
            )
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = ValidationError(
                _("Give both the latitude and the longitude, or neither."), code="half_location"
            )
        if self.status == EventStatus.CANCELLED and not self.status_note.strip():
            errors["status_note"] = ValidationError(
                _("Say why the event was cancelled."), code="cancel_reason"
            )
        if errors:
            raise ValidationError(errors)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class Registration(CallBack):
    """A person's seats at an event. Personal data: organizers and staff only; erased after the event.

    An e-mail, a phone or both (core.reach); a phone-only registrant is called back by staff."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    consent = models.BooleanField(_("consent to the processing of personal data"))
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    token = models.CharField(
        max_length=64, unique=True, default=_registration_token, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    language = models.CharField(max_length=8, default="ru", editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Personal data are erased a while after the event; seats and check-ins stay for the figures.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                "email",
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="registration_once_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="registration_email_or_phone"
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1) & Q(seats__lte=10), name="registration_seats_1_to_10"
            ),
            models.CheckConstraint(condition=Q(consent=True), name="registration_needs_consent"),
        ]

    def __str__(self):
        return f"{self.name} — {self.event}"


class EventIndexPage(RoutedPage, SovetPage):
    """/<lang>/events/: the calendar (a list, or a month with ?view=month), the archive, campaign
    pages with their map, event pages and iCalendar feeds. The views live in `views.py`."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    subpage_types = []
    # The calendar's filters (core.filters): the list and the month ignore a bad one; the feed
    # answers 404 (a subscription must not silently become the whole calendar).
    filter_form = "sovet.events.forms.CalendarFilterForm"
    filter_routes = ("", "?view=month", "?past=1")
    routes = [
        route("", "sovet.events.views.calendar_view"),
        route("feed/", "sovet.events.views.feed_view"),
        route("campaigns/<slug:slug>/", "sovet.events.views.campaign_view", name="campaign"),
        route(
            "campaigns/<slug:slug>/<int:year>/",
            "sovet.events.views.campaign_view",
            name="campaign_edition",
        ),
        route(
            "campaigns/<slug:slug>/<int:year>/map/",
            "sovet.events.views.campaign_map_view",
            name="campaign_map",
        ),
        route("<int:pk>/", "sovet.events.views.event_view", name="event"),
        route("<int:pk>/ics/", "sovet.events.views.event_ics_view", name="event_ics"),
    ]

    class Meta:
        verbose_name = _("events calendar")

    def event_path(self, event) -> str:
        return self.url + self.reverse_subpage("event", kwargs={"pk": event.pk})

    def event_url(self, event, request=None) -> str:
        return self.get_full_url(request) + self.reverse_subpage("event", kwargs={"pk": event.pk})

    def edition_url(self, edition) -> str:
        kwargs = {"slug": edition.campaign.slug, "year": edition.year}
        return self.url + self.reverse_subpage("campaign_edition", kwargs=kwargs)


@register_setting(icon="date")
class EventSettings(BaseGenericSetting):
    """How the Council runs the calendar."""

    require_approval = models.BooleanField(
        _("events need the secretary's approval"),
        default=False,
        help_text=_(
            "When on, events that organization editors add or change appear on the site only "
            "after a Council secretary approves them."
        ),
    )
    erase_registrations_after_days = models.PositiveSmallIntegerField(
        _("erase registrants' personal data after (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Counted from the end of the event. Seats and attendance stay for the figures."
        ),
    )

    class Meta:
        verbose_name = _("events settings")
