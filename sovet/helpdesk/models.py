"""The help desk: confidential requests to the legal-aid centres (Bishkek, Osh), their messages,
attachments, transfers and the staff's access log; canned answers; the knowledge base's pages.

A request belongs to exactly one centre at a time; everything staff see goes through
``rules.visible_requests(user)``, which keeps to the centres the user is a member of.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField

from sovet.core.i18n import TranslatedField
from sovet.core.models import Region
from sovet.core.pages import RoutedPage, SovetPage, route
from sovet.core.private_files import private_file_field
from sovet.core.reach import CallBack


def _status_token():
    # 43 characters of 256 random bits: a status link nobody can guess or walk.
    return secrets.token_urlsafe(32)


def _reply_key():
    # The key in the reply-to address of our letters (help+<key>@…): not the status token, so a
    # forwarded letter's headers never open the request's page.
    return secrets.token_hex(12)


class Topic(models.TextChoices):
    DOCUMENTS = "documents", _("Documents and citizenship")
    LABOUR = "labour", _("Labour")
    MIGRATION = "migration", _("Migration and registration")
    PROPERTY = "property", _("Property and housing")
    PENSIONS = "pensions", _("Pensions and benefits")
    EDUCATION = "education", _("Education")
    RESETTLEMENT = "resettlement", _("The resettlement programme")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the requester")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REFERRED = "referred", _("Referred to another body")


# A request in these statuses needs nothing more from the centre.
FINISHED = (Status.CLOSED, Status.REFERRED)


class Centre(models.Model):
    """A legal-aid centre of the fund for the protection of compatriots' rights."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    # The first letter of its reference numbers: Б-2026-0042.
    letter = models.CharField(_("letter of reference numbers"), max_length=2, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=150)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions it serves"),
        blank=True,
        related_name="help_centres",
        help_text=_("The form suggests this centre to people from these regions."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    name = TranslatedField()

    class Meta:
        verbose_name = _("legal-aid centre")
        verbose_name_plural = _("legal-aid centres")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class CentreRole(models.TextChoices):
    CONSULTANT = "consultant", _("Consultant")
    LAWYER = "lawyer", _("Lawyer")
    HEAD = "head", _("Head of the centre")


class CentreMember(models.Model):
    """A member of a centre's staff: sees that centre's requests, and only them."""

    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="help_centre_memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=CentreRole.choices, default=CentreRole.CONSULTANT
    )

    class Meta:
        verbose_name = _("centre member")
        verbose_name_plural = _("centre members")
        constraints = [
            models.UniqueConstraint("centre", "user", name="helpdesk_member_once_per_centre")
        ]

    def __str__(self):
        return f"{self.user} ({self.centre})"


class ReferenceCounter(models.Model):
    """The last reference number a centre gave in a year (locked while a number is taken)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint("centre", "year", name="helpdesk_counter_per_centre_year")
        ]

    def __str__(self):
        return f"{self.centre_id}-{self.year}: {self.last}"


class HelpRequest(CallBack):
    """A person's request to a centre. Personal data: the centre's staff only; anonymized
    (``anonymized_at``) a while after closing, keeping topic, centre, dates and outcome."""

    reference = models.CharField(_("reference number"), max_length=20, unique=True, editable=False)
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="requests"
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"))
    language = models.CharField(
        _("language of the answer"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=_status_token, editable=False)
    reply_key = models.CharField(max_length=32, unique=True, default=_reply_key, editable=False)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    referred_to = models.CharField(_("referred to"), max_length=255, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_help_requests",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The service level: a first answer is due by the end of this working day (Asia/Bishkek).
    first_answer_due = models.DateField(_("first answer due"))
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    anonymized_at = models.DateTimeField(_("anonymized at"), null=True, blank=True)

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The queues: a centre's requests by status, newest first; the overdue ones.
            models.Index(fields=["centre", "status", "-created_at"], name="helpdesk_queue"),
            models.Index(
                fields=["centre", "first_answer_due"],
                condition=Q(first_answered_at__isnull=True),
                name="helpdesk_unanswered",
            ),
            models.Index(fields=["closed_at"], name="helpdesk_closed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone="") | Q(anonymized_at__isnull=False),
                name="helpdesk_email_or_phone",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


class MessageKind(models.TextChoices):
    REQUESTER = "requester", _("From the requester")
    ANSWER = "answer", _("Answer")
    NOTE = "note", _("Internal note")
    EVENT = "event", _("Change")  # status, assignment, transfer: said in the timeline


# What the requester sees of the timeline: never the staff's notes or internal changes.
PUBLIC_KINDS = (MessageKind.REQUESTER, MessageKind.ANSWER)


class Message(models.Model):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("text"))
    by_email = models.BooleanField(_("came by e-mail"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["request", "created_at"], name="helpdesk_timeline")]

    def __str__(self):
        return f"{self.request}: {self.get_kind_display()}"

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_KINDS


class Attachment(models.Model):
    """A scan or a photo sent with a request or a message: a private file, checked and stripped."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = private_file_field(_("file"), folder="helpdesk")
    name = models.CharField(_("file name"), max_length=150)
    size = models.PositiveIntegerField(_("size"), default=0)
    from_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name


class Transfer(models.Model):
    """A request handed to another centre: the sending centre keeps this fact, nothing more."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="transfers")
    from_centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    to_centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.request_id}: {self.from_centre_id} → {self.to_centre_id}"


class AccessAction(models.TextChoices):
    OPENED = "opened", _("opened the request")
    FILE = "file", _("opened an attachment")
    EXPORT = "export", _("exported the request")


class AccessLogEntry(models.Model):
    """Every opening of a request by staff, for the centre's head to read."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="access_log")
    # The centre the request was in when it was opened: its head reads the entry.
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=AccessAction.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["centre", "-at"], name="helpdesk_access_by_centre")]

    def __str__(self):
        return f"{self.user_id} {self.action} {self.request_id}"


class CannedAnswer(models.Model):
    """A ready answer for a topic, in three languages; the centre's head keeps them."""

    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="canned_answers"
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    title = models.CharField(_("title"), max_length=150)
    text_ru = models.TextField(_("text (Russian)"))
    text_ky = models.TextField(_("text (Kyrgyz)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)

    text = TranslatedField()

    class Meta:
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")
        ordering = ["topic", "title"]

    def __str__(self):
        return self.title

    def text_in(self, language: str) -> str:
        """The text in the requester's language, Russian where it is not written yet."""
        return getattr(self, f"text_{language}", "") or self.text_ru


class DigestSent(models.Model):
    """A centre's daily digest went out that day (the periodic task runs every few minutes)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint("centre", "day", name="helpdesk_digest_once_a_day")]

    def __str__(self):
        return f"{self.centre_id} {self.day}"


@register_setting(icon="help")
class HelpdeskSettings(BaseGenericSetting):
    """The help desk's service level and how long personal data are kept."""

    first_answer_days = models.PositiveSmallIntegerField(
        _("first answer within (working days)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Counted on the Kyrgyz working calendar: weekends and public holidays skip."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("anonymize closed requests after (months)"),
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Then names, contacts, texts and attachments are removed; topic, centre, dates and "
            "outcome stay for the figures."
        ),
    )

    class Meta:
        verbose_name = _("help desk settings")


class HelpDeskPage(RoutedPage, SovetPage):
    """/<lang>/help/: legal aid and resettlement — the knowledge base, the request form and each
    request's private page."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    subpage_types = ["helpdesk.ArticlePage"]
    max_count = 1
    routes = [
        route("", "sovet.helpdesk.views.index_view"),
        route("request/", "sovet.helpdesk.views.request_view"),
        route("suggest/", "sovet.helpdesk.views.suggest_view"),
        route("r/<str:token>/", "sovet.helpdesk.views.status_view"),
        route("r/<str:token>/data/", "sovet.helpdesk.views.data_view"),
        route("r/<str:token>/erase/", "sovet.helpdesk.views.erase_view"),
        # A file's key without its extension: a page's address has no dots.
        route("r/<str:token>/files/<str:key>/", "sovet.helpdesk.views.requester_file_view"),
    ]

    class Meta:
        verbose_name = _("help desk page")

    def status_path(self, help_request) -> str:
        return f"{self.url}r/{help_request.token}/"


class ArticlePage(SovetPage):
    """A knowledge-base article: what people ask most, answered once, by topic."""

    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    intro = models.TextField(_("summary"), blank=True, max_length=500)
    body = RichTextField(_("text"))

    content_panels = SovetPage.content_panels + [
        FieldPanel("topic"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["helpdesk.HelpDeskPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge-base article")
        verbose_name_plural = _("knowledge-base articles")
