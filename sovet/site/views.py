from django.shortcuts import render
from wagtail.models import Locale, Page

from sovet.core.pages import paginate


def search(request):
    """Site search over live public pages in the active language."""
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = paginate(request, pages.search(query))
    return render(request, "site/search.html", {"query": query, "results": results})
