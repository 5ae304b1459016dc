from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from sovet.core.i18n import TranslatedField
from sovet.core.models import latitude_field, longitude_field
from sovet.core.text import fold
from sovet.core.validators import (
    validate_not_future_year,
    validate_phone,
    validate_telegram,
    validate_web_links,
)


class OrganizationType(models.TextChoices):
    PUBLIC_ASSOCIATION = "public_association", _("Public association")
    UNION = "union", _("Union")
    FUND = "fund", _("Fund")
    GUILD_ASSOCIATION = "guild_association", _("Association of guilds")
    YOUTH = "youth", _("Youth council or movement")
    SOCIETY = "society", _("Society")
    SCHOOL = "school", _("School")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left the Council")


class OrganizationTag(models.Model):
    """What an organization works on (youth, women, memory…): a fixed list, loaded by a migration."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(default=0)

    name = TranslatedField()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


def name_key(name: str) -> str:
    """«Общество  “Родник”» and «общество "родник"» are the same name (stored: see core.text)."""
    return fold(name)


class OrganizationQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class Organization(RevisionMixin, index.Indexed, models.Model):
    """A member or partner organization of the Council, kept current by its own editors."""

    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    # name_ru folded for comparison: SQLite's lower() leaves Cyrillic alone, so the database
    # compares this key instead of lower(name_ru).
    name_key = models.CharField(max_length=255, editable=False)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=100, blank=True)
    short_name_ky = models.CharField(_("short name (Kyrgyz)"), max_length=100, blank=True)
    short_name_en = models.CharField(_("short name (English)"), max_length=100, blank=True)
    slug = models.SlugField(
        _("address on the site"),
        max_length=100,
        unique=True,
        help_text=_("Latin letters, digits and hyphens: /organizations/<this>/"),
    )
    type = models.CharField(_("type"), max_length=32, choices=OrganizationType.choices)
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    city = models.CharField(_("city or village"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), validate_not_future_year],
    )
    leader_name = models.CharField(_("leader"), max_length=200, blank=True)
    leader_title_ru = models.CharField(_("leader's title (Russian)"), max_length=200, blank=True)
    leader_title_ky = models.CharField(_("leader's title (Kyrgyz)"), max_length=200, blank=True)
    leader_title_en = models.CharField(_("leader's title (English)"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("web site"), blank=True)
    telegram = models.URLField(_("Telegram"), blank=True, validators=[validate_telegram])
    vk = models.URLField(_("VK"), blank=True)
    other_links = models.TextField(
        _("other links"),
        blank=True,
        help_text=_("One link per line."),
        validators=[validate_web_links],
    )
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_ky = models.TextField(_("description (Kyrgyz)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = models.ManyToManyField(OrganizationTag, verbose_name=_("activities"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="branches",
        help_text=_("For a branch or centre of a larger organization."),
    )
    is_partner = models.BooleanField(
        _("partner"), default=False, help_text=_("A partner of the Council rather than a member.")
    )
    membership_status = models.CharField(
        _("Council membership"), max_length=16, choices=MembershipStatus.choices, blank=True
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="OrganizationEditor",
        related_name="edited_organizations",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    name = TranslatedField()
    short_name = TranslatedField()
    description = TranslatedField()
    leader_title = TranslatedField()

    search_fields = [
        index.SearchField("name_ru", boost=3),
        index.SearchField("name_ky", boost=3),
        index.SearchField("name_en", boost=3),
        index.SearchField("short_name_ru", boost=2),
        index.SearchField("short_name_ky"),
        index.SearchField("short_name_en"),
        index.SearchField("city"),
        index.SearchField("leader_name"),
        index.SearchField("description_ru"),
        index.SearchField("description_ky"),
        index.SearchField("description_en"),
        index.AutocompleteField("name_ru"),
        index.FilterField("region"),
        index.FilterField("type"),
        index.FilterField("is_partner"),
    ]

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_ru"]
        permissions = [
            ("change_membership", _("Can change Council membership and partner status")),
        ]
        constraints = [
            models.UniqueConstraint("name_key", "type", name="organization_name_unique_per_type"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="organization_coordinates_valid",
                violation_error_message=_("Enter both the latitude and the longitude, or neither."),
            ),
        ]
        indexes = [models.Index(fields=["region", "type"]), models.Index(fields=["is_partner"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name_ru)
        super().save(*args, **kwargs)

    def clean(self):
        self.name_key = name_key(self.name_ru)
        duplicate = Organization.objects.filter(name_key=self.name_key, type=self.type).exclude(
            pk=self.pk
        )
        if self.type and duplicate.exists():
            raise ValidationError(
                {"name_ru": _("An organization of this type with this name already exists.")}
            )

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def other_link_list(self) -> list[str]:
        # Only web addresses are ever rendered as links, whatever was stored before validation.
        return [
            line.strip()
            for line in self.other_links.splitlines()
            if line.strip().lower().startswith(("https://", "http://"))
        ]


class OrganizationEditor(models.Model):
    """A person who keeps an organization's card current; its admin may invite more editors."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="editor_links"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_admin = models.BooleanField(_("organization admin"), default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organization editor")
        verbose_name_plural = _("organization editors")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="organization_editor_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.organization}"


class MembershipChange(models.Model):
    """One step in an organization's history with the Council (joined, suspended, left…)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="membership_changes"
    )
    status = models.CharField(_("status"), max_length=16, choices=MembershipStatus.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership history")
        ordering = ["organization", "-date", "-pk"]

    def __str__(self):
        return f"{self.organization}: {self.get_status_display()} ({self.date})"


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
    EXECUTIVE_SECRETARY = "executive_secretary", _("Executive secretary")
    MEMBER = "member", _("Member of the Council")
    HONORARY_MEMBER = "honorary_member", _("Honorary member")


class CouncilTerm(ClusterableModel):
    """A composition of the Council approved by a conference on a date."""

    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"))
    approved_by_ru = models.CharField(
        _("approved by (Russian)"),
        max_length=255,
        blank=True,
        help_text=_("E.g. the XII country conference of Russian compatriots."),
    )
    approved_by_ky = models.CharField(_("approved by (Kyrgyz)"), max_length=255, blank=True)
    approved_by_en = models.CharField(_("approved by (English)"), max_length=255, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    title = TranslatedField()
    approved_by = TranslatedField()

    class Meta:
        verbose_name = _("Council composition")
        verbose_name_plural = _("Council compositions")
        ordering = ["-approved_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("approved_on")),
                name="council_term_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class CouncilSeat(Orderable):
    """A person's seat in a composition. Only the published fields are ever shown to the public."""

    term = ParentalKey(CouncilTerm, on_delete=models.CASCADE, related_name="seats")
    person_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=32, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    biography_ru = models.TextField(_("short biography (Russian)"), blank=True)
    biography_ky = models.TextField(_("short biography (Kyrgyz)"), blank=True)
    biography_en = models.TextField(_("short biography (English)"), blank=True)
    # For the secretary only: never rendered on public pages.
    email = models.EmailField(_("e-mail (not published)"), blank=True)
    phone = models.CharField(
        _("phone (not published)"), max_length=32, blank=True, validators=[validate_phone]
    )

    biography = TranslatedField()

    class Meta:
        verbose_name = _("Council seat")
        verbose_name_plural = _("Council seats")
        ordering = ["term", "sort_order", "pk"]

    def __str__(self):
        return f"{self.person_name} — {self.get_role_display()}"
