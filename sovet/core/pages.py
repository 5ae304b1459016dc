"""What every public page shares, whichever app defines it."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property
from wagtail.models import Page

PAGE_SIZE = 10


def paginate(request, queryset, per_page=PAGE_SIZE):
    """One page of results; a bad or too large page number gives the first or last page."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class SovetPage(Page):
    """What every public page shares: the fallback notice and the data for social previews."""

    class Meta:
        abstract = True

    @cached_property
    def content_language(self) -> str:
        """The language the content is written in: an untranslated alias shows its source's."""
        if self.alias_of_id:
            source = Page.objects.filter(pk=self.alias_of_id).values_list(
                "locale__language_code", flat=True
            )
            return source.first() or settings.LANGUAGE_CODE
        return self.locale.language_code

    @property
    def canonical_url(self) -> str:
        """An untranslated alias points search engines to the page it repeats."""
        source = Page.objects.get(pk=self.alias_of_id) if self.alias_of_id else self
        return source.get_full_url()

    def social_image(self):
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_fallback"] = self.content_language != self.locale.language_code
        return context


def localized_pages(pages) -> dict[int, Page]:
    """Each page's version in the active language (translation or alias), by the page's id.

    One query for all of them, where ``page.localized`` would take one or two for each.
    """
    from wagtail.models import Locale

    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    active = Locale.get_active()
    found = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in pages], locale=active
        )
    }
    return {page.pk: found.get(page.translation_key, page) for page in pages}
