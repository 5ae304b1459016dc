"""What the events app shows to the site search: published events and the campaigns
(core.site_search)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sovet.core.i18n import language_of
from sovet.core.lookups import index_page
from sovet.core.site_search import SearchDocument, SearchKind, list_search

from .models import Campaign, Event, EventIndexPage
from .queries import published_events


def _event(event: Event, language: str) -> SearchDocument | None:
    calendar = index_page(EventIndexPage)
    if calendar is None:
        return None
    text = " ".join(
        part
        for part in (
            event.description,
            event.venue,
            event.address,
            event.city,
            event.region.name if event.region else "",
            event.edition.campaign.title if event.edition else "",
            event.series.title if event.series else "",
        )
        if part
    )
    day = timezone.localtime(event.starts_at).date()
    lang = language_of(event, "title")
    text_lang = language_of(event, "description") if event.description else lang
    return SearchDocument(event.title, text, calendar.event_path(event), day, lang, text_lang)


def _campaign(campaign: Campaign, language: str) -> SearchDocument | None:
    calendar = index_page(EventIndexPage)
    if calendar is None:
        return None
    url = calendar.url + calendar.reverse_subpage("campaign", kwargs={"slug": campaign.slug})
    lang = language_of(campaign, "title")
    text_lang = language_of(campaign, "description")
    return SearchDocument(campaign.title, campaign.description, url, None, lang, text_lang)


@hooks.register("search_kinds")
def search_kinds():
    return [
        SearchKind("campaign", _("Campaigns"), Campaign, Campaign.objects.all, _campaign, order=15),
        SearchKind(
            "event",
            _("Events"),
            Event,
            published_events,
            _event,
            order=20,
            more_url=list_search(EventIndexPage, past=1),
        ),
    ]
