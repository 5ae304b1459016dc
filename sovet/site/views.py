from urllib.parse import urlencode

from django.shortcuts import render
from wagtail.models import Locale, Page

from sovet.core.filters import list_filters
from sovet.core.pages import paginate
from sovet.core.search import MAX_QUERY_LENGTH, printable, search_words

from .feeds import NewsFeed


def search(request):
    """Site search over live public pages in the active language."""
    query = printable(request.GET.get("q", ""), max_length=MAX_QUERY_LENGTH)
    words = search_words(query)
    results = None
    if words:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = paginate(request, pages.search(words))
    context = {"query": query, "results": results, "extra_query": urlencode({"q": query})}
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
