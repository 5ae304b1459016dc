"""The memory archive: cards of WWII participants, the archive records about them, and the keys
their names are found by (see names.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from sovet.core.pages import SovetPage
from sovet.core.partial_dates import PartialDateField


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


class WarParticipant(models.Model):
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("war participant")
        verbose_name_plural = _("war participants")
        ordering = ["surname", "given_name", "patronymic", "pk"]
        indexes = [models.Index(fields=["status", "birth_year"])]
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
        from django.core.exceptions import ValidationError

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

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)

    @property
    def variant_list(self) -> list[str]:
        return [line.strip() for line in self.name_variants.splitlines() if line.strip()]


class NameKey(models.Model):
    """A key a card is found by: exact lookups on these replace scanning names (see names.py)."""

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

    participant = models.ForeignKey(
        WarParticipant, on_delete=models.CASCADE, related_name="sources"
    )
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


class MemoryIndexPage(RoutablePageMixin, SovetPage):
    """/<lang>/memory/: name search over the published cards, and a page per person."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SovetPage.content_panels + [FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("memory archive")

    def person_path(self, card) -> str:
        return self.url + self.reverse_subpage("person", kwargs={"pk": card.pk})

    @path("")
    def search_view(self, request):
        from . import views

        return views.search_view(self, request)

    @re_path(r"^(?P<pk>\d+)/$", name="person")
    def person_view(self, request, pk):
        from . import views

        return views.person_view(self, request, pk)
