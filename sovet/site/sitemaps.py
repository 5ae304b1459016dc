from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    """Every live page of the site in every language, leaving out untranslated aliases."""

    def items(self):
        root = self.get_wagtail_site().root_page
        in_any_language = Q()
        for translated_root in root.get_translations(inclusive=True):
            in_any_language |= Q(path__startswith=translated_root.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_any_language, alias_of__isnull=True)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
