"""Community work: volunteers and their guardians, projects with shifts and slots, participations
and hours, certificates anyone can verify, and the youth council's initiatives.

Learnt from ephios (event → shift → participation, approved hours), Engelsystem (minors and their
guardians, no night shifts) and Decidim (initiatives: a technical check, supports, an answer).
A volunteer is always an account: their page, their shifts and their certificates are theirs.
"""

import secrets
from datetime import date, time
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField

from sovet.core.i18n import TranslatedField
from sovet.core.models import Region
from sovet.core.pages import RoutedPage, SovetPage, route
from sovet.core.private_files import private_file_field

ADULT_AGE = 18
# Engelsystem's rule: a minor works neither late nor early (Kyrgyz labour law keeps under-18s
# off work between 22:00 and 06:00).
NIGHT_STARTS, NIGHT_ENDS = time(22, 0), time(6, 0)


def _token():
    # 256 random bits: links nobody can guess (a guardian's confirmation, a calendar feed).
    return secrets.token_urlsafe(32)


def _certificate_code():
    # Short enough to type from paper (12 characters of a 32-letter alphabet: 60 bits), random
    # enough that nobody finds certificates by walking codes.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


class Skill(models.TextChoices):
    FIRST_AID = "first_aid", _("First aid")
    DRIVING = "driving", _("Driving")
    PHOTOGRAPHY = "photography", _("Photography and video")
    TRANSLATION = "translation", _("Translation")
    VETERANS = "veterans", _("Working with veterans")
    CHILDREN = "children", _("Working with children")
    RESTORATION = "restoration", _("Restoration and clean-up")
    COMPUTERS = "computers", _("Computers and design")


class Availability(models.TextChoices):
    WEEKDAYS = "weekdays", _("Weekdays")
    EVENINGS = "evenings", _("Weekday evenings")
    WEEKENDS = "weekends", _("Weekends")
    HOLIDAYS = "holidays", _("Holidays (9 May, 22 June…)")


class Language(models.TextChoices):
    RUSSIAN = "ru", _("Russian")
    KYRGYZ = "ky", _("Kyrgyz")
    ENGLISH = "en", _("English")
    UZBEK = "uz", _("Uzbek")


class Volunteer(models.Model):
    """A person who gives their time: their account, who they are, what they can do, when."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    city = models.CharField(_("city or village"), max_length=100, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    availability = models.JSONField(_("availability"), default=list, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteers",
    )
    # The language the volunteer signed up in: their letters and certificates default to it.
    language = models.CharField(_("language"), max_length=8, default="ru")
    consent_at = models.DateTimeField(_("consent given"))
    # The address of their own shifts' calendar feed (a calendar app cannot sign in).
    calendar_token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["full_name", "pk"]

    def __str__(self):
        return self.full_name

    def age(self, day: date | None = None) -> int:
        return age_on(self.birth_date, day or timezone.localdate())

    def is_minor(self, day: date | None = None) -> bool:
        return self.age(day) < ADULT_AGE

    @property
    def short_name(self) -> str:
        """«Петрова А. С.»: enough to match a paper certificate, no more (the verification page)."""
        words = self.full_name.split()
        if len(words) < 2:
            return self.full_name
        return " ".join([words[0], " ".join(f"{word[0]}." for word in words[1:3])])


class ConsentMethod(models.TextChoices):
    LINK = "link", _("Confirmed by the guardian through the link sent by e-mail")
    FORM = "form", _("Signed form, checked by a coordinator")


class GuardianConsent(models.Model):
    """A parent's or guardian's consent for a volunteer under 18, valid until `expires_on`.

    Confirmed either by the guardian following the link in their letter, or by a coordinator who
    checked the signed form the volunteer uploaded. Never public.
    """

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="guardian_consents"
    )
    guardian_name = models.CharField(_("guardian's full name"), max_length=150)
    guardian_email = models.EmailField(_("guardian's e-mail"), blank=True)
    guardian_phone = models.CharField(_("guardian's phone"), max_length=20, blank=True)
    method = models.CharField(_("how it is confirmed"), max_length=8, choices=ConsentMethod.choices)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    form = private_file_field(_("signed consent form"), folder="community", blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    refused_reason = models.CharField(_("reason for refusal"), max_length=300, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("guardian's consent")
        verbose_name_plural = _("guardians' consents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(expires_on__isnull=False),
                name="community_consent_confirmed_has_expiry",
            ),
            models.CheckConstraint(
                condition=~Q(guardian_email="", guardian_phone=""),
                name="community_consent_guardian_reachable",
            ),
        ]

    def __str__(self):
        return self.guardian_name

    def valid_on(self, day: date) -> bool:
        return (
            self.confirmed_at is not None and self.expires_on is not None and day <= self.expires_on
        )


class Project(ClusterableModel):
    """Volunteer work of an organization: «Субботники у мест памяти 2027», «Бессмертный полк 2027 —
    волонтёры-распорядители». Optionally serves a decision of the resolution."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="volunteer_projects",
    )
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True, allow_unicode=False)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_ky = models.TextField(_("description (Kyrgyz)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    decision = models.ForeignKey(
        "conferences.Decision",
        verbose_name=_("decision of the resolution it serves"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_projects",
    )
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    title = TranslatedField()
    description = TranslatedField()

    class Meta:
        verbose_name = _("volunteer project")
        verbose_name_plural = _("volunteer projects")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title_ru


class SlotRole(models.TextChoices):
    STEWARD = "steward", _("Steward")
    CLEANUP = "cleanup", _("Clean-up")
    PHOTOGRAPHER = "photographer", _("Photographer")
    FIRST_AID = "first_aid", _("First aid")
    DRIVER = "driver", _("Driver")
    TRANSLATOR = "translator", _("Translator")
    ESCORT = "escort", _("Escort for veterans")
    HELPER = "helper", _("Helper")


class Shift(ClusterableModel):
    """A stretch of work on one day: where (a memorial place, an event, else an address), when, who
    may take it (minimum age, skills), and its slots per role."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="shifts"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    memorial_place = models.ForeignKey(
        "places.MemorialPlace",
        verbose_name=_("memorial place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_shifts",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_shifts",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), default=14, validators=[MinValueValidator(14), MaxValueValidator(99)]
    )
    required_skills = models.JSONField(_("required skills"), default=list, blank=True)
    notes_ru = models.TextField(_("what to bring, where to meet (Russian)"), blank=True)
    notes_ky = models.TextField(_("what to bring, where to meet (Kyrgyz)"), blank=True)
    notes_en = models.TextField(_("what to bring, where to meet (English)"), blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    notes = TranslatedField()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="community_shift_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="community_shift_ends_after"
            )
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.project} — {date_format(local, 'SHORT_DATETIME_FORMAT')}"

    @property
    def hours(self) -> Decimal:
        """The shift's length in hours, to the quarter hour: what attendance credits."""
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / 3600 * 4).quantize(Decimal("1")) / 4

    @property
    def is_night(self) -> bool:
        """Any part between 22:00 and 06:00, Bishkek time: across midnight, or starting before
        06:00, or ending after 22:00 (a 06:00–22:00 day is not a night)."""
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        if start.date() != end.date():
            return True
        return start.time() < NIGHT_ENDS or end.time() > NIGHT_STARTS

    @property
    def for_adults_only(self) -> bool:
        return self.min_age >= ADULT_AGE or self.is_night


class Slot(models.Model):
    """Places for one role on a shift: «распорядители, 20 мест»."""

    shift = ParentalKey(Shift, on_delete=models.CASCADE, related_name="slots")
    role = models.CharField(_("role"), max_length=16, choices=SlotRole.choices)
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "role"], name="community_slot_one_per_role")
        ]

    def __str__(self):
        return f"{self.get_role_display()} ({self.capacity})"


class ParticipationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not confirmed yet")
    CAME = "came", _("Came")
    ABSENT = "absent", _("Did not come")


class Participation(models.Model):
    """A volunteer's place in a slot: confirmed or waiting in order; after the shift, whether they
    came and the hours credited (the shift's length unless corrected with a reason)."""

    # Protected: a participation may hold credited hours; a shift is cancelled, not deleted.
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="participations")
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="participations"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ParticipationStatus.choices, db_index=True
    )
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, blank=True, default=""
    )
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
    )  # fmt: skip
    hours_reason = models.CharField(_("reason for the correction"), max_length=300, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One live place per volunteer per slot; a cancelled one may be followed by another.
            models.UniqueConstraint(
                fields=["slot", "volunteer"],
                condition=~Q(status="cancelled"),
                name="community_one_live_participation",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(attendance="came"),
                name="community_hours_only_when_came",
            ),
        ]
        indexes = [models.Index(fields=["volunteer", "status"], name="community_part_volunteer")]

    def __str__(self):
        return f"{self.volunteer} — {self.slot}"


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class HoursEntry(models.Model):
    """Hours given outside shifts (a day of archive work, translating a brochure): logged by the
    volunteer or a coordinator, counted once a coordinator of the organization approves them."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="hours_entries")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="volunteer_hours",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours_entries",
    )
    day = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )  # fmt: skip
    description = models.CharField(_("what was done"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=HoursStatus.choices, default=HoursStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hours outside shifts")
        verbose_name_plural = _("hours outside shifts")
        ordering = ["-day", "-pk"]

    def __str__(self):
        return f"{self.volunteer} — {self.hours}"


class CertificateKind(models.TextChoices):
    PROJECT = "project", _("For a project")
    YEAR = "year", _("For a year")


class Certificate(models.Model):
    """A certificate of volunteer hours, frozen when issued (hours, projects, signer), verifiable
    by anyone at its code's page, and revocable."""

    code = models.CharField(max_length=16, unique=True, default=_certificate_code, editable=False)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("kind"), max_length=8, choices=CertificateKind.choices)
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2)
    # The projects' titles in the certificate's language, as printed.
    projects = models.JSONField(_("projects"), default=list)
    holder_name = models.CharField(_("holder"), max_length=150)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_title = models.CharField(_("signer's position"), max_length=200)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="project", project__isnull=False) | Q(kind="year", year__isnull=False)
                ),
                name="community_certificate_names_its_scope",
            )
        ]

    def __str__(self):
        return self.code

    @property
    def valid(self) -> bool:
        return self.revoked_at is None


class InitiativeStatus(models.TextChoices):
    CHECKING = "checking", _("Technical check")
    REFUSED = "refused", _("Not admitted")
    COLLECTING = "collecting", _("Collecting supports")
    ANSWERING = "answering", _("Waiting for the youth council's answer")
    # An initiative (инициатива) is feminine in Russian: «Принята», «Отклонена».
    ACCEPTED = "accepted", pgettext_lazy("initiative", "Accepted")
    DECLINED = "declined", pgettext_lazy("initiative", "Declined")


class Initiative(models.Model):
    """A young person's proposal (14–35): checked by the youth council, supported by others, then
    answered officially — accepted initiatives become projects with shifts."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=150)
    summary = models.TextField(_("what and why"), max_length=4000)
    needs = models.TextField(_("what is needed"), max_length=2000, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization that could help"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    language = models.CharField(max_length=8, default="ru")
    status = models.CharField(
        _("status"), max_length=12, choices=InitiativeStatus.choices,
        default=InitiativeStatus.CHECKING, db_index=True,
    )  # fmt: skip
    check_note = models.TextField(_("result of the technical check"), blank=True)
    collecting_until = models.DateField(_("collecting supports until"), null=True, blank=True)
    supports_count = models.PositiveIntegerField(_("supports"), default=0)
    answer = models.TextField(_("the youth council's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    project = models.OneToOneField(
        Project,
        verbose_name=_("project it became"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative",
    )
    notify_author = models.BooleanField(_("e-mail me when the status changes"), default=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("youth initiative")
        verbose_name_plural = _("youth initiatives")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def public(self) -> bool:
        return self.status not in (InitiativeStatus.CHECKING, InitiativeStatus.REFUSED)


class Support(models.Model):
    """One account's support of an initiative (one each, a database constraint)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiative_supports"
    )
    notify = models.BooleanField(_("e-mail me when the status changes"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="community_one_support")
        ]

    def __str__(self):
        return f"{self.user} → {self.initiative}"


@register_setting(icon="group")
class CommunitySettings(BaseGenericSetting):
    support_threshold = models.PositiveIntegerField(
        _("supports for an answer"),
        default=100,
        help_text=_("An initiative with this many supports goes to the youth council at once."),
    )
    support_days = models.PositiveSmallIntegerField(
        _("days to collect supports"), default=60, validators=[MinValueValidator(1)]
    )
    consent_months = models.PositiveSmallIntegerField(
        _("months a guardian's consent is valid"), default=12, validators=[MinValueValidator(1)]
    )
    signer_name = models.CharField(_("certificates are signed by"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's position"), max_length=200, blank=True)

    panels = [
        FieldPanel("support_threshold"),
        FieldPanel("support_days"),
        FieldPanel("consent_months"),
        FieldPanel("signer_name"),
        FieldPanel("signer_title"),
    ]

    class Meta:
        verbose_name = _("volunteers and initiatives")


class VolunteersPage(RoutedPage, SovetPage):
    """/<lang>/volunteers/: projects and their shifts, signing up, a volunteer's own page,
    certificates' verification and the youth initiatives."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1
    routes = [
        route("", "sovet.community.views.index_view"),
        route("join/", "sovet.community.views.join_view"),
        route("me/", "sovet.community.views.me_view"),
        route("me/hours/", "sovet.community.coordination.views.hours_view"),
        route("me/consent/", "sovet.community.views.consent_view"),
        route("me/consent/form/", "sovet.community.views.consent_form_view"),
        route("calendar/<str:token>/", "sovet.community.views.calendar_view"),
        route("guardian/<str:token>/", "sovet.community.views.guardian_view"),
        route("projects/<slug:slug>/", "sovet.community.views.project_view"),
        route("shifts/<int:pk>/", "sovet.community.views.shift_view"),
        route("shifts/<int:pk>/cancel/", "sovet.community.views.cancel_view"),
        route("certificates/<str:code>/", "sovet.community.certificates.views.verify_view"),
        route("certificates/<str:code>/pdf/", "sovet.community.certificates.views.download_view"),
        route("initiatives/", "sovet.community.initiatives.views.list_view"),
        route("initiatives/new/", "sovet.community.initiatives.views.propose_view"),
        route("initiatives/<int:pk>/", "sovet.community.initiatives.views.detail_view"),
        route("initiatives/<int:pk>/support/", "sovet.community.initiatives.views.support_view"),
    ]

    class Meta:
        verbose_name = _("volunteers page")
