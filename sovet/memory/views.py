"""The archive's public pages: the search, a person's card and the form to report a card; the
pages of family stories are in stories/views.py, the placard in placard.py."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sovet.core import fragments
from sovet.core.filters import list_filters
from sovet.core.pages import paginate
from sovet.core.public import RateLimit, render_page

from . import queries, services
from .forms import ReportForm
from .models import CardStatus, WarParticipant
from .names.search import cards_of, matches

RESULTS = 50
# Cards on a page when browsing by the filters alone.
BROWSE_PAGE = 20
# Each report e-mails every moderator: a flood from one address must not flood their inboxes.
REPORT_LIMIT = RateLimit(
    "memory-report",
    "5/h",
    _("Too many reports from your address. Please try again in an hour."),
)


def search_view(page, request):
    """The archive's page: a name ranked with the filters applied to it; the filters alone list
    the cards they keep, a page at a time; nothing asked, the latest cards and stories."""
    form = list_filters(page, request)
    filters = form.filters()
    text = filters.get("query", "")
    # Searched and counted only if the page's kept fragment is not there (memory/search.html):
    # every value is lazy, the form too (the search writes its choices' counts into it).
    found = SimpleLazyObject(lambda: _search_context(page, request, form, filters, text))
    if text:
        names, numbers = ("cards",), ("total",)
    elif filters:
        names, numbers = ("cards", "results", "extra_query"), ("total",)
    else:
        names, numbers = ("recent_cards", "recent_stories"), ("people_count",)
    context = {"query": text, "browsing": bool(filters) and not text}
    for name in ("form", "sections", *names):
        context[name] = SimpleLazyObject(lambda name=name: found[name])
    for name in numbers:
        context[name] = fragments.LazyNumber(lambda name=name: found[name])
    return page.render(request, context_overrides=context, template="memory/search.html")


def _search_context(page, request, form, filters, text) -> dict:
    context = {"form": form}
    if text:
        found = matches(text)
        cards = [card for card in found if form.keeps(card)]
        form.show_counts(found)
        shown = cards_of(cards[:RESULTS])
        _add_first_photos(shown)
        context.update(cards=shown, total=len(cards))
    else:
        browse = queries.Browse(filters)
        form.show_browse_counts(browse)
        if filters:
            results = paginate(request, browse.cards(), per_page=BROWSE_PAGE)
            cards = list(results.object_list)
            _add_first_photos(cards)
            context.update(
                cards=cards,
                results=results,
                total=results.paginator.count,
                extra_query=form.query_string(),
            )
        else:
            context.update(
                people_count=queries.people_count(),
                recent_cards=queries.recent_cards(),
                recent_stories=queries.recent_stories(),
            )
    # Other apps' sections (the memorial places…).
    context["sections"] = [
        section for fn in hooks.get_hooks("memory_page_sections") if (section := fn(request, page))
    ]
    return context


def _add_first_photos(cards: list) -> None:
    photos = queries.first_photos(cards)
    for card in cards:
        card.first_photo = photos.get(card.pk)


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
    # Worked out only if the page's kept fragment is not there (memory/person.html).
    sections = SimpleLazyObject(
        lambda: [
            section
            for fn in hooks.get_hooks("person_page_sections")
            if (section := fn(request, card))
        ]
    )
    context = {"card": card, "sections": sections}
    return page.render(request, context_overrides=context, template="memory/person.html")


def report_view(page, request, pk):
    """/<lang>/memory/<pk>/report/: the form, and after it (?sent=1) the thanks."""
    card = WarParticipant.objects.filter(pk=pk, status=CardStatus.PUBLISHED).first()
    if card is None:
        raise Http404
    here = page.person_path(card, "report")
    limited = request.method == "POST" and REPORT_LIMIT.exceeded(request)
    form = ReportForm(request.POST or None)
    status = 200
    if limited:
        status = REPORT_LIMIT.refuse(form)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.report_submit(
            card=card, reason=data["reason"], message=data["message"], email=data["email"]
        )
        return redirect(here + "?sent=1")
    context = {
        "card": card,
        "form": form,
        "sent": request.method == "GET" and request.GET.get("sent") == "1",
        "card_path": page.person_path(card),
        "action": here,
    }
    return render_page(page, request, "memory/report.html", context, status=status)
