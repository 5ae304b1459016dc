"""What every public page shares, whichever app defines it."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.loader import render_to_string
from django.urls import path, re_path
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, get_page_models

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

    def get_view_restrictions(self):
        """Wagtail's, or the list read once with the page when core.serving keeps it (changes
        of restrictions move the content version, and with it the kept page)."""
        kept = getattr(self, "kept_view_restrictions", None)
        return kept if kept is not None else super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_fallback"] = self.content_language != self.locale.language_code
        return context


def localized_pages(pages) -> dict[int, Page]:
    """Each page's version in the active language (translation or alias), by the page's id.

    One query for all of them, where ``page.localized`` would take one or two for each.
    """

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


def page_view(dotted_path: str):
    """The view at ``dotted_path`` (called with the page, the request and the route's arguments),
    imported on its first request, as urls.py names views: so a page model never imports its
    views, which import the model."""
    view = None

    def call(page, request, *args, **kwargs):
        nonlocal view
        if view is None:
            view = import_string(dotted_path)
        return view(page, request, *args, **kwargs)

    call.__name__ = dotted_path.rpartition(".")[2]
    call.view_path = dotted_path
    return call


def route(pattern: str, view: str, kwargs: dict | None = None, name: str | None = None):
    """A page's sub-URL in ``path()`` syntax, served by the view at the dotted path ``view``;
    named after the view's function unless ``name`` is given (as Wagtail names a route after its
    method)."""
    return path(pattern, page_view(view), kwargs, name=name or view.rpartition(".")[2])


def re_route(pattern: str, view: str, kwargs: dict | None = None, name: str | None = None):
    """A page's sub-URL in ``re_path()`` syntax: see ``route``."""
    return re_path(pattern, page_view(view), kwargs, name=name or view.rpartition(".")[2])


class RoutedPage(RoutablePageMixin):
    """A page with sub-URLs, declared once as data: ``routes = [route("feed/",
    "sovet.events.views.feed_view"), …]``. The first matching route serves, then Wagtail's
    default (the page's own template at its address). ``page.reverse_subpage(name)`` and
    ``{% routablepageurl %}`` work as for Wagtail's ``@path`` methods."""

    routes: tuple = ()

    @classmethod
    def get_subpage_urls(cls):
        return tuple(cls.routes) + super().get_subpage_urls()


def declared_children(parent: type[Page]) -> list[type[Page]]:
    """The page types that name ``parent`` in their ``parent_page_types``.

    For a page of a lower app whose children belong to apps above it: it takes them without
    naming them (see ``clean_subpage_models`` of the memory archive's page)."""
    return [
        model
        for model in get_page_models()
        if getattr(model, "parent_page_types", None) is not None
        and parent in model.clean_parent_page_models()
    ]


def page_section(request, title, template: str, context: dict) -> dict:
    """A block one app adds to another app's page through a `*_sections` hook (an organization's
    card, a person's or a place's page, the home page, "my account"): its heading and HTML."""
    return {"title": title, "html": render_to_string(template, context, request=request)}
