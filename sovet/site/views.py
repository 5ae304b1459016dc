from urllib.parse import urlencode

from django.shortcuts import render

from sovet.core.filters import list_filters
from sovet.core.pages import paginate
from sovet.core.search import MAX_QUERY_LENGTH, printable
from sovet.core.site_search import site_search

from .feeds import NewsFeed

# Results of one kind shown when the visitor asks for that kind alone.
ONE_KIND = 50


def search(request):
    """One search over everything public (core.site_search), grouped by kind; `kind` shows
    one kind's results alone, more of them."""
    query = printable(request.GET.get("q", ""), max_length=MAX_QUERY_LENGTH)
    kind = request.GET.get("kind", "")
    groups = site_search(query, request) if query else []
    if kind and any(group.name == kind for group in groups):
        groups = [group for group in groups if group.name == kind]
        if groups[0].total > len(groups[0].results):
            groups = [g for g in site_search(query, request, per_kind=ONE_KIND) if g.name == kind]
    else:
        kind = ""
    context = {
        "query": query,
        "groups": groups,
        "kind": kind,
        "total": sum(group.total for group in groups),
        "kind_query": urlencode({"q": query}),
    }
    return render(request, "site/search.html", context)


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
            "news_page": paginate(request, news),
            "tag": tag,
            "extra_query": form.query_string(),
        },
    )


def news_feed_view(page, request):
    return NewsFeed()(request, index=page)
