from django.shortcuts import render
from wagtail.models import Locale, Page

from sovet.core.pages import paginate

from .feeds import NewsFeed


def search(request):
    """Site search over live public pages in the active language."""
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = paginate(request, pages.search(query))
    return render(request, "site/search.html", {"query": query, "results": results})


def news_index_view(page, request):
    """A news index: its items, the latest first, optionally of one tag."""
    news = page.news()
    tag = request.GET.get("tag", "").strip()[:100]
    if tag:
        news = news.filter(tags__slug=tag)
    return page.render(
        request, context_overrides={"news_page": paginate(request, news), "tag": tag}
    )


def news_feed_view(page, request):
    return NewsFeed()(request, index=page)
