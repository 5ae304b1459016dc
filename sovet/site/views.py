from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale, Page, Site

from sovet.core.filters import list_filters
from sovet.core.markdown import MAX_CHARS, decode_text, render_markdown
from sovet.core.pages import paginate
from sovet.core.search import MAX_QUERY_LENGTH, printable
from sovet.core.site_search import site_search

from .feeds import NewsFeed
from .models import NewsPage

# The HTML site map goes this deep below the home page: sections and their pages (news items
# are listed by the news page, memory cards and places by theirs).
SITE_MAP_DEPTH = 2

# Results of one kind shown when the visitor asks for that kind alone.
ONE_KIND = 50


def search(request):
    """One search over everything public (core.site_search), grouped by kind; `kind` shows
    one kind's results alone, more of them."""
    query = printable(request.GET.get("q", ""), max_length=MAX_QUERY_LENGTH)
    # Searched only if the page's kept fragment is not there (site/search.html); the number and
    # the kind as callables, which the template calls ({% blocktranslate count %} needs a number).
    found = SimpleLazyObject(lambda: _search(request, query, request.GET.get("kind", "")))
    context = {
        "query": query,
        "groups": SimpleLazyObject(lambda: found["groups"]),
        "kind": lambda: found["kind"],
        "total": lambda: sum(group.total for group in found["groups"]),
        "kind_query": urlencode({"q": query}),
    }
    return render(request, "site/search.html", context)


def _search(request, query: str, kind: str) -> dict:
    groups = site_search(query, request) if query else []
    if kind and any(group.name == kind for group in groups):
        groups = [group for group in groups if group.name == kind]
        if groups[0].total > len(groups[0].results):
            groups = [g for g in site_search(query, request, per_kind=ONE_KIND) if g.name == kind]
    else:
        kind = ""
    return {"groups": groups, "kind": kind}


def news_index_view(page, request):
    """A news index: its items, the latest first, optionally of one tag (core.filters)."""
    form = list_filters(page, request)
    news = page.news()
    tag = form.filters().get("tag", "")
    if tag:
        news = news.filter(tags__slug=tag)
    return page.render(
        request,
        context_overrides={
            "form": form,
            # Read only if the page's kept fragment is not there (site/news_index_page.html).
            "news_page": SimpleLazyObject(lambda: paginate(request, news)),
            "tag": tag,
            "extra_query": form.query_string(),
        },
    )


def news_feed_view(page, request):
    return NewsFeed()(request, index=page)


# What a document's page shows in itself: Markdown rendered, plain text as paragraphs.
READABLE = {"md": "markdown", "txt": "text"}


def document_view(page, request, pk):
    """A library document as a page: what it is, its text when it is Markdown or plain text,
    the PDF opened in the browser, and a separate download link."""
    document = page.public_documents().filter(pk=pk).first()
    if document is None:
        raise Http404
    extension = document.file_extension.lower()
    # Read and rendered only if the page's kept fragment is not there (site/document.html):
    # callables, which the template calls.
    readable = SimpleLazyObject(lambda: _readable(document, READABLE.get(extension)))
    return page.render(
        request,
        context_overrides={
            "document": document,
            "extension": extension,
            "body": lambda: readable["body"],
            "text": lambda: readable["text"],
            "too_long": lambda: readable["too_long"],
            "is_pdf": extension == "pdf",
        },
        template="site/document.html",
    )


def _readable(document, kind: str | None) -> dict:
    """A Markdown or text document's text (and Markdown's HTML), unless it is too long."""
    body = text = None
    too_long = False
    if kind:
        try:
            with document.file.open("rb") as file:
                data = file.read(MAX_CHARS * 2 + 1)
        except OSError:
            data = b""
        too_long = len(data) > MAX_CHARS * 2
        if not too_long:
            text = decode_text(data)
            body = render_markdown(text) if kind == "markdown" else None
    return {"body": body, "text": text if kind == "text" else None, "too_long": too_long}


def site_map(request):
    """The site's public pages in the active language, as a tree: what the footer's "Site map"
    opens (sitemap.xml stays for search engines)."""
    # Worked out only if the page's kept fragment is not there (site/site_map.html).
    context = SimpleLazyObject(lambda: _site_map(request))
    return render(
        request,
        "site/site_map.html",
        {name: SimpleLazyObject(lambda name=name: context[name]) for name in ("home", "tree")},
    )


def _site_map(request) -> dict:
    site = Site.find_for_request(request)
    home = site.root_page if site else None
    if home is not None:
        home = home.get_translation_or_none(Locale.get_active()) or home
    tree = []
    if home is not None:
        pages = (
            Page.objects.descendant_of(home)
            .filter(depth__lte=home.depth + SITE_MAP_DEPTH)
            .live()
            .public()
            .not_type(NewsPage)
            .only("title", "url_path", "locale", "alias_of", "path", "depth")
            .order_by("path")
        )
        nodes = {}
        for item in pages:
            node = {"page": item, "children": []}
            nodes[item.path] = node
            parent = nodes.get(item.path[: -Page.steplen])
            if parent is not None:
                parent["children"].append(node)
            elif item.depth == home.depth + 1:
                tree.append(node)
    return {"home": home, "tree": tree}
