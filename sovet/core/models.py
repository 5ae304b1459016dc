from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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
