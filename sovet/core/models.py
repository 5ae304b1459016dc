from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.search import index

from .i18n import TranslatedField


class Region(models.Model):
    """Bishkek and Osh cities and the seven oblasts: loaded by a migration, never typed by hand."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=100, unique=True)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    is_city = models.BooleanField(_("city of republican significance"), default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["sort_order"]

    name = TranslatedField()

    def __str__(self):
        return self.name


def latitude_field() -> models.DecimalField:
    """A place's WGS84 latitude (organizations, events, memorial places), optional."""
    return models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("WGS84 degrees, e.g. 42.874621 for Bishkek."),
    )


def longitude_field() -> models.DecimalField:
    """A place's WGS84 longitude, optional; give it together with the latitude."""
    return models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("WGS84 degrees, e.g. 74.569762 for Bishkek."),
    )


class DocumentCategory(models.TextChoices):
    CHARTER = "charter", _("Charters")
    RESOLUTION = "resolution", _("Resolutions")
    DECISION = "decision", _("Congress and conference decisions")
    REPORT = "report", _("Reports")
    OTHER = "other", _("Other documents")


class LibraryDocument(AbstractDocument):
    """A file in the documents library: Wagtail's document with a category and a summary.

    The site's document model (WAGTAILDOCS_DOCUMENT_MODEL), in core so that every app may attach
    documents; it was site's until the layers were set, hence its table's name."""

    category = models.CharField(
        _("category"),
        max_length=20,
        choices=DocumentCategory.choices,
        default=DocumentCategory.OTHER,
    )
    description = models.TextField(_("description"), blank=True)
    published_on = models.DateField(_("date of the document"), null=True, blank=True)
    language = models.CharField(
        _("language of the document"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )

    admin_form_fields = WagtailDocument.admin_form_fields + (
        "category",
        "description",
        "published_on",
        "language",
    )
    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description"),
        index.FilterField("category"),
    ]

    class Meta(AbstractDocument.Meta):
        db_table = "site_librarydocument"
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["category", "-published_on"])]


class SearchEntry(models.Model):
    """One public object in one language, as the site search shows it (see core.site_search)."""

    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=64)
    language = models.CharField(max_length=8, blank=True)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    # The language the title is written in, when not the entry's (an untranslated name).
    shown_language = models.CharField(max_length=8, blank=True)
    text_language = models.CharField(max_length=8, blank=True)  # the same, for the text

    class Meta:
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """A term an entry is found by: a folded word or one of its stems."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=64)
    in_title = models.BooleanField(default=False)

    class Meta:
        # Read by term, for the entries holding it: the index alone answers.
        indexes = [models.Index(fields=["term", "entry"])]

    def __str__(self):
        return self.term
