"""What the conferences app shows to the site search: the conferences and the decisions of their
resolutions (core.site_search)."""

from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sovet.core.i18n import language_of
from sovet.core.lookups import index_page
from sovet.core.site_search import SearchDocument, SearchKind

from .models import Conference, ConferenceIndexPage, Decision, Resolution


def _conference(conference: Conference, language: str) -> SearchDocument | None:
    page = index_page(ConferenceIndexPage)
    if page is None:
        return None
    resolution = getattr(conference, "resolution", None)
    title = conference.title or str(conference)
    text = " ".join(
        part
        for part in (
            str(conference),
            conference.city,
            conference.venue,
            resolution.preamble if resolution else "",
        )
        if part
    )
    day = resolution.adopted_on if resolution else None
    lang = language_of(conference, "title") if conference.title else language
    text_lang = language_of(resolution, "preamble") if resolution else language
    return SearchDocument(title, text, page.conference_url(conference), day, lang, text_lang)


def _decision(decision: Decision, language: str) -> SearchDocument | None:
    page = index_page(ConferenceIndexPage)
    if page is None:
        return None
    conference = decision.resolution.conference
    title = gettext("Decision %(number)s: %(text)s") % {
        "number": decision.number,
        "text": Truncator(decision.text).words(12),
    }
    url = f"{page.conference_url(conference)}#decision-{decision.number}"
    text = f"{decision.text} {conference}"
    lang = language_of(decision, "text")
    return SearchDocument(title, text, url, decision.resolution.adopted_on, lang, lang)


@hooks.register("search_kinds")
def search_kinds():
    return [
        SearchKind(
            "conference",
            _("Conferences"),
            Conference,
            lambda: Conference.objects.select_related("resolution"),
            _conference,
            order=40,
            parts=((Resolution, "conference_id"),),
        ),
        SearchKind(
            "decision",
            _("Decisions"),
            Decision,
            lambda: Decision.objects.select_related("resolution__conference"),
            _decision,
            order=45,
        ),
    ]
