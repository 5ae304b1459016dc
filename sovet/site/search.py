"""What the site's own pages show to the site search: pages, news and the documents library
(core.site_search)."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from sovet.core.lookups import index_page
from sovet.core.markdown import decode_text
from sovet.core.site_search import SearchDocument, SearchKind, list_search

from .models import DocumentsPage, NewsPage

# A document's own text is read when it is plain text; at most this much of it.
DOCUMENT_TEXT_BYTES = 200_000
PLAIN_TEXT = (".md", ".txt")


def _strings(value):
    """Every string inside a StreamField's raw data (blocks within blocks)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def page_text(page) -> str:
    """A page's words: its summary, introduction and body, without markup."""
    parts = [page.search_description]
    for name in ("hero_title", "hero_text", "intro"):
        parts.append(str(getattr(page, name, "") or ""))
    for name in ("body", "sections"):
        stream = getattr(page, name, None)
        if isinstance(stream, str):  # a rich text field (a knowledge-base article's body)
            parts.append(stream)
        elif stream is not None:
            parts += [value for value in _strings(stream.raw_data) if not value.isdigit()]
    return " ".join(strip_tags(part) for part in parts if part)


def _written_in(page) -> str:
    """An untranslated page (an alias of the Russian one) shows the Russian text."""
    source = page.alias_of if page.alias_of_id else page
    return source.locale.language_code


def _restricted_pages(restriction) -> list[int]:
    """A page's view restriction, added or lifted, hides or shows it and every page below it."""
    return list(
        Page.objects.descendant_of(restriction.page, inclusive=True).values_list("pk", flat=True)
    )


def _restricted_documents(restriction) -> list[int]:
    """The same for a collection's restriction and the documents in it and below it."""
    collections = Collection.objects.descendant_of(restriction.collection, inclusive=True)
    return list(
        get_document_model().objects.filter(collection__in=collections).values_list("pk", flat=True)
    )


def _public_pages():
    return Page.objects.live().public().not_type(NewsPage).exclude(depth=1).specific()


def _page(page, language: str) -> SearchDocument | None:
    if page.locale.language_code != language:
        return None
    lang = _written_in(page)
    return SearchDocument(page.title, page_text(page), page.url or "", None, lang, lang)


def _news(page: NewsPage, language: str) -> SearchDocument | None:
    if page.locale.language_code != language:
        return None
    lang = _written_in(page)
    return SearchDocument(page.title, page_text(page), page.url or "", page.date, lang, lang)


def _public_documents():
    public = Collection.objects.filter(view_restrictions__isnull=True).values("pk")
    return get_document_model().objects.filter(collection__in=public)


def _document_text(document) -> str:
    if not document.file.name.lower().endswith(PLAIN_TEXT):
        return ""
    try:
        with document.file.open("rb") as stored:
            return decode_text(stored.read(DOCUMENT_TEXT_BYTES))
    except OSError:
        return ""  # a missing file leaves the document findable by its title


def _document(document, language: str) -> SearchDocument | None:
    library = index_page(DocumentsPage)
    if library is None:
        return None
    url = library.url + library.reverse_subpage("document", kwargs={"pk": document.pk})
    text = " ".join(part for part in (document.description, _document_text(document)) if part)
    lang = document.language
    return SearchDocument(document.title, text, url, document.published_on, lang, lang)


@hooks.register("search_kinds")
def search_kinds():
    return [
        SearchKind(
            "page",
            _("Pages"),
            Page,
            _public_pages,
            _page,
            order=10,
            parts=((PageViewRestriction, _restricted_pages),),
        ),
        SearchKind(
            "news",
            _("News"),
            NewsPage,
            lambda: NewsPage.objects.live().public(),
            _news,
            order=12,
            parts=((PageViewRestriction, _restricted_pages),),
        ),
        SearchKind(
            "document",
            _("Documents"),
            get_document_model(),
            _public_documents,
            _document,
            order=60,
            parts=((CollectionViewRestriction, _restricted_documents),),
            more_url=list_search(DocumentsPage),
        ),
    ]
