"""What the organizations app shows to the site search: the directory's organizations and the
Council's compositions (core.site_search)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sovet.core.i18n import language_of
from sovet.core.lookups import index_page
from sovet.core.site_search import SearchDocument, SearchKind, list_search

from .models import CouncilPage, CouncilSeat, CouncilTerm, Organization, OrganizationIndexPage
from .queries import public_organizations


def _organization(organization: Organization, language: str) -> SearchDocument | None:
    directory = index_page(OrganizationIndexPage)
    if directory is None:
        return None
    text = " ".join(
        part
        # The translated words first, so that a snippet reads in the page's language; the
        # short name only where it is written in it (its fallback is the Russian one).
        for part in (
            organization.description,
            " ".join(tag.name for tag in organization.tags.all()),
            organization.region.name if organization.region else "",
            organization.short_name if language_of(organization, "short_name") == language else "",
            organization.city,
            organization.leader_name,
        )
        if part
    )
    url = directory.organization_url(organization)
    lang = language_of(organization, "name")
    text_lang = language_of(organization, "description") if organization.description else "ru"
    return SearchDocument(organization.name, text, url, None, lang, text_lang)


def _term(term: CouncilTerm, language: str) -> SearchDocument | None:
    page = index_page(CouncilPage)
    if page is None:
        return None
    seats = term.seats.select_related("organization")
    text = " ".join(
        f"{seat.person_name} {seat.organization.name if seat.organization else ''} {seat.biography}"
        for seat in seats
    )
    lang = language_of(term, "title")
    # The members' names and organizations are written in Russian.
    return SearchDocument(term.title, text, page.url, term.approved_on, lang, "ru")


@hooks.register("search_kinds")
def search_kinds():
    return [
        SearchKind(
            "organization",
            _("Organizations"),
            Organization,
            public_organizations,
            _organization,
            order=30,
            more_url=list_search(OrganizationIndexPage),
        ),
        SearchKind(
            "council",
            _("The Council"),
            CouncilTerm,
            lambda: CouncilTerm.objects.all(),
            _term,
            order=35,
            parts=((CouncilSeat, "term_id"),),
        ),
    ]
