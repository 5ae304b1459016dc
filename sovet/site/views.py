from urllib.parse import urlencode

from django.shortcuts import render
from wagtail.models import Locale, Page

from sovet.core.pages import paginate
from sovet.core.search import MAX_QUERY_LENGTH, printable, search_words


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
