from django.http import Http404
from django.shortcuts import redirect
from wagtail import hooks

from sovet.core.filters import list_filters

from . import queries
from .models import CardStatus
from .names.search import cards_of, matches

RESULTS = 50


def search_view(page, request):
    form = list_filters(page, request)
    text = form.filters().get("query", "")
    found = matches(text) if text else []
    cards = [card for card in found if form.keeps(card)]
    form.show_counts(found)
    shown = cards_of(cards[:RESULTS])
    photos = queries.first_photos(shown)
    for card in shown:
        card.first_photo = photos.get(card.pk)
    context = {"form": form, "query": text, "cards": shown, "total": len(cards)}
    return page.render(request, context_overrides=context, template="memory/search.html")


def person_view(page, request, pk):
    card = queries.person(pk)
    if card is None:
        raise Http404
    if card.status == CardStatus.MERGED:
        # The person now has one card: old links and bookmarks lead there.
        if card.merged_into_id is None:
            raise Http404
        return redirect(
            page.url + page.reverse_subpage("person", kwargs={"pk": card.merged_into_id})
        )
    # Other apps' sections (the memorial places where the person is commemorated…).
    sections = [
        section for fn in hooks.get_hooks("person_page_sections") if (section := fn(request, card))
    ]
    context = {"card": card, "sections": sections}
    return page.render(request, context_overrides=context, template="memory/person.html")
