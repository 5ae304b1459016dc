from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from sovet.core.i18n import TranslatedField
from sovet.core.pages import RoutedPage, SovetPage, re_route, route
from sovet.core.partial_dates import PartialDateField
from sovet.core.private_files import private_file_field
from sovet.core.validators import validate_phone

from .importer import int_to_roman


class ConferenceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    REGISTRATION_OPEN = "registration_open", _("Registration open")
    HELD = "held", _("Held")
    RESOLUTION_ADOPTED = "resolution_adopted", _("Resolution adopted")
    ARCHIVED = "archived", _("Archived")


class Conference(ClusterableModel):
    """A numbered country conference of delegates (the XII conference, Bishkek, 2 April 2021)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    dates = PartialDateField(
        _("dates"),
        blank=True,
        help_text=_("A day, or a planned period such as “March–April 2022”."),
    )
    city_ru = models.CharField(_("city (Russian)"), max_length=100, blank=True)
    city_ky = models.CharField(_("city (Kyrgyz)"), max_length=100, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=ConferenceStatus.choices,
        default=ConferenceStatus.PLANNED,
    )
    delegate_quota = models.PositiveSmallIntegerField(
        _("delegates per organization"),
        default=3,
        help_text=_("How many delegates each member organization may send, unless set otherwise."),
    )
    registration_closes_on = models.DateField(
        _("delegate registration closes on"), null=True, blank=True
    )
    proposals_open = models.BooleanField(
        _("proposals are open"),
        default=False,
        help_text=_("Member organizations may propose decisions for this conference's resolution."),
    )
    proposals_close_on = models.DateField(_("proposals close on"), null=True, blank=True)
    documents = models.ManyToManyField(
        "core.LibraryDocument", verbose_name=_("documents"), blank=True, related_name="+"
    )
    photos = models.ManyToManyField(
        "wagtailimages.Image", verbose_name=_("photos"), blank=True, related_name="+"
    )
    news = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("news"),
        blank=True,
        related_name="+",
        help_text=_("News pages about this conference."),
    )

    title = TranslatedField()
    city = TranslatedField()

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-number"]

    def __str__(self):
        return _("%(number)s country conference") % {"number": self.roman_number}

    @property
    def roman_number(self) -> str:
        return int_to_roman(self.number)

    @property
    def slug(self) -> str:
        return self.roman_number.lower()

    def dates_passed_on(self, today) -> bool:
        """Still planned (or registering) though its dates are over: the secretary must set new
        dates or record that it was held. The public then reads "dates to be announced"."""
        return bool(
            self.dates
            and self.status in (ConferenceStatus.PLANNED, ConferenceStatus.REGISTRATION_OPEN)
            and self.dates.latest() < today
        )

    @property
    def dates_passed(self) -> bool:
        return self.dates_passed_on(timezone.localdate())


class AgendaItem(Orderable):
    """An item of a conference's agenda, in order, with its speaker and time."""

    conference = ParentalKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    title_ru = models.CharField(_("item (Russian)"), max_length=300)
    title_ky = models.CharField(_("item (Kyrgyz)"), max_length=300, blank=True)
    title_en = models.CharField(_("item (English)"), max_length=300, blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    starts_at = models.TimeField(_("time"), null=True, blank=True)

    title = TranslatedField()

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return self.title


class DelegateQuota(models.Model):
    """A different number of delegates for one organization at one conference."""

    conference = ParentalKey(Conference, on_delete=models.CASCADE, related_name="quotas")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    quota = models.PositiveSmallIntegerField(_("delegates"))

    class Meta:
        verbose_name = _("delegate quota")
        verbose_name_plural = _("delegate quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organization"], name="delegate_quota_unique"
            )
        ]

    def __str__(self):
        return f"{self.organization}: {self.quota}"


class Delegate(models.Model):
    """A person an organization sends to a conference. Contacts are for the secretary only."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="delegates")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="delegates",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail (not published)"), blank=True)
    phone = models.CharField(
        _("phone (not published)"), max_length=32, blank=True, validators=[validate_phone]
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    confirmed = models.BooleanField(_("confirmed by the secretary"), default=False)
    checked_in_at = models.DateTimeField(_("arrived at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["organization__name_ru", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organization", "full_name"],
                name="delegate_once_per_organization",
            )
        ]

    def __str__(self):
        return self.full_name


class Resolution(models.Model):
    """The text a conference adopted: a preamble and its numbered decisions."""

    conference = models.OneToOneField(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.PROTECT,
        related_name="resolution",
    )
    preamble_ru = models.TextField(_("preamble (Russian)"), blank=True)
    preamble_ky = models.TextField(_("preamble (Kyrgyz)"), blank=True)
    preamble_en = models.TextField(_("preamble (English)"), blank=True)
    adopted_on = models.DateField(_("adopted on"))
    adopted_in = models.CharField(_("adopted in"), max_length=100, blank=True)
    source_text = models.TextField(_("text as adopted"), blank=True, editable=False)
    progress_public = models.BooleanField(
        _("progress is public"),
        default=True,
        help_text=_("Show the status and progress of each decision on the public site."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    preamble = TranslatedField()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-adopted_on"]

    def __str__(self):
        return _("Resolution of the %(conference)s") % {"conference": self.conference}


class DecisionKind(models.TextChoices):
    NOTE = "note", pgettext_lazy("decision kind", "Note")
    SUPPORT = "support", _("Support")
    RECOMMEND = "recommend", _("Recommend")
    CONTINUE = "continue", _("Continue")
    APPROVE = "approve", _("Approve")
    THANK = "thank", _("Thank")
    SCHEDULE = "schedule", _("Schedule")
    FIND_RESOURCES = "find_resources", _("Find resources")
    JOINT_ACTION = "joint_action", _("Joint action")
    OTHER = "other", _("Other")


# What each kind (the verb a decision starts with) asks for: the legend under a resolution.
KIND_DESCRIPTIONS = {
    DecisionKind.NOTE: _("The conference takes note of something; nothing to carry out."),
    DecisionKind.SUPPORT: _("The conference supports a policy or work of others."),
    DecisionKind.RECOMMEND: _("Advice to the organizations; each decides how to follow it."),
    DecisionKind.CONTINUE: _("Work already under way goes on."),
    DecisionKind.APPROVE: _("The conference approves a body, a composition or a project."),
    DecisionKind.THANK: _("The conference thanks people or institutions; nothing to carry out."),
    DecisionKind.SCHEDULE: _("The conference sets a date, such as the next conference's."),
    DecisionKind.FIND_RESOURCES: _("Money or other means are to be found for a purpose."),
    DecisionKind.JOINT_ACTION: _("Work done together with a state body or a partner."),
    DecisionKind.OTHER: _("Any other decision."),
}


class Recurrence(models.TextChoices):
    """A decision with no single due date: done every year, or kept up permanently."""

    NONE = "", _("Once")
    YEARLY = "yearly", _("Every year")
    PERMANENT = "permanent", _("Permanently")


class DecisionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    ONGOING = "ongoing", _("Ongoing")
    CANCELLED = "cancelled", _("Cancelled")


class Decision(models.Model):
    """One numbered item of a resolution, tracked until it is done."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField(_("number"))
    # Any one language is enough: a resolution adopted in Kyrgyz has no Russian text yet.
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_ky = models.TextField(_("text (Kyrgyz)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DecisionKind.choices, default=DecisionKind.OTHER
    )
    kind_needs_review = models.BooleanField(_("kind to be checked"), default=False)
    tracked = models.BooleanField(
        _("tracked"), default=True, help_text=_("Thanks and notes usually need no follow-up.")
    )
    organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("assigned organizations"),
        blank=True,
        related_name="decisions",
    )
    due = PartialDateField(
        _("due"), blank=True, help_text=_("A date or a period, e.g. “2022” or “March–April 2022”.")
    )
    recurrence = models.CharField(
        _("repeats"), max_length=16, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DecisionStatus.choices,
        default=DecisionStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MaxValueValidator(100)]
    )
    approves_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("approves the creation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approves_council_term = models.ForeignKey(
        "organizations.CouncilTerm",
        verbose_name=_("approves the Council composition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    vote_result = models.CharField(_("vote"), max_length=200, blank=True)
    schedules_conference = models.ForeignKey(
        Conference,
        verbose_name=_("schedules the conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scheduled_by",
    )

    text = TranslatedField()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["resolution", "number"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "number"], name="decision_number_unique"),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="decision_progress_percent"
            ),
        ]
        indexes = [models.Index(fields=["status", "tracked"])]

    def __str__(self):
        return _("Decision %(number)s") % {"number": self.number}

    def clean(self):
        if not (self.text_ru.strip() or self.text_ky.strip() or self.text_en.strip()):
            raise ValidationError(_("Write the decision's text in at least one language."))

    @property
    def vote_display(self) -> str:
        return vote_display(self.vote_result)

    @property
    def summary(self) -> str:
        return Truncator(self.text_ru or self.text_ky or self.text_en).words(16)

    @property
    def kind_description(self) -> str:
        """What the decision's kind asks for, in the active language (KIND_DESCRIPTIONS)."""
        return str(KIND_DESCRIPTIONS.get(self.kind, ""))

    def is_overdue_on(self, today) -> bool:
        """THE definition of an overdue decision, used by every page, panel, report and figure:
        a tracked decision, not done and not cancelled, whose due date (a day, a month, a year
        or a period: its last day) is before ``today``. Due today is not overdue yet; a decision
        without a due date is never overdue; one done late is done, not overdue."""
        return bool(
            self.due
            and self.tracked
            and self.status not in (DecisionStatus.DONE, DecisionStatus.CANCELLED)
            and self.due.latest() < today
        )

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    NEEDS_MORE = "needs_more", _("More information requested")
    ACCEPTED = "accepted", _("Accepted")


ATTACHMENTS_FOLDER = "conferences/reports"


class ProgressReport(models.Model):
    """What an assigned organization did on a decision, dated, with optional proof."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="reports")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what was done"), max_length=5000)
    progress = models.PositiveSmallIntegerField(
        _("progress now, %"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Leave empty if you cannot tell."),
    )
    links = models.TextField(
        _("links"), blank=True, help_text=_("Events, news, photos on the web: one link per line.")
    )
    # Proof for the secretary, never public (core.private_files; rules.can_open_report_files).
    photo = private_file_field(_("photo"), folder=ATTACHMENTS_FOLDER, blank=True)
    document = private_file_field(_("document"), folder=ATTACHMENTS_FOLDER, blank=True)
    document_name = models.CharField(_("document's file name"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    secretary_comment = models.TextField(_("secretary's comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-reported_on", "-pk"]
        indexes = [models.Index(fields=["decision", "-reported_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__lte=100),
                name="report_progress_percent",
            )
        ]

    def __str__(self):
        return f"{self.organization} — {self.decision} ({self.reported_on})"

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class ReportEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Reported")
    ASKED_MORE = "asked_more", _("More information requested")
    ANSWERED = "answered", _("Answered")
    ACCEPTED = "accepted", _("Accepted")


class ReportEvent(models.Model):
    """One step of a report's review, kept in order: reported, asked for more, answered, accepted.
    The decision's page shows them as its history."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=16, choices=ReportEventKind.choices)
    text = models.TextField(_("text"), blank=True, max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report history entry")
        verbose_name_plural = _("report history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.report_id} {self.kind} {self.at:%Y-%m-%d}"


class ReminderKind(models.TextChoices):
    BEFORE_DUE = "before_due", _("Before the due date")
    OVERDUE = "overdue", _("Overdue")


class DecisionReminder(models.Model):
    """A reminder about a decision's due date went out: sent once per decision, kind and due date
    (a new due date is reminded again; a repeated run of the periodic task sends nothing)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "kind", "due_on"], name="decision_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.decision_id} {self.kind} {self.due_on}"


class DigestSent(models.Model):
    """The secretary's monthly digest of decisions went out for that month (its first day)."""

    month = models.DateField(unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.month:%Y-%m}"


@register_setting(icon="doc-full")
class ConferencesSettings(BaseGenericSetting):
    """When the resolution's decisions are chased."""

    remind_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before a due date"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    remind_overdue = models.BooleanField(
        _("remind the organizations when a decision is overdue"), default=True
    )
    stale_report_days = models.PositiveSmallIntegerField(
        _("a decision without a report for this many days is listed in the digest"),
        default=90,
        validators=[MinValueValidator(7)],
    )
    monthly_digest = models.BooleanField(_("send the secretary a monthly digest"), default=True)

    panels = [
        FieldPanel("remind_days_before"),
        FieldPanel("remind_overdue"),
        FieldPanel("stale_report_days"),
        FieldPanel("monthly_digest"),
    ]

    class Meta:
        verbose_name = _("resolution follow-up")


class ConferenceIndexPage(RoutedPage, SovetPage):
    """/<lang>/conferences/: every conference, and a page per conference with its resolution."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    subpage_types = []
    routes = [
        route("", "sovet.conferences.views.index_view"),
        re_route(
            r"^(?P<slug>[ivxlcdm]+)/$", "sovet.conferences.views.conference_view", name="conference"
        ),
        # A decision's accountability page: its texts, progress over time, reports, what served it.
        re_route(
            r"^(?P<slug>[ivxlcdm]+)/(?P<number>[0-9]{1,3})/$",
            "sovet.conferences.views.decision_view",
            name="decision",
        ),
        # An invited organization's private page: register delegates and propose, no account.
        re_route(
            r"^invitation/(?P<token>[A-Za-z0-9_-]{20,64})/$",
            "sovet.conferences.preparation.views.invitation_view",
            name="invitation",
        ),
    ]

    class Meta:
        verbose_name = _("conferences page")

    def conference_url(self, conference) -> str:
        return self.url + self.reverse_subpage("conference", kwargs={"slug": conference.slug})

    def decision_url(self, decision) -> str:
        conference = decision.resolution.conference
        return self.url + self.reverse_subpage(
            "decision", kwargs={"slug": conference.slug, "number": decision.number}
        )

    def invitation_url(self, invitation) -> str:
        return self.url + self.reverse_subpage("invitation", kwargs={"token": invitation.token})


def vote_display(record: str) -> str:
    """A stored vote record as a sentence in the active language."""
    if record == "unanimous":
        return str(_("adopted unanimously"))
    if record.count("/") == 2:
        votes_for, against, abstained = record.split("/")
        return str(_("for: %(for)s, against: %(against)s, abstained: %(abstained)s")) % {
            "for": votes_for,
            "against": against,
            "abstained": abstained,
        }
    return record


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_DRAFT = "in_draft", _("Included in the draft")
    DECLINED = "declined", pgettext_lazy("proposal", "Declined")
    ADOPTED = "adopted", pgettext_lazy("proposal", "Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class Proposal(models.Model):
    """A decision an organization proposes for the next conference's resolution."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="proposals")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    text = models.TextField(_("proposed decision"), max_length=3000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    decline_reason = models.TextField(_("why it was declined"), blank=True, max_length=2000)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["conference", "submitted_at"]

    def __str__(self):
        return Truncator(self.text).words(12)


class DraftDecision(Orderable):
    """An item of the draft resolution, merged from proposals, with the conference's vote on it."""

    conference = ParentalKey(Conference, on_delete=models.CASCADE, related_name="draft_decisions")
    text = models.TextField(_("text"), max_length=3000)
    proposals = models.ManyToManyField(
        Proposal, verbose_name=_("from proposals"), blank=True, related_name="drafts"
    )
    # Set when the resolution is published: the decision this item became (adopted items only).
    decision = models.OneToOneField(
        Decision,
        verbose_name=_("adopted as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="draft",
    )
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    votes_abstained = models.PositiveIntegerField(_("abstained"), null=True, blank=True)
    unanimous = models.BooleanField(_("adopted unanimously"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("draft decision")
        verbose_name_plural = _("draft resolution")

    def __str__(self):
        return Truncator(self.text).words(12)

    def clean(self):

        counted = any(
            v is not None for v in (self.votes_for, self.votes_against, self.votes_abstained)
        )
        if self.unanimous and counted:
            raise ValidationError(_("A decision adopted unanimously has no separate vote counts."))

    @property
    def is_adopted(self) -> bool:
        return self.unanimous or (self.votes_for or 0) > (self.votes_against or 0)

    @property
    def vote_record(self) -> str:
        """The vote, stored language-neutral: "unanimous" or "for/against/abstained"."""
        if self.unanimous:
            return "unanimous"
        if self.votes_for is None:
            return ""
        return f"{self.votes_for}/{self.votes_against or 0}/{self.votes_abstained or 0}"

    @property
    def vote_result(self) -> str:
        return vote_display(self.vote_record)


class Invitation(models.Model):
    """A member organization invited to a conference: a private link (no account needed) to
    register its delegates and propose decisions. Sent by e-mail to the organization's contact."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    email = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last opened"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["conference", "organization__name_ru"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organization"], name="conference_invitation_once"
            )
        ]

    def __str__(self):
        return f"{self.conference} — {self.organization}"
