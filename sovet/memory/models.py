"""The memory archive: cards of WWII participants, the archive records about them, the keys
their names are found by (see the names package), the stories and photos families send, and the
moderators' work on them."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from sovet.core.pages import RoutedPage, SovetPage, declared_children, re_route, route
from sovet.core.partial_dates import PartialDateField
from sovet.core.private_files import private_file_field
from sovet.core.reach import CallBack


class Fate(models.TextChoices):
    RETURNED = "returned", _("Returned from the war")
    KILLED = "killed", _("Killed in action")
    DIED_OF_WOUNDS = "died_of_wounds", _("Died of wounds")
    MISSING = "missing", _("Missing in action")
    PRISONER = "prisoner", _("Prisoner of war")
    DIED_AFTER_WAR = "died_after_war", _("Died after the war")
    UNKNOWN = "unknown", _("Unknown")


class Category(models.TextChoices):
    FRONT_LINE = "front_line", _("Front-line soldier")
    HOME_FRONT = "home_front", _("Home front worker")
    LENINGRAD_SIEGE = "leningrad_siege", _("Survivor of the siege of Leningrad")
    CHILD_OF_WAR = "child_of_war", _("Child of war")
    PARTISAN = "partisan", _("Partisan or underground fighter")


# Categories whose people may still be alive.
MAY_BE_ALIVE = [
    Category.HOME_FRONT.value,
    Category.LENINGRAD_SIEGE.value,
    Category.CHILD_OF_WAR.value,
]


class CardStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")
    # Joined into another card (see CardMerge); its address leads to that card.
    MERGED = "merged", _("Merged into another card")


class PersonNames:
    """A card's names as one line and its other spellings as a list: for the model, and for the
    lighter rows the name search reads."""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)

    @property
    def variant_list(self) -> list[str]:
        return [line.strip() for line in self.name_variants.splitlines() if line.strip()]


class WarParticipant(PersonNames, ClusterableModel):
    """One person. What archives say about them is kept apart, as source records."""

    surname = models.CharField(_("surname"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    name_variants = models.TextField(
        _("other spellings of the name"),
        blank=True,
        help_text=_("As written in documents, one per line: «Иванов Иван Петрович»."),
    )
    birth_date = PartialDateField(_("date of birth"), blank=True)
    # The year alone, for filters and for telling namesakes apart; kept from birth_date.
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    birth_place = models.CharField(_("place of birth"), max_length=255, blank=True)
    conscription_date = PartialDateField(_("date of conscription"), blank=True)
    conscription_place = models.CharField(
        _("conscripted by"), max_length=255, blank=True, help_text=_("E.g. «Фрунзенский РВК».")
    )
    rank = models.CharField(_("rank"), max_length=100, blank=True)
    units = models.TextField(_("units"), blank=True)
    fronts = models.TextField(_("fronts"), blank=True)
    awards = models.TextField(_("awards"), blank=True)
    fate = models.CharField(_("fate"), max_length=20, choices=Fate.choices, default=Fate.UNKNOWN)
    death_date = PartialDateField(_("date of death"), blank=True)
    death_place = models.CharField(_("place of death"), max_length=255, blank=True)
    burial_place = models.CharField(_("burial place"), max_length=255, blank=True)
    next_of_kin = models.TextField(
        _("next of kin in the records"),
        blank=True,
        help_text=_("How death notices were addressed: «мать Иванова Мария Петровна, г. Фрунзе»."),
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.FRONT_LINE
    )
    biography = models.TextField(_("biography"), blank=True)
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("region of Kyrgyzstan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CardStatus.choices, default=CardStatus.DRAFT
    )
    # Home-front workers and children of war may be alive: their card needs consent to be public.
    consent_to_publish = models.BooleanField(_("the person or their family agreed"), default=False)
    # Kept by services.photos_changed, for the "has photo" filter without a join.
    has_photo = models.BooleanField(default=False, editable=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="merged_cards",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("war participant")
        verbose_name_plural = _("war participants")
        ordering = ["surname", "given_name", "patronymic", "pk"]
        indexes = [
            models.Index(fields=["status", "birth_year"]),
            # Browsing by the filters (queries.Browse): every choice counted from this index
            # alone, without reading the table.
            models.Index(
                fields=["status", "region", "fate", "category", "has_photo", "rank", "birth_year"],
                name="memory_card_browse",
            ),
            # The cards added last, for the archive's first page.
            models.Index(fields=["status", "id"], name="memory_card_latest"),
        ]
        constraints = [
            # Someone who may still be alive is published only with their or their family's consent.
            models.CheckConstraint(
                condition=~models.Q(status="published", consent_to_publish=False)
                | ~models.Q(category__in=MAY_BE_ALIVE),
                name="participant_alive_needs_consent",
            ),
        ]

    def __str__(self):
        return self.full_name

    def clean(self):

        if (
            self.status == CardStatus.PUBLISHED
            and self.category in MAY_BE_ALIVE
            and not self.consent_to_publish
        ):
            raise ValidationError(
                {
                    "consent_to_publish": ValidationError(
                        _(
                            "This person may be alive: publish the card only with their or "
                            "their family's consent."
                        ),
                        code="needs_consent",
                    )
                }
            )


class NameKey(models.Model):
    """A key a card is found by: exact lookups on these replace scanning names (see the names package)."""

    participant = models.ForeignKey(
        WarParticipant, on_delete=models.CASCADE, related_name="name_keys"
    )
    key = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint("key", "participant", name="name_key_once_per_card"),
        ]

    def __str__(self):
        return self.key


class SourceKind(models.TextChoices):
    LOSS_REPORT = "loss_report", _("Loss report")
    AWARD = "award", _("Award record")
    MEMORY_BOOK = "memory_book", _("Memory book")
    BURIAL = "burial", _("Burial record")
    CONSCRIPTION = "conscription", _("Conscription record")
    HOSPITAL = "hospital", _("Hospital record")
    PRISONER_CARD = "prisoner_card", _("Prisoner of war card")
    OTHER = "other", _("Other")


class StateDatabase(models.TextChoices):
    PAMYAT_NARODA = "pamyat_naroda", "Память народа"
    OBD_MEMORIAL = "obd_memorial", "ОБД «Мемориал»"
    PODVIG_NARODA = "podvig_naroda", "Подвиг народа"
    DOROGA_PAMYATI = "doroga_pamyati", "Дорога памяти"


# How each state database links to one of its records.
DATABASE_LINKS = {
    StateDatabase.PAMYAT_NARODA: "https://pamyat-naroda.ru/heroes/memorial-chelovek_donesenie{id}/",
    StateDatabase.OBD_MEMORIAL: "https://obd-memorial.ru/html/info.htm?id={id}",
    StateDatabase.PODVIG_NARODA: "https://podvignaroda.ru/?#id={id}&tab=navDetailManAward",
    StateDatabase.DOROGA_PAMYATI: "https://1418museum.ru/heroes/{id}/",
}


class SourceRecord(models.Model):
    """What one archive document says about the person: kept apart from the card itself."""

    # A parental key: the card's admin form edits its sources inline.
    participant = ParentalKey(WarParticipant, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    archive = models.CharField(_("archive"), max_length=100, blank=True, help_text=_("E.g. ЦАМО."))
    fond = models.CharField(_("fond"), max_length=32, blank=True)
    opis = models.CharField(_("inventory"), max_length=32, blank=True)
    delo = models.CharField(_("file"), max_length=32, blank=True)
    list = models.CharField(_("sheet"), max_length=32, blank=True)
    database = models.CharField(
        _("state database"), max_length=20, choices=StateDatabase.choices, blank=True
    )
    database_id = models.CharField(_("record number in the database"), max_length=32, blank=True)
    note = models.TextField(_("what the document says"), blank=True)

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        ordering = ["participant", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(database="") | ~models.Q(database_id=""),
                name="source_database_needs_its_number",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.citation}"

    @property
    def citation(self) -> str:
        parts = [self.archive]
        for label, value in (
            ("ф.", self.fond),
            ("оп.", self.opis),
            ("д.", self.delo),
            ("л.", self.list),
        ):
            if value:
                parts.append(f"{label} {value}")
        return ", ".join(part for part in parts if part)

    @property
    def database_url(self) -> str:
        if not (self.database and self.database_id.isdigit()):
            return ""
        return DATABASE_LINKS[self.database].format(id=self.database_id)


def _photo_path(instance, filename):
    # A random name: a photo still in moderation cannot be found by guessing its address.
    return f"memory/photos/{uuid.uuid4().hex}.jpg"


def _thumbnail_path(instance, filename):
    return f"memory/photos/{uuid.uuid4().hex}-small.jpg"


def _document_path(instance, filename):
    # Named by migration 0001 only: documents now take core.private_files.RandomName.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"memory/private/{uuid.uuid4().hex}.{extension}"


class StoryStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
    SUBMITTED = "submitted", pgettext_lazy("story status", "Submitted")
    NEEDS_CHANGES = "needs_changes", _("Needs changes")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class Relation(models.TextChoices):
    CHILD = "child", _("Son or daughter")
    GRANDCHILD = "grandchild", _("Grandson or granddaughter")
    GREAT_GRANDCHILD = "great_grandchild", _("Great-grandson or great-granddaughter")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    SELF = "self", _("I am this person")
    RESEARCHER = "researcher", _("Researcher, teacher or volunteer")
    OTHER = "other", _("Other")


class ModerationReason(models.TextChoices):
    """Canned reasons a moderator picks in one click; the submitter reads them in their language."""

    # Asking for changes
    MORE_FACTS = (
        "more_facts",
        _("Please add the years of life, the rank or where the person served."),
    )
    SOURCE_NEEDED = (
        "source_needed",
        _("Please add a document or an archive reference that confirms the facts."),
    )
    PHOTO_UNCLEAR = (
        "photo_unclear",
        _("The photo is too small or unclear: please send a better one."),
    )
    CONSENT_NEEDED = (
        "consent_needed",
        _("This person may be alive: please confirm that they or their family agree."),
    )
    PRIVATE_DATA = (
        "private_data",
        _("Please remove addresses, phone numbers and other private details from the story."),
    )
    # Declining
    DUPLICATE = "duplicate", _("This story repeats one already published.")
    NOT_WWII = "not_wwii", _("The story is not about a participant of the Great Patriotic War.")
    INAPPROPRIATE = (
        "inappropriate",
        _("The text breaks the archive's rules (insults or advertising)."),
    )
    NOT_CONFIRMED = "not_confirmed", _("The facts could not be confirmed.")
    OTHER = "other", _("Other reason (see the moderator's message).")


CHANGES_REASONS = [
    ModerationReason.MORE_FACTS,
    ModerationReason.SOURCE_NEEDED,
    ModerationReason.PHOTO_UNCLEAR,
    ModerationReason.CONSENT_NEEDED,
    ModerationReason.PRIVATE_DATA,
    ModerationReason.OTHER,
]
DECLINE_REASONS = [
    ModerationReason.DUPLICATE,
    ModerationReason.NOT_WWII,
    ModerationReason.INAPPROPRIATE,
    ModerationReason.NOT_CONFIRMED,
    ModerationReason.OTHER,
]


def _story_token():
    return secrets.token_urlsafe(24)


class Story(CallBack):
    """A family's story about a person: private until a moderator publishes it.

    A story about someone not yet in the archive brings a new draft card with it
    (``new_card``); publishing the story publishes that card. The submitter gives an e-mail, a
    phone or both (core.reach): a phone-only story skips the e-mail confirmation and waits in
    the queue marked "phone only: call back".
    """

    reach_fields = ("submitter_email", "submitter_phone")

    participant = models.ForeignKey(
        WarParticipant, on_delete=models.CASCADE, related_name="stories"
    )
    new_card = models.BooleanField(default=False, editable=False)
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("story"))
    # Public: how the story is signed on the card («внучка Анна»). The rest is private.
    signature = models.CharField(_("signature"), max_length=150, blank=True)
    relation = models.CharField(
        _("relation to the person"), max_length=20, choices=Relation.choices
    )
    submitter_name = models.CharField(_("your name"), max_length=150)
    submitter_email = models.EmailField(_("your e-mail"), blank=True)
    submitter_phone = models.CharField(_("your phone"), max_length=32, blank=True)
    # The language the submitter wrote in: e-mails about the story are sent in it.
    language = models.CharField(max_length=8, default="ru", editable=False)
    consent = models.BooleanField(_("consent to publish"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=StoryStatus.choices, default=StoryStatus.UNCONFIRMED
    )
    reason = models.CharField(
        _("reason"), max_length=20, choices=ModerationReason.choices, blank=True
    )
    moderator_message = models.TextField(_("message from the moderator"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=_story_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When it (last) reached the queue: the queue is served oldest first.
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["status", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(submitter_email="") | ~models.Q(submitter_phone=""),
                name="story_email_or_phone",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.participant} ({self.get_status_display()})"


class Photo(models.Model):
    """A photo on a card: public when the card is published and the photo is (``is_public``).

    Stored as a clean JPEG of at most PHOTO_MAX_SIDE pixels plus a small copy for lists
    (core.images.set_image); no EXIF, no GPS.
    """

    participant = models.ForeignKey(WarParticipant, on_delete=models.CASCADE, related_name="photos")
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("photo"), upload_to=_photo_path, width_field="width", height_field="height"
    )
    thumbnail = models.ImageField(upload_to=_thumbnail_path, editable=False)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    is_public = models.BooleanField(_("shown on the card"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption or f"{self._meta.verbose_name} {self.pk}"


class StoryDocument(models.Model):
    """A scan that proves a story (a death notice, an award sheet): never public."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="documents")
    file = private_file_field(_("document"), folder="memory/private")
    name = models.CharField(_("file name"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["pk"]

    def __str__(self):
        return self.name or self.file.name


class ReportReason(models.TextChoices):
    WRONG_FACTS = "wrong_facts", _("The facts are wrong")
    DUPLICATE = "duplicate", _("The same person has another card")
    PRIVATE_DATA = "private_data", _("It shows private details")
    OFFENSIVE = "offensive", _("Offensive or inappropriate content")
    OTHER = "other", _("Other")


class CardReport(models.Model):
    """A visitor's report about a published card: it puts the card back in the moderators' queue."""

    participant = models.ForeignKey(
        WarParticipant, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("what is wrong"), max_length=20, choices=ReportReason.choices)
    message = models.TextField(_("details"), blank=True)
    # Optional, private: only for the moderator's answer.
    email = models.EmailField(_("your e-mail (optional)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["resolved_at", "created_at"])]

    def __str__(self):
        return f"{self.participant}: {self.get_reason_display()}"


class CardMerge(models.Model):
    """Two cards about one person joined into one, and what moved, so the merge can be undone."""

    kept = models.ForeignKey(WarParticipant, on_delete=models.CASCADE, related_name="+")
    merged = models.ForeignKey(WarParticipant, on_delete=models.CASCADE, related_name="+")
    # The merged card's status before, and the primary keys of what moved to the kept card:
    # {"stories": [...], "sources": [...], "photos": [...], "reports": [...]}.
    merged_status = models.CharField(max_length=16, choices=CardStatus.choices)
    moved = models.JSONField(default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("merge of cards")
        verbose_name_plural = _("merges of cards")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.merged} → {self.kept}"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Published the story")
    REQUEST_CHANGES = "request_changes", _("Asked for changes")
    DECLINE = "decline", _("Declined the story")
    MERGE = "merge", _("Merged cards")
    UNDO_MERGE = "undo_merge", _("Undid a merge")
    RESOLVE_REPORT = "resolve_report", _("Closed a report")
    EDIT_PHOTO = "edit_photo", _("Rotated or cropped a photo")
    EDIT_CARD = "edit_card", _("Edited the card")
    PUBLISH_CARD = "publish_card", _("Published the card")
    HIDE_CARD = "hide_card", _("Hid the card")
    CALLED_BACK = "called_back", _("Called the submitter back")


class ModerationLogEntry(models.Model):
    """Who did what, and when, in the memory archive."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=ModerationAction.choices)
    participant = models.ForeignKey(
        WarParticipant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user}: {self.get_action_display()}"


class MemoryIndexPage(RoutedPage, SovetPage):
    """/<lang>/memory/: name search over the published cards, and a page per person."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1
    # The name search's filters (core.filters).
    filter_form = "sovet.memory.forms.SearchForm"
    # Each route is served by the module that owns it.
    routes = [
        route("", "sovet.memory.views.search_view"),
        re_route(r"^(?P<pk>\d+)/$", "sovet.memory.views.person_view", name="person"),
        re_route(r"^(?P<pk>\d+)/placard/$", "sovet.memory.placard.placard_view", name="placard"),
        re_route(
            r"^(?P<pk>\d+)/placard/pdf/$",
            "sovet.memory.placard.placard_pdf_view",
            name="placard_pdf",
        ),
        re_route(r"^(?P<pk>\d+)/report/$", "sovet.memory.views.report_view", name="report"),
        route("stories/new/", "sovet.memory.stories.views.story_new_view", name="story_new"),
        re_route(
            r"^(?P<pk>\d+)/stories/new/$",
            "sovet.memory.stories.views.story_add_view",
            name="story_add",
        ),
        re_route(
            r"^stories/confirm/(?P<token>[\w-]+)/$",
            "sovet.memory.stories.views.story_confirm_view",
            name="story_confirm",
        ),
        re_route(
            r"^stories/(?P<token>[\w-]+)/$",
            "sovet.memory.stories.views.story_status_view",
            name="story_status",
        ),
        re_route(
            r"^open-data/(?P<fmt>csv|json)/$",
            "sovet.memory.opendata.open_data_view",
            name="open_data",
        ),
    ]

    class Meta:
        verbose_name = _("memory archive")

    # Memorial places live below (/<lang>/memory/places/; routes here take precedence): the pages
    # that name this one as their parent, so the archive needs not name the apps above it.
    @classmethod
    def clean_subpage_models(cls):
        if cls._clean_subpage_models is None:
            cls._clean_subpage_models = declared_children(cls)
        return cls._clean_subpage_models

    def person_path(self, card, route: str = "person") -> str:
        """The address of a card's page, or of one of its routes ("placard", "report"…)."""
        return self.url + self.reverse_subpage(route, kwargs={"pk": card.pk})
