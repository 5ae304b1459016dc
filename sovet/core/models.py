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
