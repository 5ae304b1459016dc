from django.http import Http404

from . import queries
from .forms import SearchForm

RESULTS = 50


def search_view(page, request):
    form = SearchForm(request.GET or None)
    text = form.cleaned_data.get("q", "") if form.is_valid() else request.GET.get("q", "")[:200]
    cards = queries.search(text, limit=RESULTS, keep=form.keeps) if text.strip() else []
    context = {"form": form, "query": text, "cards": cards}
    return page.render(request, context_overrides=context, template="memory/search.html")


def person_view(page, request, pk):
    card = queries.person(pk)
    if card is None:
        raise Http404
    return page.render(request, context_overrides={"card": card}, template="memory/person.html")
